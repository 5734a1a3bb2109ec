"""What every renderer shares: looking up a named dataset, lesson level labels, sources, icons."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from macros.core.html import link, tag
from macros.model.schema import Source

T = TypeVar("T")


class UnknownName(KeyError):
    """A page asked for a dataset, area or level that does not exist; the message lists the valid ones."""

    def __str__(self) -> str:
        return str(self.args[0])


def pick(kind: str, mapping: Mapping[str, T], name: str) -> T:
    if name not in mapping:
        raise UnknownName(f"no {kind} '{name}' in data/ (known: {', '.join(sorted(mapping)) or 'none'})")
    return mapping[name]


def source_links(sources: Iterable[Source]) -> str:
    items = "".join(tag("li", link(source.title, source.url)) for source in sources)
    return tag("ul", items, class_="bs-sources") if items else ""
