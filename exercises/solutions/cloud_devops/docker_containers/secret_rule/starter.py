"""The secrets rule of the team's Dockerfile linter (the deploy lab's rule, on its own).

It passed the Dockerfile that shipped the production database password to the public registry.
"""

from __future__ import annotations

import re
import shlex

from labs.deploy_lab.checks.dockerlint import parse

SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIALS)", re.I)
# Names that hold where a secret is, not the secret: a file the platform mounts, or a public endpoint.
POINTER_SUFFIX = re.compile(r"_(FILE|PATH|DIR|URL|URI|ENDPOINT)$", re.I)
# scheme://user:password@host: a credential in the value, whatever the variable is called.
URL_CREDENTIAL = re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", re.I)


def pairs(args: str) -> list[tuple[str, str]]:
    """The name=value pairs of one ENV or ARG. `ENV A=1 B=2` sets two variables; the legacy `ENV NAME value`
    form sets one, to the rest of the line; `ARG NAME` has no default."""
    words = shlex.split(args)
    if words and "=" not in words[0]:
        return [(words[0], " ".join(words[1:]))]
    return [(word.split("=", 1)[0], word.split("=", 1)[1] if "=" in word else "") for word in words]


def leaks(name: str, value: str) -> bool:
    if URL_CREDENTIAL.search(value):
        return True
    return bool(SECRET_NAME.search(name)) and not POINTER_SUFFIX.search(name)


def secret_findings(dockerfile: str) -> list[str]:
    """One message per ENV or ARG that would bake a secret into the image, naming its line."""
    found: list[str] = []
    for instruction in parse(dockerfile):
        if instruction.keyword not in {"ENV", "ARG"}:
            continue
        for name, value in pairs(instruction.args):
            if leaks(name, value):
                found.append(f"line {instruction.line}: {name} puts a secret in the image; use a build secret")
    return found
