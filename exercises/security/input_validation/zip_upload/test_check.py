"""Acceptance check: good albums are stored under generated names inside the folder; bombs, too many files, fake
PNGs, symlinks and traversal names never write outside it, and a refused archive writes nothing at all.
"""

from __future__ import annotations

import contextlib
import io
import re
import stat
import tracemalloc
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def make_zip(entries: list[tuple[str, bytes]], symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16  # what `zip --symlinks` records
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def every_file(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file() or path.is_symlink())


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    dest = tmp_path / "site" / "uploads" / "album-7"
    dest.mkdir(parents=True)
    return tmp_path, dest


def refused(module: ModuleType, data: bytes, root: Path, dest: Path, why: str) -> None:
    with pytest.raises(ValueError):
        module.accept_png_zip(data, dest)
        pytest.fail(f"{why}: the archive must be refused with ValueError")
    assert every_file(root) == [], f"{why}: a refused archive must write nothing, found {every_file(root)}"


def test_a_good_album_is_stored_under_generated_names(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    entries = [("cat.png", PNG + b"1"), ("photos/dog.PNG", PNG + b"2"), ("bird.png", PNG + b"3")]
    names = load_module(answer).accept_png_zip(make_zip(entries), dest)
    stored = every_file(root)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{16,}\.png", name) for name in names), (
        f"store under names the server generates, not the names in the zip: {names}"
    )
    assert all(path.parent == dest for path in stored), "store every image directly in the album folder"
    assert sorted(path.name for path in stored) == sorted(names) and len(names) == 3
    assert sorted(path.read_bytes() for path in stored) == sorted(content for _, content in entries)


def test_a_traversal_name_never_leaves_the_folder(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    with contextlib.suppress(ValueError):  # refusing it is fine too
        load_module(answer).accept_png_zip(make_zip([("../../static/evil.png", PNG)]), dest)
    escaped = [path for path in every_file(root) if not path.is_relative_to(dest)]
    assert escaped == [], f"zip slip: {escaped} written outside {dest}"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    bomb = make_zip([("huge.png", PNG + b"\x00" * (40 * 1024 * 1024))])  # 40 MB of zeros, about 40 KB zipped
    assert len(bomb) < 100_000
    module = load_module(answer)
    tracemalloc.start()
    try:
        refused(module, bomb, root, dest, "an archive that unpacks to 40 MB")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * 1024 * 1024, f"refusing the bomb used {peak // 2**20} MB: check sizes before decompressing"


def test_too_many_files_are_refused(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    entries = [(f"p{n}.png", PNG) for n in range(21)]
    refused(load_module(answer), make_zip(entries), root, dest, "21 files")


def test_a_php_script_named_png_is_refused_and_nothing_is_kept(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    entries = [("cat.png", PNG), ("shell.png", b"<?php system($_GET['c']); ?>")]
    refused(load_module(answer), make_zip(entries), root, dest, "a PHP script renamed to .png")


def test_a_symbolic_link_is_refused(answer: Path, folders: tuple[Path, Path]) -> None:
    root, dest = folders
    refused(load_module(answer), make_zip([("cat.png", PNG)], symlink="passwd.png"), root, dest, "a symlink entry")


@pytest.mark.starter_passes
def test_other_file_types_are_refused(answer: Path, folders: tuple[Path, Path]) -> None:
    _, dest = folders
    with pytest.raises(ValueError):
        load_module(answer).accept_png_zip(make_zip([("notes.txt", b"hello")]), dest)
