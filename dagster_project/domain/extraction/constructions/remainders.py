"""Remainders: `sisanya 89 unit` is the rest of the figure stated before it.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.constructions.apposition import OPPOSITE
from dagster_project.domain.extraction.reading import SentenceReading

_OPENS_WITH_REMAINDER_RE = caseless(r"^\W*(?:sisanya|selebihnya)")


@construction(sets=("status", "scope"))
def remainder_sisanya(s: SentenceReading, index: int) -> bool:
    """`Yang aktif hanya 180 unit. Sisanya 120 unit.`: a remainder without a type takes the status
    opposite to the last one stated (in this sentence before it, or the sentence before), and
    that figure's scope."""
    reading = s.live[index]
    before = s.text[max(0, reading.number.start - 25):reading.number.start]
    if reading.ctype is None and (lx.REMAINDER_RE.search(before)
                                  or _OPENS_WITH_REMAINDER_RE.match(s.clause_text(reading))):
        stated = [r for r in [*(r for r, _ in s.previous), *s.live[:index]] if r.status in OPPOSITE]
        if stated and reading.status is None:
            reading.set("status", OPPOSITE[stated[-1].status], "remainder_sisanya")
        if stated and reading.scope is None:
            reading.set("scope", stated[-1].scope, "remainder_sisanya")
    return False
