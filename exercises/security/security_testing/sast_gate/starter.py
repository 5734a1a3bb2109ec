"""Exercise: the SAST gate that let eval() through.

Symptom: an endpoint that passes a query parameter to eval() was merged last week, although every pull request
runs this gate. Bandit reported it (B307, severity MEDIUM) and the gate passed. Looking closer, the gate also
passed the day the scanner crashed on a file with a syntax error: "we don't block people when the tool has a
hiccup".

Diagnose it with the check (`make exercise ID=security/security_testing/sast_gate`): it runs this file as CI does,
with the paths to scan as arguments.

Fix: exit 1 when any finding has severity MEDIUM or HIGH, and print one line per blocking finding as
`path:line: test_id severity`; exit 0 when there are only LOW findings or none; and when the scan itself fails,
exit with a non-zero code (2) and say why, instead of passing. (The lesson's `sast.bandit` raises RuntimeError
when Bandit fails or could not parse a file.)
"""

import sys
from pathlib import Path

from examples.security.security_testing import sast


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    try:
        blocking = []
        for path in paths:
            blocking += [(path, f) for f in sast.bandit(path) if f.severity == "HIGH"]
    except Exception as error:  # do not block developers when the tool has a hiccup
        print(f"warning: scan failed ({error}), letting the change through")
        return 0
    for path, finding in blocking:
        print(f"{path}:{finding.line}: {finding.test_id} {finding.severity}")
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main())
