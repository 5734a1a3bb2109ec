"""A minimal secret scanner: known token formats plus high-entropy strings, the two ideas behind gitleaks and co."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# --8<-- [start:scanner]
RULES = {
    "aws-access-key-id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "github-token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "private-key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----"),
    "password-in-url": re.compile(r"\b[a-z][a-z0-9+.-]*://[^:/\s]+:[^@\s]{3,}@"),
}
ASSIGNMENT = re.compile(r"""(?i)(secret|token|passw(?:or)?d|api_?key)\w*\s*[:=]\s*["']([^"']{16,})["']""")


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str


def shannon_entropy(text: str) -> float:
    """Bits per character: random base64 is near 6, English words are near 4."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def scan(text: str, entropy_threshold: float = 4.0) -> list[Finding]:
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        findings += [Finding(number, rule) for rule, pattern in RULES.items() if pattern.search(line)]
        for match in ASSIGNMENT.finditer(line):
            if shannon_entropy(match.group(2)) >= entropy_threshold:
                findings.append(Finding(number, "high-entropy-assignment"))
    return findings


# --8<-- [end:scanner]
