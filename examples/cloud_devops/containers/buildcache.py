"""Which Dockerfile steps a rebuild runs again: BuildKit's cache rules, small enough to read in one sitting.

The rules (Docker docs, "Build cache invalidation"):
- a step is reused when the step before it was reused and the instruction text is the same;
- COPY and ADD also compare a checksum of the files they copy (contents and metadata, not the modification time),
  so a changed file invalidates the COPY that copies it, and every later step in that stage;
- `COPY --from=<stage>` changes when that stage produced something new;
- RUN looks only at its own text, never at what the command would fetch or read, except files it bind-mounts
  from the context (`RUN --mount=type=bind,source=...`), which count like a COPY of them.

Files the `.dockerignore` excludes never reach the builder, so changing them rebuilds nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from labs.deploy_lab.checks.dockerlint import Instruction, parse, stages


@dataclass(frozen=True)
class Step:
    stage: str  # the stage's name (`AS builder`) or its index
    instruction: Instruction


# --8<-- [start:ignore]
def _glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex: `*` and `?` stop at `/`, `**` crosses directories (Go's rules)."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def ignored(path: str, dockerignore: str) -> bool:
    """True if the .dockerignore keeps `path` out of the build context. The last matching line wins, and a
    pattern that matches a parent directory matches everything below it."""
    candidates = [str(PurePosixPath(path))]
    candidates += [str(parent) for parent in PurePosixPath(path).parents if str(parent) != "."]
    verdict = False
    for raw in dockerignore.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = _glob_to_regex(line.lstrip("!").strip().strip("/"))
        if any(pattern.fullmatch(candidate) for candidate in candidates):
            verdict = not negated
    return verdict


# --8<-- [end:ignore]


def _copy_parts(args: str) -> tuple[dict[str, str], list[str]]:
    """Split COPY/ADD arguments into `--flag=value` options and the sources (the destination dropped)."""
    options: dict[str, str] = {}
    words = args.split()
    while words and words[0].startswith("--"):
        name, _, value = words.pop(0)[2:].partition("=")
        options[name] = value
    rest = " ".join(words)
    paths = json.loads(rest) if rest.startswith("[") else rest.split()
    return options, paths[:-1]


def _bind_mounts(args: str) -> list[str]:
    """The context paths a RUN bind-mounts: `--mount=type=bind,source=requirements.txt,target=...`."""
    sources = []
    for word in args.split():
        if not word.startswith("--mount="):
            break
        fields = dict(part.partition("=")[::2] for part in word.removeprefix("--mount=").split(","))
        if fields.get("type") == "bind" and "from" not in fields:
            sources.append(fields.get("source", fields.get("src", ".")))
    return sources


def _copies(source: str, path: str) -> bool:
    """Does a COPY source (`.`, a directory, a file or a glob) take this context path?"""
    source = source.strip().removeprefix("./").strip("/")
    if source in {"", "."}:
        return True
    if any(char in source for char in "*?["):
        return _glob_to_regex(source).fullmatch(path) is not None
    return path == source or path.startswith(source + "/")


# --8<-- [start:rebuilt]
def rebuilt(dockerfile: str, changed: set[str], dockerignore: str = "") -> list[Step]:
    """The steps a rebuild runs again after the files in `changed` (paths in the build context) changed."""
    sent = {path for path in changed if not ignored(path, dockerignore)}  # only these reach the builder
    dirty_stages: set[str] = set()
    again: list[Step] = []
    for index, stage in enumerate(stages(parse(dockerfile))):
        base = stage[0].args.split()
        name = base[-1] if len(base) >= 3 and base[-2].upper() == "AS" else str(index)
        dirty = base[0] in dirty_stages  # FROM an earlier stage of this file inherits its changes
        for instruction in stage[1:]:
            if not dirty and instruction.keyword in {"COPY", "ADD"}:
                options, sources = _copy_parts(instruction.args)
                if "from" in options:
                    dirty = options["from"] in dirty_stages
                else:
                    dirty = any(_copies(source, path) for source in sources for path in sent)
            elif not dirty and instruction.keyword == "RUN":
                dirty = any(_copies(source, path) for source in _bind_mounts(instruction.args) for path in sent)
            if dirty:
                again.append(Step(name, instruction))
        if dirty:
            dirty_stages.update({name, str(index)})
    return again


# --8<-- [end:rebuilt]
