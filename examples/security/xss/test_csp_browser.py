"""In a real browser, the lesson's policy stops the scripts an unescaped page lets in, and runs the nonced one."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest

from examples.security.xss.app import content_security_policy
from examples.security.xss.rendering import UNSAFE, render_profile
from tests.browser import chromium

ORIGIN = "https://shop.test"
# Both payloads record that they ran: an inline event handler and an injected script element.
NAME = (
    "<img src=/missing onerror=\"(window.ran = window.ran || []).push('handler')\">"
    "<script>(window.ran = window.ran || []).push('script')</script>"
)


def open_profile(context: Any, policy: bool) -> Any:
    """Load a profile rendered WITHOUT escaping, with or without the lesson's CSP header."""
    nonce = secrets.token_urlsafe(16)
    html = render_profile(UNSAFE, {"name": NAME, "website": ""}, nonce)
    headers = {"Content-Type": "text/html; charset=utf-8"}
    if policy:
        headers["Content-Security-Policy"] = content_security_policy(nonce)

    def handle(route: Any) -> None:
        if route.request.url == f"{ORIGIN}/profile":
            route.fulfill(status=200, headers=headers, body=html)
        else:
            route.fulfill(status=404, body="")  # the image fails, so its onerror handler is due

    page = context.new_page()
    page.route(f"{ORIGIN}/**", handle)
    page.goto(f"{ORIGIN}/profile")  # waits for the load event, which waits for the image to fail
    return page


# --8<-- [start:browser]
@pytest.mark.browser
def test_the_policy_blocks_injected_scripts_and_runs_the_nonced_one(tmp_path: Path) -> None:
    with chromium(tmp_path) as context:
        unprotected = open_profile(context, policy=False)
        assert set(unprotected.evaluate("window.ran")) == {"script", "handler"}, "without a policy both payloads run"
        protected = open_profile(context, policy=True)
        assert protected.evaluate("window.ran === undefined"), "with the policy neither payload runs"
        assert protected.evaluate("typeof profile") == "object", "the script carrying the nonce still runs"


# --8<-- [end:browser]
