"""Every example and lab directory has tests beside it, so no code in a lesson goes unrun."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.M)


def test_every_included_code_file_has_a_test_beside_it() -> None:
    missing = []
    for page in (ROOT / "docs").rglob("*.md"):
        for target in SNIPPET.findall(page.read_text(encoding="utf-8")):
            path = ROOT / target.split(":", 1)[0]
            in_code_tree = path.suffix == ".py" and path.parts[len(ROOT.parts)] in {"examples", "labs"}
            tested = any(path.parent.glob("test_*.py")) or any(path.parent.parent.glob("tests/test_*.py"))
            if in_code_tree and not tested:
                missing.append(f"{page.relative_to(ROOT)} includes {target}, which has no test_*.py beside it")
    assert missing == []
