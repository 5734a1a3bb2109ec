"""Pin the method table, status classes, negotiation and cookie attributes the lesson describes."""

import pytest
from fastapi.testclient import TestClient

from examples.web_foundations.http_semantics.app import BOOKS, app, choose_media_type
from examples.web_foundations.http_semantics.methods import METHODS, may_retry_automatically, status_class


@pytest.fixture
def client():
    snapshot = dict(BOOKS)
    with TestClient(app, base_url="https://testserver") as c:
        yield c
    BOOKS.clear()
    BOOKS.update(snapshot)


def test_every_safe_method_is_idempotent():
    assert all(p.idempotent for p in METHODS.values() if p.safe)


def test_put_and_delete_are_idempotent_but_not_safe():
    for name in ("PUT", "DELETE"):
        assert METHODS[name].idempotent and not METHODS[name].safe


def test_post_is_retried_only_with_an_idempotency_key():
    assert not may_retry_automatically("POST")
    assert may_retry_automatically("POST", idempotency_key=True)
    assert may_retry_automatically("get")
    assert not may_retry_automatically("BREW")


@pytest.mark.parametrize(
    ("code", "cls"),
    [(101, "informational"), (204, "successful"), (304, "redirection"), (429, "client error"), (503, "server error")],
)
def test_status_classes(code, cls):
    assert status_class(code) == cls


@pytest.mark.parametrize("code", [99, 600, 999])
def test_an_invalid_status_code_is_treated_as_a_server_error(code):
    assert status_class(code) == "server error"


def test_negotiation_follows_q_values_and_specificity():
    offered = ["application/json", "text/csv"]
    assert choose_media_type("text/csv;q=0.9, application/json;q=0.5", offered) == "text/csv"
    assert choose_media_type("*/*", offered) == "application/json"
    assert choose_media_type("text/*, application/json;q=0.1", offered) == "text/csv"
    assert choose_media_type("text/*;q=0.5, text/csv;q=0", offered) is None
    assert choose_media_type("image/png", offered) is None


@pytest.mark.parametrize("bad", ["q=high", "q=2", "q=0.5555", "q=-1", "q=.5"])
def test_a_malformed_q_value_skips_that_element(bad):
    offered = ["application/json", "text/csv"]
    assert choose_media_type(f"text/csv;{bad}, application/json;q=0.1", offered) == "application/json"


def test_q_values_at_the_edges_of_the_grammar():
    offered = ["application/json", "text/csv"]
    assert choose_media_type("text/csv;q=1.000, application/json;q=0.999", offered) == "text/csv"
    assert choose_media_type("text/csv;Q=0.001", offered) == "text/csv"


def test_books_as_csv_and_json(client):
    csv_response = client.get("/books", headers={"Accept": "text/csv"})
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert csv_response.text.splitlines()[0] == "id,title,year"
    assert csv_response.headers["vary"] == "Accept"
    assert client.get("/books").json()[0]["title"] == "Pro Git"


def test_unacceptable_type_is_406_and_varies_on_accept(client):
    response = client.get("/books", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["vary"] == "Accept"
    assert client.get("/books", headers={"Accept": "text/csv;q=oops"}).status_code == 406  # not a 500


def test_post_creates_with_201_and_location(client):
    response = client.post("/books", json={"title": "HTTP: The Definitive Guide", "year": 2002})
    assert response.status_code == 201
    assert response.headers["location"] == f"/books/{response.json()['id']}"
    assert client.get(response.headers["location"]).json()["year"] == 2002


def test_an_id_is_never_handed_out_twice(client):
    first = client.post("/books", json={"title": "One", "year": 2001}).json()["id"]
    assert client.delete(f"/books/{first}").status_code == 204
    assert client.delete("/books/1").status_code == 204  # the catalog is now empty
    second = client.post("/books", json={"title": "Two", "year": 2002})
    assert second.status_code == 201
    assert second.json()["id"] not in {1, first}, "a deleted book's id went to a new book"


def test_invalid_body_is_422_and_wrong_method_is_405(client):
    assert client.post("/books", json={"title": "no year"}).status_code == 422
    wrong = client.put("/books")
    assert wrong.status_code == 405
    assert "GET" in wrong.headers["allow"]


def test_delete_twice_gives_the_same_state(client):
    assert client.delete("/books/1").status_code == 204
    assert client.delete("/books/1").status_code == 204
    assert client.get("/books/1").status_code == 404


def test_login_cookie_attributes_and_use(client):
    response = client.post("/login")
    cookie = response.headers["set-cookie"].lower()
    for attribute in ("httponly", "secure", "samesite=lax", "max-age=3600", "path=/"):
        assert attribute in cookie
    assert client.get("/me").status_code == 200  # the client sends the cookie back on the same origin


def test_me_without_cookie_is_401_with_challenge(client):
    response = client.get("/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Cookie realm=")
