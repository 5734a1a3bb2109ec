"""A reference solution: MEDIUM and HIGH block, LOW is left to review, and a scan that fails fails the gate."""

import sys
from pathlib import Path

from examples.security.security_testing import sast

BLOCKING = {"MEDIUM", "HIGH"}


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    blocking = []
    try:
        for path in paths:
            blocking += [(path, f) for f in sast.bandit(path) if f.severity in BLOCKING]
    except RuntimeError as error:
        # A scan that did not happen proves nothing: fail closed, with a different code than "findings".
        print(f"error: the scan failed, so nothing was checked: {error}", file=sys.stderr)
        return 2
    for path, finding in blocking:
        print(f"{path}:{finding.line}: {finding.test_id} {finding.severity}")
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main())
