"""House spelling (US English) for what readers see: lesson prose, data, templates and interface strings.

Two sources of British forms:
- codespell's en-GB to en-US dictionary (codespell is already a test tool), plus a few forms it lacks;
- word families that no list can cover whole: -ise/-isation verbs and nouns (organise, anonymisation)
  and -lyse verbs (analyse), flagged unless the word is English in both spellings (exercise, raise).

Not checked, because renaming them would break something or misquote someone: URLs, inline and fenced
code, Jinja expressions, identifiers and paths (anything joined by `_`, `/` or a file extension),
words in capitals (MITRE), the quoted titles of external sources listed in `QUOTED_TITLES`, and search
aliases (data/topics.yml lists British spellings so that readers who type them still find the topic).

Run `python -m tests.spelling` to list every finding as `file:line: british -> us`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import codespell_lib

ROOT = Path(__file__).resolve().parent.parent

# What readers see. Example and lab code keep their identifiers; their prose (READMEs) is checked.
CHECKED = [
    ("docs", ("*.md", "*.yml")),
    ("docs/assets/javascripts", ("*.js",)),
    ("docs/assets/stylesheets", ("*.css",)),
    ("data", ("*.yml",)),
    ("templates", ("*",)),
    ("overrides", ("*.html",)),
    ("labs", ("*.md",)),
    (".", ("README.md", "CONTRIBUTING.md", "mkdocs.yml")),
]
SKIPPED_PARTS = {"vendor", "node_modules"}

# British forms codespell's list lacks (checked against it: these are not in it).
EXTRA_FORMS = {
    "artefact": "artifact",
    "artefacts": "artifacts",
    "datacentre": "datacenter",
    "datacentres": "datacenters",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    "whilst": "while",
}

# English in both spellings although they end like -ise verbs. Inflections (-d, -s, -r, -ing) follow.
ISE_WORDS = {
    "advertise", "advise", "apprise", "appraise", "arise", "bruise", "chastise", "chemise", "circumcise",
    "comprise", "compromise", "concise", "cruise", "demise", "despise", "devise", "disguise", "enterprise",
    "excise", "exercise", "exorcise", "expertise", "franchise", "guise", "improvise", "incise", "merchandise",
    "imprecise", "noise", "paradise", "poise", "praise", "precise", "premise", "promise", "raise", "reprise", "revise",
    "rise", "supervise", "surmise", "surprise", "televise", "treatise", "turquoise",
}  # fmt: skip
# Plural nouns that look like -ise/-yse verbs.
PLURAL_NOUNS = {"analyses", "crises", "paralyses"}

# Titles of external sources quoted as their publisher spells them (kept British on purpose).
QUOTED_TITLES: list[str] = []

ISE_FAMILY = re.compile(r"\b([a-z]+)is(e|es|ed|ing|er|ers|ation|ations)\b")
LYSE_FAMILY = re.compile(r"\b([a-z]+)lys(e|es|ed|ing|er|ers)\b")
WORD = re.compile(r"[A-Za-z]+")
# Spans whose words are not prose: code, URLs, Jinja, identifiers and paths, HTML/Markdown link targets.
MASKS = [
    re.compile(r"```.*?```|~~~.*?~~~", re.S),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S),
    re.compile(r"\b(?:https?|mailto):[^\s)\"'<>]+"),
    re.compile(r"\]\([^)\s]*\)"),
    re.compile(r"\b(?:href|src|id|class|for)=\"[^\"]*\""),
    re.compile(r"[\w.-]*(?:_|/|\.(?:py|md|yml|yaml|js|css|html|sql|json|go|rb|java|rs|ts))[\w./-]*"),
    re.compile(r"--8<--.*"),
    re.compile(r"^[\s-]*id: \S+", re.M),  # data ids name their files: `specialised-stores.yml`
    re.compile(r"\baliases: \[[^\]]*\]"),  # search aliases list British spellings on purpose (data/topics.yml)
    re.compile(r"^\s*- \[[a-z]+, [a-z]+\]\s*$", re.M),  # British/US stem pairs (data/search/vocabulary.yml)
]


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    british: str
    us: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.british} -> {self.us}"


def _codespell_forms() -> dict[str, str]:
    source = Path(codespell_lib.__file__).parent / "data" / "dictionary_en-GB_to_en-US.txt"
    forms: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        british, _, us = line.partition("->")
        if british and us:
            forms[british.strip()] = us.split(",")[0].strip()
    return forms


BRITISH = {**_codespell_forms(), **EXTRA_FORMS}


def us_form(word: str) -> str | None:
    """The US spelling of `word` if it is a British form, else None. Keeps the first letter's case."""
    if word.isupper() and len(word) > 1:
        return None  # an acronym or a name in capitals (MITRE)
    lower = word.lower()
    us = BRITISH.get(lower)
    if us is None and lower not in PLURAL_NOUNS:
        ise = ISE_FAMILY.fullmatch(lower)
        lyse = LYSE_FAMILY.fullmatch(lower)
        if ise and ise.group(1) + "ise" not in ISE_WORDS and not lower.endswith("wise"):
            us = ise.group(1) + "iz" + ise.group(2)
        elif lyse:
            us = lyse.group(1) + "lyz" + lyse.group(2)
    if us is None:
        return None
    return us[0].upper() + us[1:] if word[0].isupper() else us


def _masked(text: str) -> str:
    """The text with every non-prose span blanked out; newlines kept so line numbers hold."""
    for title in QUOTED_TITLES:
        text = text.replace(title, re.sub(r"\S", " ", title))
    for mask in MASKS:
        text = mask.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def check_text(text: str, path: str) -> Iterator[Finding]:
    for number, line in enumerate(_masked(text).splitlines(), start=1):
        for match in WORD.finditer(line):
            us = us_form(match.group(0))
            if us is not None:
                yield Finding(path, number, match.group(0), us)


def checked_files(root: Path = ROOT) -> Iterable[Path]:
    for folder, patterns in CHECKED:
        base = root / folder
        for pattern in patterns:
            paths = base.glob(pattern) if folder == "." else base.rglob(pattern)
            for path in sorted(paths):
                if path.is_file() and not SKIPPED_PARTS.intersection(path.relative_to(root).parts):
                    yield path


def check_repository(root: Path = ROOT) -> list[Finding]:
    findings: list[Finding] = []
    for path in dict.fromkeys(checked_files(root)):
        text = path.read_text(encoding="utf-8")
        findings.extend(check_text(text, str(path.relative_to(root))))
    return findings


if __name__ == "__main__":
    for finding in check_repository():
        print(finding)
