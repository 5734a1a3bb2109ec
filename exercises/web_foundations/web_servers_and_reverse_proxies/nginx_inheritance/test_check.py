"""Acceptance check: in every location that proxies to the app, nginx sends the original Host, the client chain
in X-Forwarded-For and the scheme in X-Forwarded-Proto, and reuses upstream connections (HTTP/1.1 with an empty
Connection header); only the uploads location accepts bodies up to 20 MB.

The file is read by nginx_model.py, which applies nginx's inheritance rules, so the check tests what nginx would
do in each location, not which lines the file contains.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.web_foundations.web_servers_and_reverse_proxies.nginx_model import (
    Location,
    locations,
    parse,
    server_named,
    upstream,
)

MB = 1024 * 1024
NGINX = (1, 26, 3)  # the distribution's package, older than keepalive by default (nginx 1.29.7)
FORWARDING = {"host": "$host", "x-forwarded-for": "$proxy_add_x_forwarded_for", "x-forwarded-proto": "$scheme"}


def site(answer: Path) -> dict[str, Location]:
    root = parse(answer.read_text(encoding="utf-8"))
    return locations(root, server_named(root, "shop.example.com", "443"), NGINX)


def proxied(answer: Path) -> dict[str, Location]:
    found = {path: place for path, place in site(answer).items() if place.proxy_pass() == "http://app_servers"}
    assert {"/", "/api/", "/api/uploads/"} <= set(found), f"locations proxying to the app: {sorted(found)}"
    return found


def test_every_proxied_location_forwards_the_client(answer: Path) -> None:
    for path, place in proxied(answer).items():
        headers = place.proxy_headers()
        for name, value in FORWARDING.items():
            assert headers.get(name) == value, (
                f"location {path} sends {name}: {headers.get(name)!r}, not {value!r}; a location that sets any "
                "proxy_set_header inherits none from the server block"
            )


def test_every_proxied_location_reuses_upstream_connections(answer: Path) -> None:
    root = parse(answer.read_text(encoding="utf-8"))
    pool = upstream(root, "app_servers")
    assert pool is not None and pool.values("keepalive"), "the upstream keepalive pool must stay"
    for path, place in proxied(answer).items():
        assert place.proxy_http_version() == "1.1", f"location {path} talks HTTP/1.0 to the upstream (nginx 1.26)"
        assert place.reuses_upstream_connections(), (
            f"location {path} sends Connection: {place.proxy_headers().get('connection')!r}, so nginx 1.26 closes "
            'every upstream connection; it needs proxy_set_header Connection ""'
        )


def test_only_uploads_accept_twenty_megabytes(answer: Path) -> None:
    places = proxied(answer)
    assert places["/api/uploads/"].max_body() >= 20 * MB, "a 20 MB photo must fit"
    for path in ("/", "/api/"):
        assert places[path].max_body() <= 1 * MB, f"location {path} now accepts more than the 1 MB default"


@pytest.mark.starter_passes
def test_plain_http_still_redirects_to_https(answer: Path) -> None:
    root = parse(answer.read_text(encoding="utf-8"))
    redirect = server_named(root, "shop.example.com", "80")
    assert redirect.values("return") == [["301", "https://$host$request_uri"]]
