"""The nginx model the exercise check relies on applies nginx's rules, pinned on small configurations and on the
lesson's own site file."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.web_foundations.web_servers_and_reverse_proxies.nginx_model import (
    Location,
    locations,
    parse,
    server_named,
    size_in_bytes,
)

LESSON_SITE = Path(__file__).resolve().parents[3] / "examples/web_foundations/reverse_proxy/nginx.conf"


OLD, NEW = (1, 26, 3), (1, 30, 0)


def only_location(text: str, version: tuple[int, ...] = OLD) -> Location:
    root = parse(text)
    return next(iter(locations(root, server_named(root, "x", "80"), version).values()))


def test_a_location_with_its_own_proxy_set_header_inherits_none() -> None:
    place = only_location(
        'server { listen 80; server_name x; proxy_set_header X-A 1; location / { proxy_set_header X-B "2"; } }'
    )
    assert place.proxy_headers() == {"host": "$proxy_host", "connection": "close", "x-b": "2"}


def test_defaults_changed_in_nginx_1_29_7() -> None:
    text = "server { listen 80; server_name x; location / { proxy_pass http://app; } }"
    assert not only_location(text, OLD).reuses_upstream_connections()  # HTTP/1.0 and Connection: close
    assert only_location(text, NEW).reuses_upstream_connections()  # HTTP/1.1 and no Connection header
    assert only_location(text, NEW).proxy_headers() == {"host": "$proxy_host"}


def test_a_location_without_any_inherits_the_servers() -> None:
    place = only_location("server { listen 80; server_name x; proxy_set_header X-A 1; location / { } }")
    assert place.proxy_headers()["x-a"] == "1"


def test_ordinary_directives_inherit_until_overridden() -> None:
    root = parse(
        "client_max_body_size 2m;"
        "server { listen 80; server_name x; location /a { } location /b { client_max_body_size 0; } }"
    )
    places = locations(root, server_named(root, "x", "80"), OLD)
    assert places["/a"].max_body() == 2 * 1024 * 1024
    assert places["/b"].max_body() == float("inf")


def test_sizes_and_syntax_errors() -> None:
    assert size_in_bytes("512k") == 512 * 1024
    assert size_in_bytes("1M") == 1024 * 1024
    with pytest.raises(ValueError):
        size_in_bytes("1.5m")
    with pytest.raises(ValueError):
        parse("server { listen 80 }")


def test_the_lessons_site_forwards_the_client_and_keeps_connections() -> None:
    root = parse(LESSON_SITE.read_text(encoding="utf-8"))
    app = locations(root, server_named(root, "api.example.com", "443"), OLD)["/"]
    headers = app.proxy_headers()
    assert headers["x-forwarded-for"] == "$proxy_add_x_forwarded_for"
    assert headers["x-forwarded-proto"] == "$scheme"
    assert headers["host"] == "$host"
    assert app.reuses_upstream_connections()  # on nginx before 1.29.7 too
