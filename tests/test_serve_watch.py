"""`make serve` notices saves through the system's file notifications (macros/serve_watch.py).

A save must rebuild the site once; reading files (which the build itself does) must not rebuild it, or
serve would rebuild forever. Where notifications are not used (BS_SERVE_POLLING=1), MkDocs' polling
stays, looking more often than its default.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from macros import serve_watch
from tests.conftest import copy_project, start_serve

NATIVE = Observer is not PollingObserver  # Linux, macOS and Windows all have one


def _server(tmp_path: Path, watched: Path) -> Any:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(watched))
    return server


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not NATIVE, reason="this system has no file notifications for watchdog")
def test_a_save_asks_for_a_rebuild_and_reading_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(serve_watch.POLLING_VARIABLE, raising=False)
    watched = tmp_path / "docs"
    watched.mkdir()
    (watched / "page.md").write_text("# A page\n", encoding="utf-8")
    server = serve_watch.on_serve(_server(tmp_path, watched))
    assert not isinstance(server.observer, PollingObserver)
    assert server.build_delay == serve_watch.SETTLE_SECONDS
    server.observer.start()
    try:
        time.sleep(0.3)  # the watch is set up
        assert (watched / "page.md").read_text(encoding="utf-8")  # what every build does to every page
        assert not _wait_for(lambda: server._want_rebuild, 1.0), "reading a page asked for a rebuild"
        (watched / "page.md").write_text("# A page, saved\n", encoding="utf-8")
        assert _wait_for(lambda: server._want_rebuild, 5.0), "a save did not ask for a rebuild"
        # A folder MkDocs watches after on_serve (`watch:` in mkdocs.yml) gets the same notifications.
        server._want_rebuild = False
        later = tmp_path / "data"
        later.mkdir()
        server.watch(str(later))
        time.sleep(0.3)
        (later / "file.yml").write_text("key: value\n", encoding="utf-8")
        assert _wait_for(lambda: server._want_rebuild, 5.0), "a new file in a later watch did not ask for a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()


def test_polling_stays_where_asked_and_looks_more_often(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(serve_watch.POLLING_VARIABLE, "1")
    server = serve_watch.on_serve(_server(tmp_path, tmp_path))
    assert isinstance(server.observer, PollingObserver)
    assert [emitter.timeout for emitter in server.observer.emitters] == [serve_watch.SERVE_POLL_SECONDS]


@pytest.mark.skipif(not NATIVE, reason="this system has no file notifications for watchdog")
def test_mkdocs_serve_rebuilds_once_per_save(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    process, port = start_serve(project)
    log: list[str] = []
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()

    def built() -> int:
        return sum("Documentation built in" in line for line in log)

    try:
        assert _wait_for(lambda: any("Serving on" in line for line in log), 600), "".join(log)[-3000:]
        assert any("system's file notifications" in line for line in log), "".join(log)[-3000:]
        time.sleep(3)  # the first build's search index is written behind it; nothing may follow
        first = built()
        assert first == 1, "".join(log)[-3000:]
        lesson = project / "docs" / "security" / "sql-injection.md"
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.replace("\n## Why it matters\n", "\nWatch marker.\n\n## Why it matters\n", 1))
        assert _wait_for(lambda: built() == first + 1, 120), "".join(log)[-3000:]
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/curriculum/security/sql-injection/", timeout=30)
        assert "Watch marker." in page.read().decode("utf-8")
        time.sleep(5)  # the rebuild read every page and wrote the site and its search index
        assert built() == first + 1, f"rebuilt without a save:\n{''.join(log)[-3000:]}"
    finally:
        process.terminate()
        process.wait(timeout=60)
