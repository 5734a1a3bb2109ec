"""Just enough of nginx's configuration semantics to check an exercise without nginx installed.

It tokenizes a site file (the part that goes inside `http { ... }`), builds the block tree, and answers what
nginx would apply in a given location: a directive set in the location wins, otherwise the server's, otherwise
the file's (http) level, otherwise nginx's default. Array-like directives such as `proxy_set_header` follow
nginx's rule that a level inherits them only if it defines none of its own.

Defaults depend on the version: nginx 1.29.7 (and so the 1.30 stable line) made upstream keepalive the default,
with HTTP/1.1 to the upstream and no Connection header; older versions speak HTTP/1.0 and send
`Connection: close` unless configured otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Version = tuple[int, ...]
KEEPALIVE_BY_DEFAULT: Version = (1, 29, 7)


def default_headers(version: Version) -> dict[str, str]:
    """The fields proxy_pass sets unless told otherwise."""
    if version >= KEEPALIVE_BY_DEFAULT:
        return {"host": "$proxy_host"}
    return {"host": "$proxy_host", "connection": "close"}


def default_http_version(version: Version) -> str:
    return "1.1" if version >= KEEPALIVE_BY_DEFAULT else "1.0"


SIZE = re.compile(r"^(\d+)([kKmMgG]?)$")


@dataclass
class Block:
    name: str
    args: list[str]
    directives: list[tuple[str, list[str]]] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    def values(self, name: str) -> list[list[str]]:
        return [args for directive, args in self.directives if directive == name]


def tokens(text: str) -> list[str]:
    out: list[str] = []
    pattern = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|(#[^\n]*)|([{};])|([^\s{};"\'#]+)')
    for match in pattern.finditer(text):
        double, single, comment, punct, word = match.groups()
        if comment is not None:
            continue
        out.append(double if double is not None else single if single is not None else punct or word)
    return out


def parse(text: str) -> Block:
    root = Block("http", [])
    stack, words = [root], []
    for piece in tokens(text):
        if piece == ";":
            stack[-1].directives.append((words[0], words[1:]))
            words = []
        elif piece == "{":
            child = Block(words[0], words[1:])
            stack[-1].children.append(child)
            stack.append(child)
            words = []
        elif piece == "}":
            if words or len(stack) == 1:
                raise ValueError("unbalanced braces or a directive without ';'")
            stack.pop()
        else:
            words.append(piece)
    if words or len(stack) != 1:
        raise ValueError("unterminated directive or block")
    return root


def size_in_bytes(value: str) -> float:
    match = SIZE.match(value)
    if not match:
        raise ValueError(f"not an nginx size: {value!r}")
    number, unit = int(match.group(1)), match.group(2).lower()
    if number == 0:
        return float("inf")  # client_max_body_size 0 disables the check
    return number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]


@dataclass
class Location:
    """One location of one server, with the levels above it, innermost first."""

    path: str
    levels: list[Block]
    version: Version

    def setting(self, name: str, default: str) -> str:
        for level in self.levels:
            found = level.values(name)
            if found:
                return " ".join(found[-1])
        return default

    def proxy_headers(self) -> dict[str, str]:
        """The header fields nginx sets on the proxied request; "" means the field is not sent."""
        defaults = default_headers(self.version)
        for level in self.levels:
            found = level.values("proxy_set_header")
            if found:  # this level defines some, so nothing is inherited from the levels above
                headers = {args[0].lower(): args[1] if len(args) > 1 else "" for args in found}
                return {**defaults, **headers}
        return defaults

    def proxy_http_version(self) -> str:
        return self.setting("proxy_http_version", default_http_version(self.version))

    def reuses_upstream_connections(self) -> bool:
        return self.proxy_http_version() == "1.1" and self.proxy_headers().get("connection", "") == ""

    def proxy_pass(self) -> str | None:
        found = self.levels[0].values("proxy_pass")
        return found[-1][0] if found else None

    def max_body(self) -> float:
        return size_in_bytes(self.setting("client_max_body_size", "1m"))


def server_named(root: Block, name: str, port: str) -> Block:
    for server in (child for child in root.children if child.name == "server"):
        names = [arg for args in server.values("server_name") for arg in args]
        listens = [args[0] for args in server.values("listen")]
        if name in names and port in listens:
            return server
    raise LookupError(f"no server block for {name} listening on {port}")


def locations(root: Block, server: Block, version: Version) -> dict[str, Location]:
    return {
        " ".join(child.args): Location(" ".join(child.args), [child, server, root], version)
        for child in server.children
        if child.name == "location"
    }


def upstream(root: Block, name: str) -> Block | None:
    return next((child for child in root.children if child.name == "upstream" and child.args == [name]), None)
