"""Copy the browser build of PGlite from node_modules into the site: `python -m tools.vendor_pglite`.

PGlite (npm `@electric-sql/pglite`, pinned in package.json) is PostgreSQL compiled to WebAssembly. The
browser needs its ES module entry and chunks, `pglite.wasm`, `initdb.wasm` and `pglite.data` (the files
PostgreSQL reads at run time: catalog bootstrap, time zones, dictionaries, extension libraries).

One change from the package: in `pglite.data`, the bytes of files a single-user lesson database never
opens are zeroed, keeping every offset (the file list is compiled into the JavaScript, so the layout must
stay). Zeros compress to almost nothing, which takes the first Run under the 5 MB (gzip) budget. These are
the character-set conversion libraries (only loaded when a client asks for an encoding other than the
server's UTF8), the walreceiver used by replicas, and PGXS, the makefiles for building extensions. Asking
for one of them fails with PostgreSQL's own error that the library is not valid.

tests/test_vendor.py checks that the vendored files are exactly what this script makes from the locked
package, so a version bump means: change package.json, `npm install`, run this script, commit.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@electric-sql" / "pglite"
TARGET = ROOT / "docs" / "assets" / "vendor" / "pglite"
# Fetched by the browser (seen in Chromium's network log): the entry, its chunks and the two wasm files.
UNCHANGED = ("index.js", "pglite.wasm", "initdb.wasm")
DATA = "pglite.data"
# Files inside pglite.data whose bytes are zeroed (see the module docstring).
NEVER_OPENED = re.compile(
    r"^/pglite/lib/postgresql/(?:utf8_and_[a-z0-9_]+\.so|libpqwalreceiver\.so|pgxs/.*)$|"
    r"^/pglite/lib/postgresql/(?:euc|latin|cyrillic|euc2004|euc_tw)[a-z0-9_]*_and_[a-z0-9_]+\.so$"
)
_FILE_ENTRY = re.compile(r'filename:"(?P<name>[^"]+)",start:(?P<start>\d+),end:(?P<end>\d+)')


def locked_version() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/@electric-sql/pglite"]["version"])


def installed_version() -> str:
    return str(json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"])


def chunks() -> list[str]:
    """The ES module chunks (no source maps): the entry imports them, and they import each other."""
    return sorted(path.name for path in (PACKAGE / "dist").glob("chunk-*.js"))


def data_layout() -> list[tuple[str, int, int]]:
    """The (name, start, end) of every file in pglite.data, from the file list compiled into the chunks."""
    for name in chunks():
        text = (PACKAGE / "dist" / name).read_text(encoding="utf-8")
        if "pglite.data" in text and "{files:[" in text:
            return [(m["name"], int(m["start"]), int(m["end"])) for m in _FILE_ENTRY.finditer(text)]
    raise SystemExit("no pglite.data file list found in the PGlite chunks: has the package layout changed?")


def lean_data() -> bytes:
    data = bytearray((PACKAGE / "dist" / DATA).read_bytes())
    for name, start, end in data_layout():
        if NEVER_OPENED.match(name):
            data[start:end] = bytes(end - start)
    return bytes(data)


def expected_files() -> dict[str, bytes]:
    """Every vendored file name and its exact contents."""
    files = {name: (PACKAGE / "dist" / name).read_bytes() for name in (*UNCHANGED, *chunks())}
    files[DATA] = lean_data()
    files["LICENSE"] = (PACKAGE / "LICENSE").read_bytes()
    return files


def main() -> None:
    if installed_version() != locked_version():
        raise SystemExit(f"node_modules has PGlite {installed_version()}, the lock file {locked_version()}: npm ci")
    shutil.rmtree(TARGET, ignore_errors=True)
    TARGET.mkdir(parents=True)
    for name, content in expected_files().items():
        (TARGET / name).write_bytes(content)
    print(f"PGlite {locked_version()}: {len(expected_files())} files in {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
