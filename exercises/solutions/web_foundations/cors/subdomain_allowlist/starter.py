"""A reference solution: a pattern anchored at a label boundary, with every dot escaped, and no `null`.

`null` is the origin of sandboxed iframes, local files and some redirects; any site can produce it, so it must
never be allowed with credentials. Design previews belong on a real origin, such as a preview subdomain.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

# One or more DNS labels followed by a dot, optionally, then the exact domain. Starlette matches the whole
# Origin (fullmatch), so nothing may follow: no port, no path, no suffix such as .evil.net.
SUBDOMAINS_OF_EXAMPLE = r"https://([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*example\.com"


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origin_regex=SUBDOMAINS_OF_EXAMPLE,
        allow_credentials=True,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type"],
    )

    @app.get("/api/profile")
    def profile(request: Request) -> dict[str, str | bool]:
        return {"name": "Ada", "sent_cookie": "session" in request.cookies}

    return app
