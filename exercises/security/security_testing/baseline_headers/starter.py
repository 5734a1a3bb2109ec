"""Exercise: the baseline scan that passed a policy with 'unsafe-inline'.

Symptom: a penetration test found a stored XSS on the help-center pages although the nightly baseline scan was
green. Those pages send `Content-Security-Policy: script-src 'self' 'unsafe-inline'`, which lets every injected
inline script run, and the scan only checks that some policy is there. The testers also noted that the password
reset pages leak their tokens to third-party analytics through the Referer header: nothing sets a
Referrer-Policy, and one page sends `Referrer-Policy: unsafe-url`.

Diagnose it with the check (`make exercise ID=security/security_testing/baseline_headers`).

Fix: add two alerts to `baseline_scan` for HTML responses. One whose problem mentions `unsafe-inline` when the
policy that governs scripts (script-src, or default-src when there is no script-src) allows 'unsafe-inline' with
no nonce or hash beside it (CSP Level 3 browsers ignore 'unsafe-inline' when a nonce or hash is present). One
whose problem mentions `Referrer-Policy` when the header is missing or is `unsafe-url` or
`no-referrer-when-downgrade` (ASVS 3.4.5). Keep every existing alert.
"""

import httpx

from examples.security.security_testing.dast import Alert


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
