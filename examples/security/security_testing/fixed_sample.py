"""The same features written so that a SAST tool has nothing to report."""

import hashlib
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from examples.security.at_rest.passwords import hash_password


def db_password() -> str:
    return os.environ["DB_PASSWORD"]


def archive(name: str) -> Path:
    if not name.isalnum():
        raise ValueError("archive names are letters and digits only")
    target = Path(tempfile.mkdtemp()) / f"{name}.tgz"
    with tarfile.open(target, "w:gz") as tar:  # no shell involved at all
        tar.add("data", arcname="data")
    return target


def list_archive(path: Path) -> str:
    # A fixed argument vector and no shell: the file name cannot become a second command.
    return subprocess.run(["tar", "tzf", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607


def fingerprint(password: str) -> str:
    return hash_password(password)


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
