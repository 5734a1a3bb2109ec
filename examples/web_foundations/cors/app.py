"""CORS with Starlette's middleware: an exact origin allow-list, credentials and preflight caching."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

# --8<-- [start:config]
app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],  # exact origins; never "*" together with credentials
    allow_credentials=True,  # lets the browser send cookies and expose the response to the page
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Content-Type", "X-Request-Id"],
    expose_headers=["X-Request-Id"],  # response headers the page's JavaScript may read
    max_age=600,  # browsers may cache a successful preflight this many seconds
)
# --8<-- [end:config]


@app.get("/api/profile")
def profile(request: Request) -> dict[str, str | bool]:
    return {"name": "Ada", "sent_cookie": "session" in request.cookies}


@app.delete("/api/profile")
def delete_profile() -> dict[str, bool]:
    return {"deleted": True}


public = FastAPI()
# --8<-- [start:public]
public.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])  # open data, no credentials


@public.get("/api/exchange-rates")
def rates() -> dict[str, float]:
    return {"EUR": 1.0, "USD": 1.08}


# --8<-- [end:public]
