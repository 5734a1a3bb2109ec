"""The items endpoint as Django views (Django 5.2 LTS / 6.0 style).

Django is not a dependency of this repository, so the tests only compile this file; with Django installed
it runs inside a project whose urls.py includes `urlpatterns` below.
"""

# --8<-- [start:views]
from django.http import HttpRequest, JsonResponse
from django.urls import path

ITEMS = {1: {"id": 1, "name": "Keyboard", "price_cents": 4999}, 2: {"id": 2, "name": "Mouse", "price_cents": 1999}}


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def item_detail(request: HttpRequest, item_id: int) -> JsonResponse:
    item = ITEMS.get(item_id)
    if item is None:
        # In a real project a model lookup would be `get_object_or_404(Item, pk=item_id)`.
        problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": f"No item with id {item_id}"}
        return JsonResponse(problem, status=404, content_type="application/problem+json")
    return JsonResponse(item)


urlpatterns = [
    path("health", health),
    path("items/<int:item_id>", item_detail),  # the <int:...> converter rejects non-numeric ids with a 404
]
# --8<-- [end:views]
