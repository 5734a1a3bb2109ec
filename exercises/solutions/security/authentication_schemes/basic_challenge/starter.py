"""A reference solution: RFC 7617 decoding, one 401 with the challenge for every failure, nothing secret logged.

The lesson's `examples/security/auth_schemes/basic.py` does the decoding and the hash check; the dependency only
turns its answer into HTTP.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request

from examples.security.auth_schemes.basic import CHALLENGE, authenticate, parse_basic

log = logging.getLogger("reports")


def basic_user(request: Request) -> str:
    header = request.headers.get("authorization")
    user_id = authenticate(header, request.app.state.users)
    if user_id is None:
        # Log who tried, never what they sent: the header is the password, only base64-encoded.
        claimed = parse_basic(header)
        log.info("basic auth failed for %r", claimed[0] if claimed else None)
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": CHALLENGE})
    return user_id


def create_app(users: Mapping[str, str]) -> FastAPI:
    app = FastAPI()
    app.state.users = users

    @app.get("/export")
    def export(user: Annotated[str, Depends(basic_user)]) -> dict[str, str]:
        return {"report": "q4.csv", "for": user}

    return app
