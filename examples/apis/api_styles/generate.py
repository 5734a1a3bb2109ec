"""Regenerate the Python stubs from catalog.proto with grpcio-tools' bundled protoc.

Run from the repository root: `.venv/bin/python -m examples.apis.api_styles.generate`. The proto path is
given relative to the root, so the generated `_grpc` module imports `examples.apis.api_styles.catalog_pb2`
as a package import. A test checks that the committed stubs match what this script produces.
"""

from __future__ import annotations

import sys
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parents[3]
PROTO = "examples/apis/api_styles/catalog.proto"


def generate(out_dir: Path) -> None:
    args = ["protoc", f"-I{ROOT}", f"--python_out={out_dir}", f"--pyi_out={out_dir}", f"--grpc_python_out={out_dir}"]
    if protoc.main([*args, str(ROOT / PROTO)]) != 0:
        raise RuntimeError(f"protoc failed on {PROTO}")


if __name__ == "__main__":
    generate(ROOT)
    sys.exit(0)
