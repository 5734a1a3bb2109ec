"""Write the search index with Pagefind, from the records staged by the build.

Pagefind splits the index into chunks and one small fragment per result, so a query downloads a few of
them, whatever the size of the site. Its default chunk holds 20,000 word locations (about 27 KB gzip); a
query loads one chunk per word, so a two-word query cost 55 KB of index. Pagefind reads the chunk size
from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: at CHUNK_LOCATIONS a chunk is about 5 KB gzip.
tests/test_search.py checks the chunk sizes of the built index, so a Pagefind that drops the variable
is noticed.

Pagefind's command line, not its Python API: the API's service answers "written" while the files may
still be on their way to disk, and then ends the process, which could leave `pagefind-entry.json` empty.
The command writes its bundle and exits when it is on disk.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from pagefind_bin import get_executable

from macros.core.errors import BuildError

log = logging.getLogger("mkdocs.plugins.backend_skills.search")

OUTPUT = "pagefind"
CHUNK_LOCATIONS = 4000
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
OPTIONS = ("--quiet", "--force-language", "en", "--include-characters", "#+")
# The bundle files a site needs; Pagefind also writes its own UIs, which this site does not use.
UNUSED_OUTPUT = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",  # search runs on the page: the worker would cost a download for a few ms of work
    "wasm.unknown.pagefind",  # every page is indexed as English
)


def stage_records(records: list[str]) -> Path:
    """Write the records into a new folder, flat and numbered in build order; in memory where the system
    offers it (`/dev/shm`: 1,200 small files). Pagefind's URL for a record is its file name, which search.js
    never uses (the meta carries `url`), so the shortest name keeps fragments small."""
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder there
    stage = Path(
        tempfile.mkdtemp(prefix="search-stage-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None)
    )
    for number, record in enumerate(records, start=1):
        (stage / f"r{number:x}.html").write_text(record, encoding="utf-8")
    return stage


def index_command(stage: Path, output: Path) -> list[str]:
    executable = get_executable()
    if executable is None:
        raise BuildError("search index: the Pagefind binary is missing (install the locked `pagefind[bin]`)")
    return [str(executable), "--site", str(stage), "--output-path", str(output), *OPTIONS]


def index_environment() -> dict[str, str]:
    return dict(os.environ, **{CHUNK_SIZE_VARIABLE: str(CHUNK_LOCATIONS)})


def finish_bundle(output: Path, stage: Path, result: subprocess.CompletedProcess[str]) -> None:
    """Check what Pagefind wrote into `output` and drop the files this site does not use."""
    if result.returncode != 0:
        raise BuildError(f"search index: Pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}")
    entry = output / "pagefind-entry.json"
    if not entry.is_file() or not json.loads(entry.read_text(encoding="utf-8"))["languages"]:
        raise BuildError(f"search index: Pagefind indexed no pages from {stage}")
    for name in UNUSED_OUTPUT:
        (output / name).unlink(missing_ok=True)


def write_index(records: list[str], output: Path) -> None:
    """Index the records with Pagefind into `output` (replaced)."""
    shutil.rmtree(output, ignore_errors=True)
    stage = stage_records(records)
    try:
        command = index_command(stage, output)
        result = subprocess.run(command, capture_output=True, text=True, env=index_environment(), check=False)  # noqa: S603 - our own paths
        finish_bundle(output, stage, result)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


class IndexBehind:
    """`make serve`: the index written behind each rebuild, so the browser reloads the page without waiting
    for Pagefind (search catches up a second or two later). A newer save's rebuild stops the older index:
    Pagefind takes both cores for a second or two, and a rebuild beside it took half as long again."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen[str] | None = None
        self.generation = 0
        self.lock = threading.Lock()

    def start(self, records: Callable[[], list[str]], output: Path) -> None:
        self.stop()
        self.thread = threading.Thread(target=self._run, args=(records, output, self.generation), daemon=True)
        self.thread.start()

    def _run(self, records: Callable[[], list[str]], output: Path, generation: int) -> None:
        stage = stage_records(records())
        try:
            with self.lock:
                if generation != self.generation:
                    return
                command = index_command(stage, output)
                self.process = subprocess.Popen(  # noqa: S603 - our own paths
                    command, env=index_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            stdout, stderr = self.process.communicate()
            if generation == self.generation:
                finish_bundle(
                    output, stage, subprocess.CompletedProcess(command, self.process.returncode, stdout, stderr)
                )
        except BuildError as error:
            log.error("%s (search is not current until the next save)", error)
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def stop(self) -> None:
        """Stop the index being written, if any, and wait until it has cleaned up."""
        with self.lock:
            self.generation += 1
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
        self.wait()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
