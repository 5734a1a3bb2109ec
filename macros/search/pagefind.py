"""Write the search index with Pagefind's command line, from the records of the build's pages.

A query downloads one chunk of the word index per word. Pagefind's default chunk holds 20,000 word
locations (about 27 KB gzip); PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE sets CHUNK_LOCATIONS (about 5 KB), and
tests/test_search.py checks the built chunks, so a Pagefind that drops the variable is noticed. Not the
Python API: its service reads one answer a tenth of a second, and may end before its files are on disk.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import os
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pagefind_bin import get_executable

from macros.core.errors import BuildError

log = logging.getLogger("mkdocs.plugins.backend_skills.search")

OUTPUT = "pagefind"
CHUNK_LOCATIONS = 4000
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
OPTIONS = ("--quiet", "--force-language", "en", "--include-characters", "#+")
# What the site serves of Pagefind's output. The rest goes: its own UIs (this site has its own), its
# worker (search runs on the page: a worker would cost a download for a few ms of work) and the wasm
# for pages in no language (every page is indexed as English).
SERVED = ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "pagefind.en_*.pf_meta")
SERVED += ("index", "fragment", "filter")  # the folders


def stage_records(records: list[str]) -> Path:
    """Write the records into a new folder, flat and numbered in build order; in memory where the system
    offers it (`/dev/shm`: 1,200 small files). Pagefind's URL for a record is its file name, which search.js
    never uses (the meta carries `url`), so the shortest name keeps fragments small."""
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder there
    memory = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    stage = Path(tempfile.mkdtemp(prefix="search-stage-", dir=memory))
    for number, record in enumerate(records, start=1):
        (stage / f"r{number:x}.html").write_text(record, encoding="utf-8")
    return stage


Started = Callable[[subprocess.Popen[str]], Callable[[], bool]]


def write_index(records: list[str], output: Path, started: Started = lambda process: lambda: True) -> None:
    """Index the records with Pagefind into `output` (replaced). `started` is shown Pagefind's process and
    says whether the index is still wanted once it ends (`make serve`: a newer save may have stopped it)."""
    shutil.rmtree(output, ignore_errors=True)
    executable = get_executable()
    if executable is None:
        raise BuildError("search index: the Pagefind binary is missing (install the locked `pagefind[bin]`)")
    started_at, cpu_before, stage = time.perf_counter(), _children_cpu(), stage_records(records)
    try:
        process = subprocess.Popen(  # noqa: S603 - our own paths
            [str(executable), "--site", str(stage), "--output-path", str(output), *OPTIONS],
            env=dict(os.environ, **{CHUNK_SIZE_VARIABLE: str(CHUNK_LOCATIONS)}),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        wanted = started(process)
        log_text = process.communicate()[0]
        if not wanted():
            return
        if process.returncode != 0:
            raise BuildError(f"search index: Pagefind failed: {log_text.strip()[-500:]}")
        entry = output / "pagefind-entry.json"
        if not entry.is_file() or not json.loads(entry.read_text(encoding="utf-8"))["languages"]:
            raise BuildError(f"search index: Pagefind indexed no pages from {stage}")
        for path in output.iterdir():
            if not any(fnmatch.fnmatch(path.name, pattern) for pattern in SERVED):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        # benchmarks/run.py reads this line; Pagefind's CPU time is the steadier figure on a busy machine.
        seconds, cpu = time.perf_counter() - started_at, _children_cpu() - cpu_before
        log.info("search index built in %.2f s (Pagefind CPU %.2f s)", seconds, cpu)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class IndexBehind:
    """`make serve`: the index written behind each rebuild, so the page reloads without waiting for Pagefind.
    A newer save's rebuild stops the older index: Pagefind on both cores made a rebuild half as long again."""

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
        def started(process: subprocess.Popen[str]) -> Callable[[], bool]:
            with self.lock:
                self.process = process
                if generation != self.generation:  # stopped while the records were made
                    process.terminate()
            return lambda: generation == self.generation

        try:
            write_index(records(), output, started)
        except BuildError as error:
            log.error("%s (search is not current until the next save)", error)

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
