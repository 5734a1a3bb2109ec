"""Acceptance check: the api reaches the database over the project network, this machine reaches the api, nothing
is open to the rest of the network, and the api starts only once the database answers over TCP."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from examples.cloud_devops.containers.network import (
    Service,
    connect,
    load,
    published_beyond_this_machine,
    waits_until_ready,
)


def services(answer: Path) -> dict[str, Service]:
    loaded = load(answer)
    for service in loaded.values():
        assert service.network_mode is None, f"{service.name}: host networking hides the problem on Linux only"
    return loaded


INTERPOLATION = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}")


def environment(answer: Path, service: str) -> dict[str, str]:
    """The service's environment, with ${VARIABLE...} interpolations filled in as Compose would."""
    spec: dict[str, Any] = yaml.safe_load(answer.read_text(encoding="utf-8"))["services"][service]
    env = spec.get("environment") or {}
    if isinstance(env, list):
        env = dict(entry.split("=", 1) for entry in env)
    return {str(key): INTERPOLATION.sub("dev-only", str(value)) for key, value in env.items()}


def test_the_api_reaches_the_database_it_is_configured_for(answer: Path) -> None:
    url = urlsplit(environment(answer, "api")["DATABASE_URL"])
    assert url.hostname and url.port, "DATABASE_URL needs a host and a port"
    outcome = connect(services(answer), "api", url.hostname, url.port)
    assert outcome.reached == "db", f"from the api container, {url.hostname}:{url.port} is {outcome.why}"
    assert not outcome.via_host, "the connection leaves the project network and comes back through the host"


def test_this_machine_reaches_the_api_on_port_8000(answer: Path) -> None:
    outcome = connect(services(answer), "host", "localhost", 8000)
    assert outcome.reached == "api", f"curl localhost:8000: {outcome.why}"


def test_nothing_is_reachable_from_other_machines(answer: Path) -> None:
    exposed = published_beyond_this_machine(services(answer))
    assert exposed == [], f"published on every interface of the host, so open to the network: {exposed}"


def test_the_api_waits_until_the_database_answers_over_tcp(answer: Path) -> None:
    assert waits_until_ready(answer, "api", "db"), (
        "depends_on must wait for db to be healthy, and db's health check must connect over TCP"
    )


@pytest.mark.starter_passes
def test_the_database_keeps_its_data_in_a_named_volume(answer: Path) -> None:
    volumes = yaml.safe_load(answer.read_text(encoding="utf-8"))["services"]["db"].get("volumes", [])
    assert any(str(v).split(":")[1:2] == ["/var/lib/postgresql"] for v in volumes), (
        "PostgreSQL 18's image keeps its data under /var/lib/postgresql: mount the volume there"
    )
