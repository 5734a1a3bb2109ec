"""Refresh the dated snapshots behind the site's version and standards facts: `python -m tools.facts.refresh`.

    python -m tools.facts.refresh --endoflife DIR [--commit SHA --date YYYY-MM-DD]
                                  [--rfc-index FILE [--rfc-date YYYY-MM-DD]] [--summary FILE]

- `--endoflife DIR`: a checkout of github.com/endoflife-date/endoflife.date. Every product that has a file in
  data/releases/ is rewritten from DIR/products/<id>.md; `names` and `note` are kept. To add a product, add
  `data/releases/<id>.yml` holding its `id` and `names`, then refresh. The commit and its date default to
  DIR's HEAD (git).
- `--rfc-index FILE`: the RFC Editor's rfc-index.xml (or rfc-index.txt); data/standards/rfcs.yml is rewritten
  with the RFCs that pages and data cite. The text index carries its date; the XML one is dated today unless
  `--rfc-date` says otherwise.
- `--summary FILE`: Markdown for the pull request: what changed, and what the freshness check finds with the
  new data today (the lessons the change makes stale).

Offline and deterministic given its inputs: the monthly workflow (.github/workflows/freshness.yml) downloads
them, and tests/test_refresh_facts.py runs it on fixture files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

import yaml

from macros.core.errors import SourceError
from macros.model.catalog import read_catalog
from macros.model.citations import cited_rfcs
from macros.model.freshness import FreshnessReport, check_freshness
from tools.facts import changes, endoflife, rfc_index

ROOT = Path(__file__).resolve().parents[2]
RELEASES = Path("data/releases")
RFCS = Path("data/standards/rfcs.yml")


def refresh_releases(root: Path, checkout: Path, commit: str, taken: dt.date) -> list[str]:
    """Rewrite every product snapshot from the checkout; returns what changed, one line per fact."""
    lines: list[str] = []
    for path in sorted((root / RELEASES).glob("*.yml")):
        old = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        product = path.stem
        source = checkout / "products" / f"{product}.md"
        if not source.is_file():
            raise SystemExit(f"{path.relative_to(root)}: no products/{product}.md in {checkout}")
        kept = {key: old[key] for key in endoflife.KEPT if key in old}
        record = endoflife.snapshot(product, source.read_text(encoding="utf-8"), kept, taken, commit)
        lines.extend(changes.release_changes(product, old if "releases" in old else None, record))
        path.write_text(endoflife.to_yaml(record), encoding="utf-8")
    return lines


def refresh_rfcs(root: Path, index_file: Path, taken: dt.date | None) -> list[str]:
    """Rewrite the RFC snapshot with the cited RFCs; returns what changed."""
    content = index_file.read_bytes()
    if content.lstrip().startswith(b"<"):
        entries, made = rfc_index.parse_xml(content), None
    else:
        made, entries = rfc_index.parse_text(content.decode("utf-8"))
    date = taken or made or dt.datetime.now(dt.UTC).date()
    cited = cited_rfcs(root, root / "docs")
    target = root / RFCS
    old = yaml.safe_load(target.read_text(encoding="utf-8")) if target.is_file() else None
    text = rfc_index.to_yaml((entries[n] for n in sorted(cited) if n in entries), date)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return changes.rfc_changes(old, yaml.safe_load(text))


def check_now(root: Path, on: dt.date) -> FreshnessReport | str:
    """The freshness check over the refreshed data on `on`, or why the data does not load."""
    catalog, problems = read_catalog(root)
    if problems:
        return SourceError(problems).report()
    return check_freshness(root, root / "docs", catalog.releases, catalog.rfcs, catalog.comparisons.values(), on)


def summary(changed: list[str], report: FreshnessReport | str) -> str:
    out = ["## Facts that changed", ""]
    if changed:
        out.extend(f"- {line}" for line in changed)
    else:
        out.append("Nothing a reader sees changed.")
    out += ["", "## What the freshness check finds with the new data", ""]
    if isinstance(report, str):
        return "\n".join([*out, "The refreshed data does not load:", "", "```text", report, "```", ""])
    out.append(f"On {report.on.isoformat()}: {report.summary()}.")
    out.append("")
    if report.problems:
        out.append("**Stale (the build fails until they are fixed):**")
        out.append("")
        out.extend(f"- `{p.file}:{p.line}`: {p.message}" for p in report.problems)
        out.append("")
    if report.warnings:
        out.append("**Due soon or unknown (warnings):**")
        out.append("")
        out.extend(f"- `{p.file}:{p.line}`: {p.message}" for p in report.warnings)
        out.append("")
    if not report.problems and not report.warnings:
        out.append("No lesson or pin is stale.")
    return "\n".join(out) + "\n"


def _git_head(checkout: Path) -> tuple[str, dt.date]:
    result = subprocess.run(  # noqa: S603 - fixed arguments, a checkout the workflow made
        ["git", "-C", str(checkout), "log", "-1", "--format=%H %cs"],  # noqa: S607 - git from PATH
        capture_output=True,
        text=True,
        check=True,
    )
    commit, day = result.stdout.split()
    return commit, dt.date.fromisoformat(day)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.facts.refresh", description=__doc__.splitlines()[0])
    parser.add_argument("--endoflife", type=Path, help="a checkout of endoflife-date/endoflife.date")
    parser.add_argument("--commit", help="the checkout's commit (default: its HEAD)")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="the commit's date (default: its HEAD's)")
    parser.add_argument("--rfc-index", type=Path, help="rfc-index.xml or rfc-index.txt")
    parser.add_argument("--rfc-date", type=dt.date.fromisoformat, help="the RFC index's date")
    parser.add_argument("--summary", type=Path, help="write the pull request's Markdown here")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="judge the lessons on this date")
    args = parser.parse_args(argv)
    if args.endoflife is None and args.rfc_index is None:
        parser.error("nothing to refresh: give --endoflife, --rfc-index or both")
    changed: list[str] = []
    if args.endoflife is not None:
        commit, day = (args.commit, args.date) if args.commit and args.date else _git_head(args.endoflife)
        changed += refresh_releases(root, args.endoflife, commit, day)
    if args.rfc_index is not None:
        changed += refresh_rfcs(root, args.rfc_index, args.rfc_date)
    report = check_now(root, args.today or dt.datetime.now(dt.UTC).date())
    text = summary(changed, report)
    if args.summary is not None:
        args.summary.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
