"""Elided nouns: a bare `N unit` counts the kind of cooperative the text is listing.
"""

from __future__ import annotations

from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import (
    COOP_WORD_RE,
    Reading,
    SentenceReading,
    vocabulary_in,
)


def _bare(reading: Reading) -> bool:
    return reading.ctype is None and reading.head in ("unit", "none") and not reading.is_base


def note_sibling_types(s: SentenceReading) -> None:
    """The types the sentence's own counts state (not a part's, a whole's or a base's): what an
    elided noun among them counts. Noted before any type is carried, so a carried type is no
    sibling's. (A mark: it sets no field.)"""
    s.stated_types = {r.ctype for r in s.live if r.ctype and r.parent is None and not r.is_base
                      and not any(other.parent is r for other in s.live)}


@construction(sets=("cooperative_type",))
def type_named_earlier(s: SentenceReading) -> None:
    """`daerah dengan KSU terbanyak, yakni 763 unit`: the type named last in an earlier clause
    of its sentence that holds no number."""
    for reading in s.live:
        if not _bare(reading):
            continue
        for c in range(reading.clause - 1, -1, -1):
            if c in s.numbered:
                continue
            found = vocabulary_in(lx.TYPES, s.text, s.clauses[c])
            if found:
                reading.set("ctype", found[-1][2], "type_named_earlier")
                break


def elided(s: SentenceReading, reading: Reading) -> bool:
    """A bare count, not a part, whose clause names no cooperative: its noun is elided."""
    clause = s.clauses[reading.clause]
    return _bare(reading) and reading.parent is None and not COOP_WORD_RE.search(s.masked, clause.start, clause.end)


@construction(sets=("cooperative_type",))
def type_of_siblings(s: SentenceReading) -> None:
    """`676 unit, sedangkan ... 521 unit koperasi serba usaha`: an elided noun counts the one type
    its listed siblings name."""
    if len(s.stated_types) != 1:
        return
    for reading in s.live:
        if elided(s, reading):
            reading.set("ctype", next(iter(s.stated_types)), "type_of_siblings")
