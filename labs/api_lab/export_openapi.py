"""Export the lab's OpenAPI document: .venv/bin/python -m labs.api_lab.export_openapi"""

from __future__ import annotations

import json
from pathlib import Path

from labs.api_lab.main import create_app

TARGET = Path(__file__).with_name("openapi.json")


def render() -> str:
    return json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
