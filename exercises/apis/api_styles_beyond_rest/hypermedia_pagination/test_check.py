"""Acceptance check: a client that knows only the entry URL, the `limit` parameter of the orders link and link
relations collects every order by following `next`; `_links.next` and the `Link` header agree; each page's `self`
names that page; the last page offers no `next`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from examples.apis.api_styles.hypermedia import REL
from exercises import load_module


def shop(answer: Path, orders: int) -> tuple[TestClient, str]:
    client = TestClient(load_module(answer).create_app())
    orders_href = client.get("/").json()["_links"][REL + "orders"]["href"]
    for n in range(orders):
        assert client.post(orders_href, json={"item": f"Book {n}"}).status_code == 201
    return client, orders_href


def link_header_next(response: Any) -> str | None:
    """The target of rel="next" in an RFC 8288 Link header, or None."""
    for target, params in re.findall(r"<([^>]*)>\s*((?:;[^,]*)*)", response.headers.get("link", "")):
        if re.search(r'rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?', params):
            return target
    return None


def collect(client: TestClient, orders_href: str, limit: int) -> tuple[list[int], list[Any]]:
    response = client.get(orders_href, params={"limit": limit})  # the only URL the client adds anything to
    seen: list[int] = []
    pages = []
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append((response, page))
        seen += [order["id"] for order in page["_embedded"]["orders"]]
        following = page["_links"].get("next", {}).get("href")
        assert following == link_header_next(response), "_links.next and the Link header must name the same page"
        if following is None:
            return seen, pages
        assert len(pages) < 20, "next links go round in circles"
        response = client.get(following)  # followed exactly as given: no URL building


@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_every_order_once_by_following_next(answer: Path, limit: int) -> None:
    client, orders_href = shop(answer, 5)
    seen, pages = collect(client, orders_href, limit)
    assert seen == [1, 2, 3, 4, 5], f"with limit={limit} the client collected {seen}"
    assert all(len(page["_embedded"]["orders"]) <= limit for _, page in pages), "next links must keep the limit"


def test_each_page_names_itself(answer: Path) -> None:
    client, orders_href = shop(answer, 5)
    _, pages = collect(client, orders_href, 2)
    assert len(pages) == 3, "five orders at two per page are three pages"
    second_response, second = pages[1]
    requested = second_response.request.url
    assert second["_links"]["self"]["href"] in (str(requested), requested.raw_path.decode()), (
        "self must identify this page, not the whole collection"
    )


@pytest.mark.starter_passes
def test_a_single_page_has_no_next_and_bad_limits_are_refused(answer: Path) -> None:
    client, orders_href = shop(answer, 3)
    response = client.get(orders_href, params={"limit": 10})
    assert "next" not in response.json()["_links"] and link_header_next(response) is None
    assert client.get(orders_href, params={"limit": 0}).status_code == 422
