"""A client that knows one URL and link relations, never the URL layout or the state rules."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from examples.apis.api_styles.hypermedia import HAL, REL, create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


# --8<-- [start:client]
def follow(client: TestClient, resource: dict[str, Any], rel: str, method: str = "GET", **kwargs: Any) -> Any:
    """Act on a link the server offered; fail loudly if it did not offer it."""
    links = resource["_links"]
    if rel not in links:
        raise LookupError(f"the server offers no {rel!r} here; it offers {sorted(links)}")
    response = client.request(method, links[rel]["href"], **kwargs)
    response.raise_for_status()
    return response.json()


def test_a_client_places_and_pays_an_order_by_following_links(client: TestClient) -> None:
    root = client.get("/").json()
    orders = follow(client, root, REL + "orders")
    order = follow(client, orders, "self", "POST", json={"item": "Dune"})
    assert order["status"] == "pending" and {"payment", REL + "cancel"} <= set(order["_links"])

    paid = follow(client, order, "payment", "POST")
    assert paid["status"] == "paid"
    assert REL + "cancel" not in paid["_links"]  # a paid order can no longer be cancelled: the link is gone
    with pytest.raises(LookupError, match="cancel"):
        follow(client, paid, REL + "cancel", "POST")
    assert follow(client, paid, REL + "ship", "POST")["status"] == "shipped"


# --8<-- [end:client]


def test_responses_are_hal_and_creation_has_a_location(client: TestClient) -> None:
    response = client.post("/orders", json={"item": "Dune"})
    assert response.status_code == 201
    assert response.headers["content-type"] == HAL
    assert response.headers["location"] == response.json()["_links"]["self"]["href"] == "/orders/1"


def test_a_stale_link_gets_409_not_a_silent_state_change(client: TestClient) -> None:
    order = client.post("/orders", json={"item": "Dune"}).json()
    cancel = order["_links"][REL + "cancel"]["href"]  # read while the order was pending
    client.post(order["_links"]["payment"]["href"])
    response = client.post(cancel)
    assert response.status_code == 409 and "paid" in response.json()["detail"]
    assert client.get(order["_links"]["self"]["href"]).json()["status"] == "paid"


def test_cancelled_orders_offer_only_navigation(client: TestClient) -> None:
    order = client.post("/orders", json={"item": "Dune"}).json()
    cancelled = follow(client, order, REL + "cancel", "POST")
    assert set(cancelled["_links"]) == {"self", "collection"}
    assert [o["status"] for o in client.get("/orders").json()["_embedded"]["orders"]] == ["cancelled"]
    assert client.get("/orders/99").status_code == 404
