"""A reference solution: findings name the place and the rule, never the value, and the exit code carries the
verdict."""

import sys
from pathlib import Path

from examples.security.secrets_mgmt.scanner import Finding, scan


def scan_paths(paths: list[str]) -> list[tuple[str, Finding]]:
    findings = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, archives and other binary files: not what this scanner reads
        findings += [(path, finding) for finding in scan(text)]
    return findings


def main(argv: list[str] | None = None) -> int:
    findings = scan_paths(sys.argv[1:] if argv is None else argv)
    for path, finding in findings:
        # Hook output lands in terminals and CI logs: printing the secret would leak it a second time.
        print(f"{path}:{finding.line}: {finding.rule}")
    if findings:
        print(f"{len(findings)} possible secret(s): remove them, and rotate any that were real", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
