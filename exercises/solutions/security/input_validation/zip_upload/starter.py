"""A reference solution: count and size limits from the archive's directory before reading any entry, each entry
read with a cap and checked like a single upload, then everything written under generated names, or nothing.
"""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

from examples.security.input_validation.files import check_upload

MAX_ENTRIES = 20
MAX_TOTAL_BYTES = 10 * 1024 * 1024


def is_symlink(info: zipfile.ZipInfo) -> bool:
    # Zip files made on Unix keep the file mode in the high 16 bits of external_attr.
    return stat.S_ISLNK(info.external_attr >> 16)


def accept_png_zip(data: bytes, dest: Path) -> list[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ValueError("not a zip archive") from None
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        # Limits first, from the central directory: nothing has been decompressed yet (ASVS 5.2.3).
        if len(entries) > MAX_ENTRIES:
            raise ValueError(f"at most {MAX_ENTRIES} files per archive")
        if sum(info.file_size for info in entries) > MAX_TOTAL_BYTES:
            raise ValueError("the archive unpacks to more than 10 MB")
        accepted: list[tuple[str, bytes]] = []
        for info in entries:
            if is_symlink(info):
                raise ValueError("symbolic links are not allowed in archives")
            with archive.open(info) as entry:
                # CPython stops at the declared size and checks the CRC, but a capped read costs nothing.
                content = entry.read(info.file_size + 1)
            upload = check_upload(Path(info.filename).name, content)  # extension allow-list and magic bytes
            if upload.media_type != "image/png":
                raise ValueError("only PNG images")
            accepted.append((upload.storage_name, content))
    # Only now touch the disk: a refused archive leaves no partial album behind.
    for name, content in accepted:
        (dest / name).write_bytes(content)
    return [name for name, _ in accepted]
