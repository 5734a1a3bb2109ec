"""Exercise: the pre-commit hook that never blocked anything.

Symptom: an AWS access key reached the main branch although every developer has the secret-scanning hook
installed. The hook's output was there in the terminal, and in CI's log too, complete with the key itself,
which is how the key ended up in a second place. Pre-commit runs this file with the staged files as arguments and
blocks the commit only when it exits non-zero. It also crashed the week before on a staged PNG.

Diagnose it with the check (`make exercise ID=security/secrets_management/precommit_hook`): it runs this file the
way pre-commit does.

Fix: exit with 1 when anything is found and 0 when nothing is; report each finding as `path:line: rule` without
the secret or the line it is on; skip files that are not UTF-8 text instead of crashing.
"""

import sys
from pathlib import Path

from examples.security.secrets_mgmt.scanner import Finding, scan


def scan_paths(paths: list[str]) -> list[tuple[str, Finding]]:
    findings = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        findings += [(path, finding) for finding in scan(text)]
    return findings


def main(argv: list[str] | None = None) -> int:
    findings = scan_paths(sys.argv[1:] if argv is None else argv)
    for path, finding in findings:
        line = Path(path).read_text(encoding="utf-8").splitlines()[finding.line - 1]
        print(f"{path}:{finding.line}: {finding.rule}: {line.strip()}")  # show the line, to help fix it
    return 0


if __name__ == "__main__":
    main()
