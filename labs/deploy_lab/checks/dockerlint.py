"""A tiny Dockerfile linter: parse instructions, then apply the rules the Docker lesson teaches.

Real projects use hadolint or checkov; this one exists so every rule is readable in one screen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Instruction:
    line: int
    keyword: str
    args: str


# --8<-- [start:parse]
def parse(text: str) -> list[Instruction]:
    """Split a Dockerfile into instructions, joining lines continued with a backslash."""
    instructions: list[Instruction] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue  # comments and blank lines between instructions
        if buffer and line.startswith("#"):
            continue  # comment lines inside a continued instruction are dropped by Docker too
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer += line[:-1].rstrip() + " "
            continue
        buffer += line
        keyword, _, args = buffer.partition(" ")
        instructions.append(Instruction(start, keyword.upper(), args.strip()))
        buffer = ""
    return instructions


# --8<-- [end:parse]


def stages(instructions: list[Instruction]) -> list[list[Instruction]]:
    """Group instructions by build stage (each FROM starts one)."""
    grouped: list[list[Instruction]] = []
    for instruction in instructions:
        if instruction.keyword == "FROM":
            grouped.append([])
        if grouped:
            grouped[-1].append(instruction)
    return grouped


# --8<-- [start:rules]
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)", re.I)


def lint(text: str) -> list[str]:
    """Return one message per broken rule; an empty list means the Dockerfile passes."""
    found: list[str] = []
    instructions = parse(text)
    built = stages(instructions)
    if len(built) < 2:
        found.append("use a multi-stage build: build tools stay in an earlier stage")
    for stage in built:
        image = stage[0].args.split()[0]
        if ":" not in image.rsplit("/", 1)[-1] and "@sha256:" not in image:
            found.append(f"line {stage[0].line}: pin the base image ({image} has no tag or digest)")
        elif image.endswith(":latest"):
            found.append(f"line {stage[0].line}: ':latest' is not a version; pin a tag or a digest")
    final = built[-1] if built else []
    users = [i for i in final if i.keyword == "USER"]
    if not users or users[-1].args.split(":")[0] in {"root", "0"}:
        found.append("the final stage must switch to a non-root USER")
    if not any(i.keyword == "HEALTHCHECK" for i in final):
        found.append("the final stage should declare a HEALTHCHECK")
    for instruction in instructions:
        if instruction.keyword == "ADD" and re.search(r"https?://", instruction.args):
            found.append(f"line {instruction.line}: ADD from a URL is unverified; download and check a hash in RUN")
        if instruction.keyword in {"ENV", "ARG"} and SECRET_NAME.search(instruction.args.split("=")[0]):
            found.append(f"line {instruction.line}: secrets in ENV/ARG end up in the image; use build secrets")
        if instruction.keyword == "RUN" and re.search(r"\bapt-get install\b", instruction.args):
            if "--no-install-recommends" not in instruction.args:
                found.append(f"line {instruction.line}: apt-get install without --no-install-recommends")
            if "rm -rf /var/lib/apt/lists" not in instruction.args:
                found.append(f"line {instruction.line}: remove /var/lib/apt/lists in the same RUN")
    cmd = [i for i in final if i.keyword in {"CMD", "ENTRYPOINT"}]
    if not cmd:
        found.append("the final stage needs a CMD or ENTRYPOINT")
    elif not _is_exec_form(cmd[-1].args):
        found.append(f'line {cmd[-1].line}: use the exec form ["..."] so the process is PID 1 and gets SIGTERM')
    return found


# --8<-- [end:rules]


def _is_exec_form(args: str) -> bool:
    try:
        value = json.loads(args)
    except json.JSONDecodeError:
        return False
    return isinstance(value, list) and all(isinstance(part, str) for part in value)
