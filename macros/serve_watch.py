"""MkDocs hook for `make serve`: notice a save when it happens, without polling every folder.

MkDocs watches with watchdog's polling observer, the one that works on every file system: every half
second it lists each watched folder (about 1,000 files here) and compares the listing with the last one.
A save waits a quarter of a second on average before it is noticed, and each look holds the Python
interpreter for 10 to 20 ms, which the rebuild of the save then waits for: measured with py-spy, polling
took a quarter as many samples as the rebuild it slowed down.

Where the system tells programs about file changes (inotify on Linux, FSEvents on macOS, Windows' change
notifications), the watches MkDocs set up move to watchdog's native observer before it starts. Only
changes to files count (created, written, closed after writing, moved, deleted, touched): the native
observers also report files being opened and read, which the build itself does, and a rebuild on those
would rebuild forever.

Some file systems do not report changes: folders shared into a container or a virtual machine (WSL's
/mnt/c, some Docker mounts), network drives. There, set BS_SERVE_POLLING=1 and MkDocs' polling stays,
looking every SERVE_POLL_SECONDS. tests/test_serve_watch.py runs `mkdocs serve`, saves a lesson, and
checks the save rebuilds the site once and nothing else does.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from watchdog.events import (
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

POLLING_VARIABLE = "BS_SERVE_POLLING"
# How often polling looks, where it is used. MkDocs' half second is a quarter of a second of waiting on
# average; a fifth of a second costs more interpreter time, as above.
SERVE_POLL_SECONDS = 0.2
# How long a save must be quiet before the rebuild starts, with notifications (MkDocs waits 0.1 s).
SETTLE_SECONDS = 0.05
# What a save, a new file, a rename, a deletion or a `touch` produce. Not opening or reading a file.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent, FileDeletedEvent, FileAttribEvent]

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def on_serve(server: Any, **kwargs: Any) -> Any:
    if os.environ.get(POLLING_VARIABLE) or Observer is PollingObserver or not _watch_natively(server):
        _poll_faster(server.observer)
    return server


def _watch_natively(server: Any) -> bool:
    """Move the watches set so far to the native observer, and have `server.watch` use it from now on.
    False, with the polling observer left as it was, if MkDocs' or watchdog's internals are not as
    expected or the system refuses a watch (for example, too many)."""
    polling, native = server.observer, Observer()
    moved = {}
    try:
        for path, watch in server._watch_refs.items():
            for handler in polling._handlers.get(watch, ()):
                moved[path] = native.schedule(handler, path, recursive=watch.is_recursive, event_filter=CHANGES)
    except (AttributeError, TypeError, OSError) as error:
        native.unschedule_all()
        log.info(f"Watching for saves by polling ({error}); set {POLLING_VARIABLE}=1 to skip trying")
        return False
    polling.unschedule_all()  # never started: MkDocs starts the observer after the plugins' on_serve
    server._watch_refs.update(moved)
    server.observer = _NativeObserver(native)
    # MkDocs waits until no change has come for build_delay (0.1 s) before it rebuilds, so that the files of
    # one save (or a checkout) make one rebuild. Notifications of one save come within milliseconds.
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = SETTLE_SECONDS
    log.info("Watching for saves with the system's file notifications")
    return True


class _NativeObserver:
    """The native observer, which MkDocs' `watch` (for the folders of `watch:` in mkdocs.yml) and
    `unwatch` use like its own: every watch gets the same filter of changes."""

    def __init__(self, observer: Any) -> None:
        self._observer = observer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._observer, name)

    def schedule(self, handler: Any, path: str, *, recursive: bool = False, **kwargs: Any) -> Any:
        return self._observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)


def _poll_faster(observer: Any) -> None:
    """MkDocs offers no setting: the polling observer hands its interval (`_timeout`) to each folder's
    emitter. If a release renames it, MkDocs' half second stays."""
    for watcher in (observer, *getattr(observer, "emitters", ())):
        if isinstance(getattr(watcher, "_timeout", None), (int, float)):
            watcher._timeout = SERVE_POLL_SECONDS
