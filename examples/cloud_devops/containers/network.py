"""Who can reach whom in a Compose project: the rules behind "it works on my laptop but not in the container".

A model, not Docker: it reads a Compose file and answers "from here, does host:port reach a listening process?"
with the reason, following the Docker and Compose networking docs:

- every container has its own network namespace, so `localhost` inside it is the container itself;
- containers on a shared network find each other by service name (or alias), on the CONTAINER port;
- `ports: ["HOST:CONTAINER"]` forwards a port of the host to the container; without an address it listens on all
  of the host's interfaces, with `127.0.0.1:` only on the host's loopback;
- forwarded traffic arrives on the container's network interface, so a process that listens only on 127.0.0.1
  inside its container cannot be reached from outside it, published port or not;
- `host.docker.internal` names the host only on Docker Desktop, or where `extra_hosts` maps it to `host-gateway`.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from labs.deploy_lab.checks.dockerlint import parse, stages

LOOPBACK = {"localhost", "127.0.0.1", "::1"}
ANY = {"0.0.0.0", "::", ""}  # noqa: S104 - "all interfaces" is the thing being modeled
# Images whose server listens on all interfaces of the container on a known port (the postgres image sets
# listen_addresses='*').
IMAGE_LISTENERS = {"postgres": 5432}


@dataclass(frozen=True)
class Published:
    host_ip: str  # "" means every interface of the host
    host_port: int
    container_port: int


@dataclass
class Service:
    name: str
    networks: dict[str, set[str]]  # network -> aliases on it
    published: list[Published]
    listens: dict[int, str]  # container port -> address the process binds inside the container
    extra_hosts: dict[str, str] = field(default_factory=dict)
    network_mode: str | None = None


@dataclass(frozen=True)
class Outcome:
    reached: str | None  # the service whose process answers, or None
    why: str
    via_host: bool = False  # the connection left the Compose network and came back in through a published port


# --8<-- [start:load]
def load(path: Path) -> dict[str, Service]:
    """Read a Compose file (and, for services built here, the CMD of their Dockerfile)."""
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    services: dict[str, Service] = {}
    for name, spec in document["services"].items():
        networks = spec.get("networks") or {"default": None}
        if isinstance(networks, list):
            networks = dict.fromkeys(networks)
        services[name] = Service(
            name=name,
            networks={net: set((cfg or {}).get("aliases", [])) for net, cfg in networks.items()},
            published=[_published(entry) for entry in spec.get("ports", [])],
            listens=_listeners(spec, path.parent),
            extra_hosts=_extra_hosts(spec.get("extra_hosts", [])),
            network_mode=spec.get("network_mode"),
        )
    return services


# --8<-- [end:load]


def _published(entry: str | int | dict[str, Any]) -> Published:
    """One `ports:` entry, short ("127.0.0.1:8000:8000", "8000:8000", "5432") or long syntax."""
    if isinstance(entry, dict):
        target = int(entry["target"])
        return Published(str(entry.get("host_ip", "")), int(entry.get("published", 0)), target)
    text = str(entry).split("/")[0]
    ip = ""
    if text.startswith("["):  # an IPv6 address: "[::1]:8000:8000"
        ip, _, text = text[1:].partition("]:")
    parts = text.split(":")
    if len(parts) == 3:
        ip, parts = parts[0], parts[1:]
    if len(parts) == 1:  # only the container port: Docker picks a random free host port
        return Published(ip, 0, int(parts[0]))
    return Published(ip, int(parts[0]), int(parts[1]))


def _extra_hosts(entries: list[str] | dict[str, str]) -> dict[str, str]:
    if isinstance(entries, dict):
        return {str(k): str(v) for k, v in entries.items()}
    pairs = (entry.replace("=", ":", 1).split(":", 1) for entry in entries)
    return {name: address for name, address in pairs}


def _listeners(spec: dict[str, Any], folder: Path) -> dict[int, str]:
    """Where the service's process listens: from its command, its Dockerfile's CMD, or its image."""
    command = spec.get("command")
    if command is None and "build" in spec:
        build = spec["build"]
        context = folder / (build if isinstance(build, str) else build.get("context", "."))
        dockerfile = context / ("Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile"))
        final = stages(parse(dockerfile.read_text(encoding="utf-8")))[-1]
        command = next(i.args for i in reversed(final) if i.keyword in {"CMD", "ENTRYPOINT"})
        command = json.loads(command) if command.startswith("[") else command
    if command is not None:
        words = shlex.split(command) if isinstance(command, str) else [str(word) for word in command]
        return _server_flags(words)
    image = str(spec.get("image", "")).rsplit("/", 1)[-1].split(":")[0]
    return {IMAGE_LISTENERS[image]: "0.0.0.0"} if image in IMAGE_LISTENERS else {}  # noqa: S104


def _server_flags(words: list[str]) -> dict[int, str]:
    """uvicorn's --host/--port (defaults 127.0.0.1:8000) and gunicorn's --bind host:port."""
    options: dict[str, str] = {}
    for index, word in enumerate(words):
        name, eq, value = word.partition("=")
        if name in {"--host", "--port", "--bind", "-b"}:
            options[name] = value if eq else words[index + 1]
    if "--bind" in options or "-b" in options:
        host, _, port = (options.get("--bind") or options["-b"]).rpartition(":")
        return {int(port): host.strip("[]")}
    if any(word.endswith("uvicorn") for word in words):
        return {int(options.get("--port", "8000")): options.get("--host", "127.0.0.1")}
    if any(word.endswith("gunicorn") for word in words):
        return {8000: "127.0.0.1"}  # gunicorn's default --bind
    return {}


# --8<-- [start:connect]
def connect(services: dict[str, Service], source: str, host: str, port: int) -> Outcome:
    """Open a TCP connection to host:port from `source`: a service's container, or "host" (your machine)."""
    if source == "host":
        return _from_the_host(services, host, port)
    me = services[source]
    if me.network_mode is not None:
        raise ValueError(f"{source}: network_mode {me.network_mode!r} is outside this model (and Docker Desktop)")
    if host in LOOPBACK:
        # The container's own loopback: only a process in this same container can answer.
        if port in me.listens:
            return Outcome(source, f"{source} itself listens on {port}")
        return Outcome(None, f"refused: localhost is {source}'s own container, and nothing in it listens on {port}")
    if host == "host.docker.internal":
        if me.extra_hosts.get(host) != "host-gateway":
            return Outcome(None, "does not resolve: on Linux, map it with extra_hosts: host-gateway")
        back = _from_the_host(services, "0.0.0.0", port)  # noqa: S104 - arrives on the host's bridge address
        return Outcome(back.reached, "through the host: " + back.why, via_host=back.reached is not None)
    target = _by_name(services, me, host)
    if target is None:
        return Outcome(None, f"does not resolve: no service called {host!r} shares a network with {source}")
    if port not in target.listens:
        published = {p.host_port: p.container_port for p in target.published}
        if port in published:
            hint = f"; {port} is its HOST port, containers use the container port {published[port]}"
            return Outcome(None, f"refused: {target.name} does not listen on {port}{hint}")
        return Outcome(None, f"refused: {target.name} does not listen on {port}")
    if target.listens[port] in LOOPBACK:
        return Outcome(None, f"refused: {target.name} listens on {target.listens[port]}, its own loopback, only")
    return Outcome(target.name, f"{target.name} answers on container port {port}")


