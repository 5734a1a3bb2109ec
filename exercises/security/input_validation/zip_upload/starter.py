"""Exercise: the photo-album zip import.

Symptom: the new "import an album" feature accepts a zip of PNG files. In its first week: a 40 KB upload filled
the disk (it unpacked to gigabytes), a file named `../../static/evil.png` appeared outside the upload folder, a
"PNG" that was really a PHP script was stored and served, and an import that failed half-way left half an album.

Diagnose it with the check (`make exercise ID=security/input_validation/zip_upload`), then make `accept_png_zip`
refuse an archive with more than 20 files, more than 10 MB uncompressed in total, or any entry that is not a
real PNG or is a symbolic link (ASVS 5.2.2, 5.2.3, 5.2.5, 5.3.3), check all of it before writing anything, and
store accepted images under names it generates, never at the paths inside the zip. Raise ValueError to refuse.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def accept_png_zip(data: bytes, dest: Path) -> list[str]:
    """Unpack an album into `dest`; return the names of the stored files."""
    stored = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not info.filename.lower().endswith(".png"):
                raise ValueError(f"{info.filename}: only PNG images")
            target = dest / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            stored.append(info.filename)
    return stored
