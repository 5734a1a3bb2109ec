"""How Helm computes a release's values, modeled from its source (helm.sh/helm/v4: pkg/cli/values/options.go,
pkg/strvals, pkg/chart/common/util/coalesce.go and the upgrade action's value reuse).

Rendering templates needs Helm itself; deciding *which values* a release gets does not, and that is where most
surprises are: a value file that replaces a list, a --set that turns a tag into a number, an upgrade that
silently drops the values given at install time.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

Values = dict[str, Any]


# --8<-- [start:merge]
def merge_maps(base: Mapping[str, Any], override: Mapping[str, Any]) -> Values:
    """Later value files win key by key; maps merge recursively; lists and scalars are replaced whole."""
    out = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_maps(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def coalesce(chart_defaults: Mapping[str, Any], user: Mapping[str, Any]) -> Values:
    """The user's values over the chart's defaults; a user value of null deletes the default's key."""
    out = copy.deepcopy(dict(chart_defaults))
    for key, value in user.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = coalesce(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# --8<-- [end:merge]


# --8<-- [start:set]
def typed(text: str) -> Any:
    """How --set types a value: true/false/null, integers without a leading zero, everything else a string.
    (--set-string keeps everything a string.)"""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if text.lower() == "null":
        return None
    if text == "0" or (text[:1] != "0" and re.fullmatch(r"[+-]?\d+", text)):
        return int(text)
    return text


def set_value(values: Values, expression: str, *, as_string: bool = False) -> None:
    """Apply one `a.b.c=value` (the dotted form only; Helm also parses lists, commas and escapes)."""
    path, _, raw = expression.partition("=")
    *parents, last = path.split(".")
    node = values
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = raw if as_string else typed(raw)


# --8<-- [end:set]


def user_values(
    files: Sequence[Mapping[str, Any]] = (), sets: Sequence[str] = (), set_strings: Sequence[str] = ()
) -> Values:
    """-f files in order, then --set, then --set-string: the order of Helm's Options.MergeValues."""
    values: Values = {}
    for file in files:
        values = merge_maps(values, file)
    for expression in sets:
        set_value(values, expression)
    for expression in set_strings:
        set_value(values, expression, as_string=True)
    return values


# --8<-- [start:upgrade]
class Reuse(Enum):
    DEFAULT = "neither flag"
    RESET = "--reset-values"
    REUSE = "--reuse-values"
    RESET_THEN_REUSE = "--reset-then-reuse-values"


def upgrade_values(
    new_chart_defaults: Mapping[str, Any],
    old_chart_defaults: Mapping[str, Any],
    previous_user: Mapping[str, Any],
    new_user: Mapping[str, Any],
    mode: Reuse = Reuse.DEFAULT,
) -> Values:
    """The values `helm upgrade` renders the new chart version with.

    DEFAULT: the new command's values over the new chart's defaults; but if the command gave no values at all,
    the previous release's are reused. So `--set image.tag=...` alone drops every value file given before.
    REUSE: the previous release's values *and its chart's defaults* win: defaults added in the new chart version
    are ignored. RESET_THEN_REUSE: the new chart's defaults, then the previous values, then the new ones."""
    if mode is Reuse.RESET:
        return coalesce(new_chart_defaults, new_user)
    if mode is Reuse.REUSE:
        return coalesce(coalesce(old_chart_defaults, previous_user), new_user)
    if mode is Reuse.RESET_THEN_REUSE:
        return coalesce(new_chart_defaults, merge_maps(previous_user, new_user))
    return coalesce(new_chart_defaults, new_user if new_user else previous_user)


# --8<-- [end:upgrade]


def load_values(path: Path) -> Values:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
