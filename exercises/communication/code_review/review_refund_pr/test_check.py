"""Acceptance check: the review of PR #482 (refund-pr.diff) blocks on each problem the PR would ship, on the
line where it is, says what is wrong, leaves sound code alone and praises something that deserves it.

The review file holds one comment per entry, in Conventional Comments form, placed on a line the PR adds:

    app/refunds.py:22: issue (blocking): the subject, on one line
      indented lines after it carry the discussion: why it matters, what would resolve it
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from examples.communication.code_review.triage import parse_diff

DIFF = Path(__file__).resolve().parent / "refund-pr.diff"
LABELS = {"praise", "nitpick", "suggestion", "issue", "todo", "question", "thought", "chore", "note"}
NEVER_BLOCKING = {"praise", "nitpick", "thought", "note"}
ENTRY = re.compile(r"^(?P<path>[\w./-]+):(?P<line>\d+):\s*(?P<label>[A-Za-z]+)(?:\s*\((?P<decorations>[^)]*)\))?:(.*)$")
MIN_WORDS = 10  # "issue (blocking): SQL injection" names a problem; a comment also says why and what would fix it


@dataclass(frozen=True)
class Problem:
    """A defect seeded in the PR: the added lines it spans, and words a comment explaining it would use."""

    name: str
    path: str
    first: str  # regex for the first added line of the span
    last: str  # regex for the last one
    explains: str  # regex: a comment about this problem says at least one of these

    def lines(self, added: dict[str, dict[int, str]]) -> set[int]:
        numbered = sorted(added[self.path].items())
        start = next(n for n, text in numbered if re.search(self.first, text))
        end = next(n for n, text in numbered if n >= start and re.search(self.last, text))
        return {n for n, _ in numbered if start <= n <= end}


PROBLEMS = [
    Problem(
        "the new route",
        "app/api.py",
        r'@router\.post\("/orders/\{order_ref\}/refunds"',
        r"def create_refund",
        r"authori[sz]|permission|role|support|access|anyone|any (user|one|customer)|customer|dependenc",
    ),
    Problem(
        "the order lookup",
        "app/refunds.py",
        r"f\"SELECT \* FROM orders",
        r"f\"SELECT \* FROM orders",
        r"inject|bind|parameter|placeholder|f-string|string.?(built|format)|concatenat|interpolat",
    ),
    Problem(
        "the settlement check",
        "app/refunds.py",
        r"requests\.get\(",
        r"requests\.get\(",
        r"time.?out|hang|forever|indefinite",
    ),
    Problem(
        "the call to the payment provider",
        "app/refunds.py",
        r"for attempt in range",
        r"raise NotRefundable\(\"the payment provider",
        r"idempot|twice|double|duplicate|more than once|again",
    ),
    Problem(
        "the refunds tab's query",
        "app/refunds.py",
        r"return \{",
        r"for order_id in order_ids",
        r"n\s*\+\s*1|per order|each order|every order|one query|a query for|queries|round.?trip|= ?any|in \(|batch",
    ),
    Problem(
        "the migration",
        "migrations/versions/0042_refunds.py",
        r'create_index\("ix_orders_reference"',
        r'create_index\("ix_orders_reference"',
        r"concurrent|lock|writes",
    ),
    Problem(
        "the route's test",
        "tests/test_refunds.py",
        r"def test_refund_creates_a_refund",
        r"client\.post\(",
        r"assert|never fail|cannot fail|can't fail|checks nothing|proves nothing|verif",
    ),
]


@dataclass(frozen=True)
class Comment:
    path: str
    line: int
    label: str
    decorations: frozenset[str]
    text: str  # subject and discussion

    @property
    def blocking(self) -> bool:
        return "blocking" in self.decorations

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def added_lines() -> dict[str, dict[int, str]]:
    return {f.path: dict(f.added_lines) for f in parse_diff(DIFF.read_text(encoding="utf-8"))}


def read_review(answer: Path) -> tuple[list[Comment], list[str]]:
    """The comments, and the lines that are not comments (reported by one test, ignored by the others)."""
    comments: list[Comment] = []
    errors: list[str] = []
    for number, raw in enumerate(answer.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0].isspace() and comments:  # discussion belongs to the comment above it
            last = comments[-1]
            comments[-1] = Comment(last.path, last.line, last.label, last.decorations, f"{last.text} {raw.strip()}")
            continue
        match = ENTRY.match(raw)
        if match is None:
            errors.append(f"line {number}: {raw.strip()[:60]!r} is not `path:line: label (decorations): subject`")
            continue
        decorations = frozenset(d.strip().lower() for d in (match["decorations"] or "").split(",") if d.strip())
        comments.append(Comment(match["path"], int(match["line"]), match["label"].lower(), decorations, match[5]))
    return comments, errors


def problem_lines() -> dict[str, set[int]]:
    """Every added line that belongs to a seeded problem, by file."""
    added = added_lines()
    spans: dict[str, set[int]] = {}
    for problem in PROBLEMS:
        spans.setdefault(problem.path, set()).update(problem.lines(added))
    return spans


def flags(comments: list[Comment], problem: Problem) -> list[Comment]:
    lines = problem.lines(added_lines())
    return [c for c in comments if c.path == problem.path and c.line in lines and c.label == "issue" and c.blocking]


def test_every_comment_is_labeled_and_on_a_changed_line(answer: Path) -> None:
    comments, errors = read_review(answer)
    added = added_lines()
    for comment in comments:
        if comment.label not in LABELS:
            errors.append(f"{comment.where()}: {comment.label!r} is not a Conventional Comments label")
        elif comment.label in NEVER_BLOCKING and comment.blocking:
            errors.append(f"{comment.where()}: a {comment.label} never blocks a merge")
        if comment.line not in added.get(comment.path, {}):
            errors.append(f"{comment.where()}: not a line this PR adds (number lines as in the new file)")
    if not comments or errors:
        pytest.fail("\n".join(errors) or "the review is empty")


def test_every_problem_is_flagged_as_blocking_where_it_is(answer: Path) -> None:
    comments, _ = read_review(answer)
    missed = [problem for problem in PROBLEMS if not flags(comments, problem)]
    if missed:
        pytest.fail(
            f"{len(missed)} of {len(PROBLEMS)} problems this PR would ship have no `issue (blocking)` comment on "
            f"their lines (look again at {', '.join(sorted({p.path for p in missed}))}; review design, "
            "correctness, security, data, operability, then tests)"
        )


def test_every_flag_says_what_is_wrong_and_why(answer: Path) -> None:
    comments, _ = read_review(answer)
    found = [(problem, flags(comments, problem)) for problem in PROBLEMS]
    if not any(flagged for _, flagged in found):
        pytest.fail("no blocking issue on any problem's lines to judge yet")
    vague = []
    for problem, flagged in found:
        for comment in flagged:
            if len(comment.text.split()) < MIN_WORDS:
                vague.append(f"{comment.where()}: say why it matters and what would resolve it")
        if flagged and not any(re.search(problem.explains, c.text, re.I) for c in flagged):
            vague.append(f"{flagged[0].where()}: the comment on {problem.name} does not name the problem")
    if vague:
        pytest.fail("\n".join(vague))


@pytest.mark.starter_passes
def test_sound_code_is_not_blocked(answer: Path) -> None:
    comments, _ = read_review(answer)
    spans = problem_lines()
    elsewhere = [c.where() for c in comments if c.blocking and c.line not in spans.get(c.path, set())]
    # One blocking comment of your own is fair (a review may find what the exercise did not seed); blocking
    # everywhere is not a review.
    assert len(elsewhere) <= 1, f"blocking comments on sound lines: {', '.join(elsewhere)}"


def test_the_review_praises_something_that_deserves_it(answer: Path) -> None:
    comments, _ = read_review(answer)
    spans = problem_lines()
    praise = [c for c in comments if c.label == "praise"]
    assert praise, "no praise: say what the author should keep doing"
    misplaced = [c.where() for c in praise if c.line in spans.get(c.path, set())]
    sincere = [c for c in praise if c.line not in spans.get(c.path, set()) and len(c.text.split()) >= 5]
    assert sincere, f"praise on a line that ships a problem ({', '.join(misplaced)}), or too short to say what is good"
