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
            in_code_tree = path.suffix == ".py" and path.parts[len(ROOT.parts)] in {"examples", "labs", "exercises"}
            tested = any(path.parent.glob("test_*.py")) or any(path.parent.parent.glob("tests/test_*.py"))
            # Files a tool loads from a fixed folder (Alembic's migrations/versions) are tested by the lesson's
            # tests higher up, in the example's own folder (examples/<area>/<lesson>/).
            lesson_dir = ROOT.joinpath(*path.parts[len(ROOT.parts) : len(ROOT.parts) + 3])
            tested = tested or any(any(d.glob("test_*.py")) for d in path.parents if d.is_relative_to(lesson_dir))
            if in_code_tree and not tested:
                missing.append(f"{page.relative_to(ROOT)} includes {target}, which has no test_*.py beside it")
    assert missing == []
