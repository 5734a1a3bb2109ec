"""The secrets rule of the team's Dockerfile linter (the deploy lab's rule, on its own).

It passed the Dockerfile that shipped the production database password to the public registry.
"""

from __future__ import annotations

import re

from labs.deploy_lab.checks.dockerlint import parse

SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)", re.I)


def secret_findings(dockerfile: str) -> list[str]:
    """One message per ENV or ARG that would bake a secret into the image, naming its line."""
    found: list[str] = []
    for instruction in parse(dockerfile):
        if instruction.keyword in {"ENV", "ARG"} and SECRET_NAME.search(instruction.args.split("=")[0]):
            found.append(f"line {instruction.line}: secrets in ENV/ARG end up in the image; use build secrets")
    return found
