"""The capstone grader: checks a running service over HTTP, in any language, without reading its source.

A capstone declares its checks on a `Suite` (see capstones/README.md, "Writing checks"); the grader runs
them against a base URL and writes a JSON and an HTML report.
"""

from capstones.grader.context import Context, LoadResult
from capstones.grader.model import CheckFailed, Evidence, Group, Status
from capstones.grader.suite import Suite

__all__ = ["CheckFailed", "Context", "Evidence", "Group", "LoadResult", "Status", "Suite"]
