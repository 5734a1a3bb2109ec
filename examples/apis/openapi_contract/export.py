"""Write the app's generated OpenAPI document to `openapi.json` (run after changing the API).

.venv/bin/python -m examples.apis.openapi_contract.export
"""

from __future__ import annotations

import json
from pathlib import Path

from examples.apis.openapi_contract.app import create_app

TARGET = Path(__file__).with_name("openapi.json")


def render() -> str:
    return json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
