"""Where the grader finds the fake provider: ORDERS_PROVIDER_URL, or the one `run-with` started for a port."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx


def state_file(service_port: int) -> Path:
    return Path(tempfile.gettempdir()) / f"capstones-orders-provider-{service_port}.url"


def ping(url: str) -> bool:
    try:
        return httpx.get(f"{url}/_grader/ping", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def provider_url(service_base_url: str) -> str | None:
    if url := os.environ.get("ORDERS_PROVIDER_URL"):
        return url.rstrip("/")
    port = urlsplit(service_base_url).port
    state = state_file(port) if port else None
    if state is not None and state.exists():
        return state.read_text(encoding="utf-8").strip()
    return None
