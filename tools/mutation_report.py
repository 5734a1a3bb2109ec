"""The mutation score of the input guard, and the survivors nobody has explained: `python -m tools.mutation_report`.

Reads `mutmut results --all true` (run after `mutmut run`, as `make mutation` does). A surviving mutant is a
change to the guard that no test noticed. Each must be killed by a new test, or explained in one line in
tests/mutation-survivors.txt (`<mutant name>: why no test is needed`, e.g. an equivalent mutant). Exits 1
while any survivor is unexplained.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPLAINED = ROOT / "tests" / "mutation-survivors.txt"


def results(text: str) -> dict[str, str]:
    """`name: status` lines, as mutmut prints them."""
    found = {}
    for line in text.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name:
            found[name] = status.strip()
    return found


def explained(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, why = line.partition(": ")
            found[name.strip()] = why.strip()
    return found


def report(statuses: dict[str, str], reasons: dict[str, str]) -> tuple[str, int]:
    counts = Counter(statuses.values())
    killed, survived = counts.get("killed", 0), counts.get("survived", 0)
    scored = killed + survived
    score = 100 * killed / scored if scored else 0.0
    unexplained = sorted(name for name, status in statuses.items() if status == "survived" and name not in reasons)
    lines = [
        f"mutants: {len(statuses)}; " + ", ".join(f"{status} {n}" for status, n in sorted(counts.items())),
        f"mutation score (killed / (killed + survived)): {score:.1f}%",
        f"survivors explained in {EXPLAINED.relative_to(ROOT)}: {survived - len(unexplained)} of {survived}",
    ]
    by_function = Counter(name.rsplit("__mutmut_", 1)[0] for name in unexplained)
    if unexplained:
        lines.append("unexplained survivors, by function (see one with `mutmut show <name>`):")
        lines += [f"  {count:4}  {function}" for function, count in by_function.most_common()]
    return "\n".join(lines), 1 if unexplained else 0


def main() -> int:
    done = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    reasons = explained(EXPLAINED.read_text(encoding="utf-8")) if EXPLAINED.is_file() else {}
    text, code = report(results(done.stdout), reasons)
    print(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
