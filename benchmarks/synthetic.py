"""Synthetic lessons that look like real ones to the build: front matter, sections, an included code
snippet, admonitions, links and abbreviations. Used only to measure how build time grows with content."""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

WORDS = [
    *["request", "response", "cache", "index", "query", "schema", "token", "session", "queue", "replica"],
    *["shard", "latency", "throughput", "deploy", "rollback", "migration", "contract", "endpoint", "payload"],
    *["header", "cookie", "secret", "certificate", "policy"],
]
SNIPPET = "examples/security/sql_injection/fixed.py:find_user"


def _paragraph(seed: int, words: int = 90) -> str:
    cycle = itertools.islice(itertools.cycle(WORDS[seed % len(WORDS) :] + WORDS[: seed % len(WORDS)]), words)
    text = " ".join(cycle)
    return text[0].upper() + text[1:] + ". The API uses JWT and SQL over HTTP."


def lesson_text(number: int, area: str) -> str:
    meta = {
        "title": f"Synthetic lesson {number}",
        "description": f"A generated lesson number {number} used to measure build scaling.",
        "level": "intermediate",
        "time": 30,
        "tags": ["synthetic", area],
        "prerequisites": [],
        "objectives": ["Explain the first idea.", "Apply the second idea.", "Avoid the common mistake."],
        "last_reviewed": "2026-11-25",
    }
    sections = [f"# Synthetic lesson {number}", "## Why it matters", _paragraph(number), _paragraph(number + 1)]
    for concept in range(3):
        sections += [f"## Core idea {concept + 1}", _paragraph(number + concept), _paragraph(number + concept + 7)]
        sections += ["```python", f'--8<-- "{SNIPPET}"', "```"]
        sections += ['!!! tip "Remember"', "    " + _paragraph(number + concept + 3, 30)]
    # The lesson contract wants a check or a rubric per exercise: a rubric needs no files beside the lesson.
    rubric = (
        '    ??? example "Rubric"\n'
        '        **A weak answer** "It works." **Why it is weak:** it shows no evidence.\n\n'
        '        **A strong answer** "The test shows it." **Why it is strong:** it shows evidence.'
    )
    sections += ["## Exercises", "1. **Build it.** Do the thing.\n   *Acceptance criteria:* it works.", rubric]
    sections += ["## Self-check"]
    for question in range(3):
        sections += [f'??? question "Question {question + 1}?"', "    " + _paragraph(number + question, 40)]
    sections += ["## Common pitfalls", "- **A mistake.** " + _paragraph(number + 9, 40)]
    sections += ["## Further reading", "- [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)"]
    front = yaml.safe_dump(meta, sort_keys=False)
    return f"---\n{front}---\n\n" + "\n\n".join(sections) + "\n"


def add_synthetic_lessons(project: Path, count: int) -> None:
    """Spread `count` lessons over the areas that already have lessons, and list them in each nav."""
    skills = yaml.safe_load((project / "data" / "skills.yml").read_text(encoding="utf-8"))
    areas = [a["id"] for a in skills["areas"] if a["group"] != "guide"]
    for number in range(count):
        area = areas[number % len(areas)]
        folder = project / "docs" / area
        name = f"synthetic-{number:04d}.md"
        (folder / name).write_text(lesson_text(number, area), encoding="utf-8")
        nav = folder / ".nav.yml"
        if nav.exists():
            data = yaml.safe_load(nav.read_text(encoding="utf-8")) or {}
            if isinstance(data.get("nav"), list):
                data["nav"].append(name)
                nav.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
