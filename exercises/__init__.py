"""Red-first exercises: each starts from a failing scenario and ships an acceptance check.

Layout, for an exercise with id `<area>/<lesson>/<exercise>`:

    exercises/<area>/<lesson>/<exercise>/starter.<ext>     what the learner starts from: it runs, and fails the check
    exercises/<area>/<lesson>/<exercise>/test_check.py     the acceptance check: pytest tests over the `answer` fixture
    exercises/solutions/<area>/<lesson>/<exercise>/starter.<ext>   a reference solution, out of the learner's way

In the suite every check runs twice: against the starter, where it must fail, and against the reference solution,
where it must pass (exercises/conftest.py). A learner runs it against their own copy of the starter with
`make exercise ID=<area>/<lesson>/<exercise>`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent
SOLUTIONS = ROOT / "solutions"


def load_module(path: Path) -> ModuleType:
    """Import a Python answer file by path, under a name of its own, so the starter and the solution never share
    a module object."""
    name = "exercise_answer_" + "_".join(path.resolve().relative_to(ROOT).with_suffix("").parts).replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
