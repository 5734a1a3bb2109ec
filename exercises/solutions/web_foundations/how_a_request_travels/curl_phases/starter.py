"""A reference solution: curl's time_* values are moments measured from the start of the transfer, so a phase
lasts from the moment before it to its own; without TLS, time_appconnect is 0 and is skipped."""

from __future__ import annotations

FIELDS = ("time_namelookup", "time_connect", "time_appconnect", "time_starttransfer", "time_total")
PHASES = ("dns", "tcp", "tls", "server", "download")


def parse(line: str) -> dict[str, float]:
    """One line of the -w output, as seconds by curl variable name."""
    return dict(zip(FIELDS, (float(value) for value in line.split()), strict=True))


def phases(timings: dict[str, float]) -> dict[str, float]:
    """Seconds spent in each phase of one request."""
    dns = timings["time_namelookup"]
    connected = timings["time_connect"]
    # time_appconnect is 0.0 when no TLS handshake happened (plain http://): the TLS phase then took no time,
    # and the server's wait starts when TCP connected.
    secured = timings["time_appconnect"] or connected
    first_byte = timings["time_starttransfer"]
    return {
        "dns": dns,
        "tcp": connected - dns,
        "tls": secured - connected,
        "server": first_byte - secured,  # the request going out, the server working, the first byte coming back
        "download": timings["time_total"] - first_byte,
    }


def slowest(timings: dict[str, float]) -> str:
    spent = phases(timings)
    return max(PHASES, key=lambda phase: spent[phase])
