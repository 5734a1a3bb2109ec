"""A passive 'baseline scan' of a running app, the way DAST tools such as ZAP start: look at real responses."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Alert:
    url: str
    problem: str


# --8<-- [start:baseline]
def baseline_scan(client: httpx.Client, paths: list[str]) -> list[Alert]:
    alerts = []
    for path in paths:
        response = client.get(path)
        headers = response.headers
        if "strict-transport-security" not in headers:
            alerts.append(Alert(path, "no Strict-Transport-Security header"))
        if "content-security-policy" not in headers and headers.get("content-type", "").startswith("text/html"):
            alerts.append(Alert(path, "HTML without Content-Security-Policy"))
        if headers.get("x-content-type-options") != "nosniff":
            alerts.append(Alert(path, "no X-Content-Type-Options: nosniff"))
        if "server" in headers and any(ch.isdigit() for ch in headers["server"]):
            alerts.append(Alert(path, f"server version disclosed: {headers['server']}"))
        for cookie in headers.get_list("set-cookie"):
            lowered = cookie.lower()
            for flag in ("secure", "httponly", "samesite"):
                if flag not in lowered:
                    alerts.append(Alert(path, f"cookie without {flag}: {cookie.split('=', 1)[0]}"))
    return alerts


# --8<-- [end:baseline]
