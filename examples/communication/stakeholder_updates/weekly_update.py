"""Check a weekly update for the habits that make it useful: fixed sections, risks with a date and a
decision-maker, numbers instead of adjectives, named asks, no unexplained acronyms, short lines."""

from __future__ import annotations

import re

SECTIONS = ("Shipped", "Next", "At risk", "Numbers", "Need from you")
MAX_LINES, MAX_WIDTH = 12, 100  # about one phone screen
NOTHING = re.compile(r"^(none|nothing)\b", re.I)
DEADLINE = re.compile(
    r"\bby (mon|tues|wednes|thurs|fri|satur|sun)day\b|\bby \d{1,2} [a-z]+\b|\bby \d{4}-\d{2}-\d{2}\b", re.I
)
PERSON = re.compile(r"\bfrom [A-Z][a-z]+\b|\([A-Z][a-z]+\)")
ADJECTIVES = re.compile(r"\b(good|fine|great|okay|ok|on track|healthy|stable|slow|fast|better|worse)\b", re.I)
ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
KNOWN = {"API", "CSV", "PDF", "URL", "UTC", "EUR", "USD"}  # acronyms every reader of ours knows


# --8<-- [start:problems]
def problems(update: str) -> list[str]:
    lines = update.strip().splitlines()
    found = []
    if len(lines) > MAX_LINES or any(len(line) > MAX_WIDTH for line in lines):
        found.append(f"keep it to {MAX_LINES} lines of at most {MAX_WIDTH} characters: it is read on phones")
    parts = sections(lines[1:])
    if list(parts) != list(SECTIONS):
        found.append(f"use the same sections in the same order every week: {', '.join(SECTIONS)}")
    risk, numbers, asks = (parts.get(name, "") for name in ("At risk", "Numbers", "Need from you"))
    if not NOTHING.match(risk) and not (DEADLINE.search(risk) and PERSON.search(risk)):
        found.append("a risk needs a date and a decision-maker ('decision needed from Dana by Thursday')")
    if not re.search(r"\d", numbers) or ADJECTIVES.search(numbers):
        found.append("numbers, not adjectives: 'p95 240 ms', not 'performance looks good'")
    if not NOTHING.match(asks) and not PERSON.search(asks):
        found.append("name who each ask is for, '(Lee)', or say 'nothing'")
    for acronym in sorted(_unexplained_acronyms(update)):
        found.append(f"explain '{acronym}' the first time, or write the words out")
    return found


# --8<-- [end:problems]


def sections(lines: list[str]) -> dict[str, str]:
    """Section name -> its text; indented lines continue the section above them."""
    found: dict[str, str] = {}
    current = None
    for line in lines:
        name, colon, rest = line.partition(":")
        if colon and not line[0].isspace() and name in SECTIONS:
            current = name
            found[current] = rest.strip()
        elif current is not None:
            found[current] += " " + line.strip()
    return found


def _unexplained_acronyms(update: str) -> set[str]:
    explained = {match.group(1) for match in re.finditer(r"\(([A-Z]{2,6})\)", update)}
    return {a.rstrip("s") for a in ACRONYM.findall(update)} - explained - KNOWN
