"""Exercise: the search page that runs whatever you search for.

Symptom: support forwarded a link that customers received by email, `/search?q=` followed by a long encoded
string. Opening it on the shop's own domain shows a "session expired, sign in again" form that posts the password
to another site. The search page echoes `q` in three places: the search box, the heading and the analytics
snippet.

Diagnose it with the check (`make exercise ID=security/xss_prevention/reflected_search`): it sends payloads
built for each of the three places and parses the page the way a browser would.

Fix: encode `q` for each context it lands in (render through an auto-escaping Jinja environment, and put it into
the script as JSON with `tojson`), and send the lesson's strict, nonce-based Content-Security-Policy, with the
nonce on the analytics script. Keep the analytics snippet's shape: `window.analytics = <a JSON object>;`.
"""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/search", response_class=HTMLResponse)
    def search(q: str = "") -> HTMLResponse:
        # A "quick" page: an f-string never passes through the template engine, so nothing is escaped.
        html = f"""<!doctype html>
<title>Search</title>
<form action="/search"><input name="q" value="{q}"><button>Search</button></form>
<h1>Results for {q}</h1>
<p>No products match.</p>
<script>window.analytics = {{"event": "search", "term": "{q}"}};</script>"""
        return HTMLResponse(html)

    return app
