"""Headings: a line ending in `:` gives its one status, type and scope to the short lines
listed below it (`Berikut jumlah koperasi aktif per kabupaten:` then `Kabupaten Kampar: 684 unit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import COOP_WORD_RE, Reading
from dagster_project.domain.extraction.text import Sentence
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status

_LIST_LINE_RE = re.compile(r"^(?:[-•*·]|\d{1,2}[.)])\s|:\s*\S")  # "- 2020: 97 unit", "Kota X: 5 unit"


@dataclass(frozen=True, slots=True)
class Heading:
    """The one status, type and scope a line ending in `:` names for the list below it."""

    status: Status | None
    ctype: CooperativeType | None
    scope: Scope | None
    names_cooperatives: bool  # the lines below count cooperatives even if they do not say so

    @classmethod
    def of(cls, text: str) -> Heading:
        return cls(lx.STATUSES.only(text), lx.TYPES.only(text), lx.SCOPES.only(text), bool(COOP_WORD_RE.search(text)))

    @construction("heading_line", sets=("status", "cooperative_type", "scope"))
    def describe(self, readings: list[Reading]) -> None:
        """A list line's figures take the one status, type and scope of the heading above the
        list, where their own words left them unset."""
        for reading in readings:
            reading.fill("status", self.status, "heading_line")
            reading.fill("ctype", self.ctype, "heading_line")
            reading.fill("scope", self.scope, "heading_line")


def is_list_line(text: str, sentence: Sentence) -> bool:
    """Whether the sentence is a list line of its own (`Kabupaten Kampar: 684 unit`, `- 2020: 97 unit`)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    own = sentence.text.strip()
    return len(line) <= 100 and line.endswith(own) and len(line) - len(own) <= 4 \
        and bool(_LIST_LINE_RE.search(line))
