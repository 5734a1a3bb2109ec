"""Rendering untrusted text into HTML: one unsafe environment, one safe, and the contexts that differ."""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Environment, select_autoescape

# The same template source is rendered by both environments.
PROFILE = """<h1>{{ user.name }}</h1>
<a href="{{ user.website | safe_url }}" title="{{ user.name }}">website</a>
<script nonce="{{ nonce }}">const profile = {{ user | tojson }};</script>"""


# --8<-- [start:environments]
def safe_url(value: str) -> str:
    """URLs need more than escaping: `javascript:alert(1)` contains no character that HTML-escaping changes."""
    return value if urlsplit(value).scheme in {"http", "https"} else "about:blank"


def make_environment(*, autoescape: bool) -> Environment:
    if not autoescape:
        unsafe = Environment(autoescape=False)  # noqa: S701 - the deliberately vulnerable variant
        unsafe.filters["safe_url"] = lambda value: value
        return unsafe
    env = Environment(autoescape=select_autoescape(default_for_string=True, default=True))
    env.filters["safe_url"] = safe_url
    return env


UNSAFE = make_environment(autoescape=False)
SAFE = make_environment(autoescape=True)


def render_profile(env: Environment, user: dict[str, str], nonce: str = "") -> str:
    return env.from_string(PROFILE).render(user=user, nonce=nonce)


# --8<-- [end:environments]