def _from_the_host(services: dict[str, Service], host: str, port: int) -> Outcome:
    if host not in LOOPBACK | ANY:
        return Outcome(None, f"does not resolve: {host!r} is a name only containers on its network know")
    for service in services.values():
        for mapping in service.published:
            if mapping.host_port != port:
                continue
            if host not in LOOPBACK and mapping.host_ip in LOOPBACK:
                continue  # bound to the host's loopback: other interfaces (and other machines) are refused
            bound = service.listens.get(mapping.container_port)
            if bound is None or bound in LOOPBACK:
                where = "nothing listens" if bound is None else f"the process listens only on {bound}"
                why = f"reset: host port {port} forwards to {service.name}:{mapping.container_port}, where {where}"
                return Outcome(None, why + ", not on the container's network interface")
            return Outcome(service.name, f"host port {port} forwards to {service.name}:{mapping.container_port}")
    return Outcome(None, f"refused: no service publishes host port {port}")


# --8<-- [end:connect]


def _by_name(services: dict[str, Service], me: Service, host: str) -> Service | None:
    """Compose's DNS: a service name or alias, visible only on the networks both containers joined."""
    for service in services.values():
        for network, aliases in service.networks.items():
            if network in me.networks and host in {service.name, *aliases}:
                return service
    return None


def published_beyond_this_machine(services: dict[str, Service]) -> list[str]:
    """Ports other machines on the network can reach: published without a loopback address."""
    return [
        f"{service.name}:{mapping.host_port}->{mapping.container_port}"
        for service in services.values()
        for mapping in service.published
        if mapping.host_ip not in LOOPBACK
    ]


def waits_until_ready(services_file: Path, service: str, dependency: str) -> bool:
    """Does `service` start only once `dependency` passes a health check that goes over TCP?

    `depends_on: [db]` waits for the container to start, not for the database to accept connections. And the
    postgres image's first start runs its init scripts on a temporary server that listens only on a Unix socket,
    so `pg_isready` without `-h` reports ready before port 5432 is open.
    """
    document = yaml.safe_load(services_file.read_text(encoding="utf-8"))["services"]
    depends = document[service].get("depends_on") or {}
    if isinstance(depends, list) or depends.get(dependency, {}).get("condition") != "service_healthy":
        return False
    test = document[dependency].get("healthcheck", {}).get("test", [])
    words = shlex.split(test) if isinstance(test, str) else [str(word) for word in test]
    if not words or words[0] == "NONE" or document[dependency].get("healthcheck", {}).get("disable"):
        return False
    command = shlex.split(words[-1]) if words[0] == "CMD-SHELL" else words[1:]
    if command and command[0] == "pg_isready":
        hosts = [command[i + 1] for i, word in enumerate(command[:-1]) if word in {"-h", "--host"}]
        return bool(hosts) and not hosts[-1].startswith("/")  # a path is a socket directory, not TCP
    return True
