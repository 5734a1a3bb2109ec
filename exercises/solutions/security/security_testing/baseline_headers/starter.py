"""A reference solution: the lesson's baseline scan plus a CSP check that reads the policy the way a browser does,
and a Referrer-Policy check."""

import httpx

from examples.security.security_testing.dast import Alert

WEAK_REFERRER_POLICIES = {"unsafe-url", "no-referrer-when-downgrade"}


def directives(policy: str) -> dict[str, list[str]]:
    """`script-src 'self' 'nonce-x'; object-src 'none'` as {"script-src": ["'self'", "'nonce-x'"], ...}."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.strip().split()
        if tokens:
            parsed.setdefault(tokens[0].lower(), [t.lower() for t in tokens[1:]])  # the first one wins
    return parsed


def allows_inline_script(policy: str) -> bool:
    found = directives(policy)
    sources = found.get("script-src", found.get("default-src"))
    if sources is None:
        return True  # nothing governs scripts at all
    # A nonce or hash makes CSP Level 3 browsers ignore 'unsafe-inline' (it stays only for very old ones).
    pinned = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources)
    return "'unsafe-inline'" in sources and not pinned


def header_alerts(path: str, headers: httpx.Headers) -> list[Alert]:
    alerts = []
    if "strict-transport-security" not in headers:
        alerts.append(Alert(path, "no Strict-Transport-Security header"))
    is_html = headers.get("content-type", "").startswith("text/html")
    policy = headers.get("content-security-policy")
    if is_html and policy is None:
        alerts.append(Alert(path, "HTML without Content-Security-Policy"))
    elif is_html and allows_inline_script(policy):
        alerts.append(Alert(path, "CSP lets inline scripts run: 'unsafe-inline' without a nonce or hash"))
    if is_html:
        referrer = headers.get("referrer-policy", "").strip().lower()
        if not referrer or referrer in WEAK_REFERRER_POLICIES:
            alerts.append(Alert(path, f"weak or missing Referrer-Policy: {referrer or 'none'}"))
    if headers.get("x-content-type-options") != "nosniff":
        alerts.append(Alert(path, "no X-Content-Type-Options: nosniff"))
    if "server" in headers and any(ch.isdigit() for ch in headers["server"]):
        alerts.append(Alert(path, f"server version disclosed: {headers['server']}"))
    return alerts


def cookie_alerts(path: str, headers: httpx.Headers) -> list[Alert]:
    alerts = []
    for cookie in headers.get_list("set-cookie"):
        lowered = cookie.lower()
        for flag in ("secure", "httponly", "samesite"):
            if flag not in lowered:
                alerts.append(Alert(path, f"cookie without {flag}: {cookie.split('=', 1)[0]}"))
    return alerts


def baseline_scan(client: httpx.Client, paths: list[str]) -> list[Alert]:
    alerts = []
    for path in paths:
        headers = client.get(path).headers
        alerts += header_alerts(path, headers) + cookie_alerts(path, headers)
    return alerts
