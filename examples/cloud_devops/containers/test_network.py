"""The networking rules the lesson states, checked on its Compose file and on variants that break one rule each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from examples.cloud_devops.containers.network import connect, load, published_beyond_this_machine, waits_until_ready

HERE = Path(__file__).resolve().parent
COMPOSE = HERE / "compose.yaml"
LAB = HERE.parents[2] / "labs" / "deploy_lab"


def variant(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The lesson's Compose file with one change, written where its build context still resolves."""
    document = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    document["services"]["api"]["build"] = str(LAB)
    change(document["services"])
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def test_the_api_reaches_the_database_by_service_name_on_the_container_port() -> None:
    outcome = connect(load(COMPOSE), "api", "db", 5432)
    assert outcome.reached == "db" and not outcome.via_host


def test_localhost_inside_the_api_container_is_the_api_container() -> None:
    outcome = connect(load(COMPOSE), "api", "localhost", 5432)
    assert outcome.reached is None
    assert "own container" in outcome.why
    assert connect(load(COMPOSE), "api", "127.0.0.1", 8000).reached == "api"  # its own server is there


def test_the_host_reaches_the_api_through_its_published_port_and_not_the_database() -> None:
    services = load(COMPOSE)
    assert connect(services, "host", "localhost", 8000).reached == "api"
    assert connect(services, "host", "localhost", 5432).reached is None  # the database is not published
    assert connect(services, "host", "db", 5432).reached is None  # service names exist only inside the network


def test_the_lab_image_listens_on_all_interfaces_inside_its_container() -> None:
    assert load(COMPOSE)["api"].listens == {8000: "0.0.0.0"}  # noqa: S104 - read from the lab Dockerfile's CMD


def test_nothing_is_published_beyond_this_machine() -> None:
    assert published_beyond_this_machine(load(COMPOSE)) == []


def test_a_port_published_without_an_address_is_open_to_the_network(tmp_path: Path) -> None:
    def publish_db(services: dict[str, Any]) -> None:
        services["db"]["ports"] = ["8001:5432"]

    services = load(variant(tmp_path, publish_db))
    assert published_beyond_this_machine(services) == ["db:8001->5432"]
    assert connect(services, "host", "localhost", 8001).reached == "db"
    # Containers still use the container port; the host port means nothing on the project network.
    wrong = connect(services, "api", "db", 8001)
    assert wrong.reached is None and "HOST port" in wrong.why


def test_a_server_bound_to_its_own_loopback_cannot_be_reached_through_a_published_port(tmp_path: Path) -> None:
    def bind_loopback(services: dict[str, Any]) -> None:
        services["api"]["command"] = ["uvicorn", "service.app:app", "--port", "8000"]  # uvicorn's default host

    services = load(variant(tmp_path, bind_loopback))
    assert services["api"].listens == {8000: "127.0.0.1"}
    outcome = connect(services, "host", "localhost", 8000)
    assert outcome.reached is None and "reset" in outcome.why


def test_host_docker_internal_needs_host_gateway_on_linux_and_goes_through_the_host(tmp_path: Path) -> None:
    def via_host(services: dict[str, Any]) -> None:
        services["db"]["ports"] = ["5432:5432"]

    def via_host_mapped(services: dict[str, Any]) -> None:
        via_host(services)
        services["api"]["extra_hosts"] = ["host.docker.internal:host-gateway"]

    assert connect(load(variant(tmp_path, via_host)), "api", "host.docker.internal", 5432).reached is None
    mapped = connect(load(variant(tmp_path, via_host_mapped)), "api", "host.docker.internal", 5432)
    assert mapped.reached == "db" and mapped.via_host


def test_services_on_different_networks_cannot_resolve_each_other(tmp_path: Path) -> None:
    def split(services: dict[str, Any]) -> None:
        services["api"]["networks"] = ["front"]
        services["db"]["networks"] = ["back"]

    def alias(services: dict[str, Any]) -> None:
        services["api"]["networks"] = ["back"]
        services["db"]["networks"] = {"back": {"aliases": ["postgres"]}}

    assert connect(load(variant(tmp_path, split)), "api", "db", 5432).reached is None
    assert connect(load(variant(tmp_path, alias)), "api", "postgres", 5432).reached == "db"


def test_the_api_waits_for_a_database_that_answers_over_tcp() -> None:
    assert waits_until_ready(COMPOSE, "api", "db")


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s["api"].update(depends_on=["db"]),  # only waits for the container to start
        lambda s: s["db"]["healthcheck"].update(test=["CMD", "pg_isready", "-U", "app"]),  # the Unix socket
        lambda s: s["db"].pop("healthcheck"),  # nothing to wait for
    ],
)
def test_weaker_startup_gates_are_not_enough(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    assert not waits_until_ready(variant(tmp_path, change), "api", "db")
