"""A cold `mkdocs build` converts its pages on both cores.

With nothing kept in .cache/ (CI, a fresh clone), rendering the pages' macros and converting their
Markdown is half of the build, one page after another on one core while the other waits. So just before
the pages are read (`on_nav`, in macros/render_cache.py), the build forks. The child renders and converts
the later pages, and hands back what the caches keep of them: the macros' renders (macros/__init__.py),
the converted pages (macros/render_cache.py) and the highlighted code (macros/highlight_cache.py). The
parent meanwhile does the earlier pages. When it reaches the later ones (`on_pre_page`), it takes the
child's results into those caches and goes on as a warm build does: every other step, and every page's
own events, are the parent's.

What the child could not finish (an error, a page that logged a warning, which the caches never keep)
the parent does itself, so each error and warning is reported once, by the parent, as without the child.
The child's own output goes nowhere. Only `mkdocs build`, only where `fork` is safe and cheap (Linux),
and only when the build starts with no converted pages kept: a warm build has little left to share.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

# What each cache hands over: `take(sources)` in the child, what it holds for those pages; `give(taken)`
# in the parent, to put it in. Registered by the modules that own the caches, when they are imported.
_KEEPERS: dict[str, tuple[Callable[[set[str]], Any], Callable[[Any], None]]] = {}
# The child's share of the pages by src_uri, its process and the pipe its results come through.
_handoff: dict[str, Any] = {"sources": set(), "pid": None, "pipe": None}
# The child's share of the work, by the pages' Markdown size (the parent also runs every page's events).
CHILD_SHARE = 0.5


def keeps(name: str, take: Callable[[set[str]], Any], give: Callable[[Any], None]) -> None:
    _KEEPERS[name] = (take, give)


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def share(pages: list[Any]) -> list[Any]:
    """The later pages, about CHILD_SHARE of all the Markdown."""
    sizes = [os.path.getsize(page.file.abs_src_path) if page.file.abs_src_path else 0 for page in pages]
    total, done = sum(sizes), 0
    for index, size in enumerate(sizes):
        if done >= total * (1 - CHILD_SHARE):
            return pages[index:]
        done += size
    return []


def fork(pages: list[Any], convert: Callable[[Any], None]) -> None:
    """Start the child on `pages`; `convert(page)` renders and converts one page into the caches."""
    if not pages or _handoff["pid"] is not None:
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: convert, hand back, and leave without running anything of the parent's
        os.close(read)
        status = 1
        try:
            with open(os.devnull, "w") as quiet:
                os.dup2(quiet.fileno(), 1)
                os.dup2(quiet.fileno(), 2)
            sources = set()
            for page in pages:
                with contextlib.suppress(Exception, SystemExit):  # the parent converts it and reports
                    convert(page)
                    sources.add(page.file.src_uri)
            taken = {name: take(sources) for name, (take, _) in _KEEPERS.items()}
            with os.fdopen(write, "wb") as out:
                pickle.dump(taken, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    _handoff.update(sources={page.file.src_uri for page in pages}, pid=pid, pipe=read)


def take_back(source: str) -> None:
    """Before the parent reads a page of the child's share: wait for the child and take its results in."""
    if source not in _handoff["sources"] or _handoff["pid"] is None:
        return
    pid, pipe = _handoff["pid"], _handoff["pipe"]
    _handoff.update(sources=set(), pid=None, pipe=None)
    with os.fdopen(pipe, "rb") as results:
        data = results.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return  # the parent converts the pages itself
    taken = pickle.loads(data)  # noqa: S301 - written by this build's own child, through a pipe
    for name, (_, give) in _KEEPERS.items():
        if name in taken:
            give(taken[name])


def abandon() -> None:
    """The build ended (or failed) before reaching the child's share: stop and reap the child."""
    pid, pipe = _handoff["pid"], _handoff["pipe"]
    _handoff.update(sources=set(), pid=None, pipe=None)
    if pid is None:
        return
    os.close(pipe)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 9)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
