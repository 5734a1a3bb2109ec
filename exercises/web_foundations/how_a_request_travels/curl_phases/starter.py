"""Exercise: the dashboard that blames TLS.

A cron job runs this every minute and charts one bar per phase:

    curl -o /dev/null -s -w '%{time_namelookup} %{time_connect} %{time_appconnect} \
%{time_starttransfer} %{time_total}\n' https://api.example.com/orders/42

Symptom: the chart shows the "server" bar taller than anything else on every request, a teammate wants to buy a
faster TLS terminator because the TLS bar is second, and the chart for the plain-HTTP health endpoint shows a
negative bar nobody can explain.

Diagnose it with the check (`make exercise ID=web_foundations/how_a_request_travels/curl_phases`): read what each
curl variable measures in `man curl` (under --write-out), then make `phases()` return how long each phase took
on its own, and `slowest()` name the phase to look at first.
"""

from __future__ import annotations

FIELDS = ("time_namelookup", "time_connect", "time_appconnect", "time_starttransfer", "time_total")
PHASES = ("dns", "tcp", "tls", "server", "download")


def parse(line: str) -> dict[str, float]:
    """One line of the -w output above, as seconds by curl variable name."""
    return dict(zip(FIELDS, (float(value) for value in line.split()), strict=True))


def phases(timings: dict[str, float]) -> dict[str, float]:
    """Seconds spent in each phase of one request."""
    return {
        "dns": timings["time_namelookup"],
        "tcp": timings["time_connect"],
        "tls": timings["time_appconnect"],
        "server": timings["time_starttransfer"],
        "download": timings["time_total"],
    }


def slowest(timings: dict[str, float]) -> str:
    spent = phases(timings)
    return max(PHASES, key=lambda phase: spent[phase])
