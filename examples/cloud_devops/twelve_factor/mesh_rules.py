"""Checks a reviewer would make by hand on service mesh policy, as code that runs in CI."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

Doc = dict[str, Any]


def load(text: str) -> list[Doc]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


def seconds(duration: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)", duration)
    if match is None:
        raise ValueError(f"not an Istio duration: {duration!r}")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "ms" else value * 60 if unit == "m" else value


# --8<-- [start:rules]
def problems(docs: Iterable[Doc]) -> list[str]:
    docs = list(docs)
    found: list[str] = []
    subsets = {
        (d["spec"]["host"], s["name"]) for d in docs if d["kind"] == "DestinationRule" for s in d["spec"]["subsets"]
    }
    for doc in docs:
        name = f"{doc['kind']}/{doc['metadata']['name']}"
        if doc["kind"] == "PeerAuthentication" and doc["spec"].get("mtls", {}).get("mode") != "STRICT":
            found.append(f"{name}: mTLS mode must be STRICT, or plaintext still gets in")
        if doc["kind"] != "VirtualService":
            continue
        for index, route in enumerate(doc["spec"]["http"]):
            weights = [r.get("weight", 100) for r in route["route"]]
            if sum(weights) != 100:
                found.append(f"{name} http[{index}]: weights add up to {sum(weights)}, not 100")
            for r in route["route"]:
                key = (r["destination"]["host"], r["destination"].get("subset"))
                if key[1] is not None and key not in subsets:
                    found.append(f"{name} http[{index}]: subset {key[1]!r} is not defined by a DestinationRule")
            retries = route.get("retries")
            if retries and "timeout" in route:
                # `attempts` counts retries; perTryTimeout applies to the first try and to each retry.
                tries = retries["attempts"] + 1
                if tries * seconds(retries["perTryTimeout"]) > seconds(route["timeout"]):
                    found.append(f"{name} http[{index}]: {tries} tries can outlast the route timeout")
            if retries and "5xx" in retries.get("retryOn", ""):
                found.append(f"{name} http[{index}]: retrying on 5xx repeats requests that may have run")
    return found


# --8<-- [end:rules]
