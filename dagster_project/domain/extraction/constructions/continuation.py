"""Continuation over sentences: a sentence that goes on with the one before it keeps what that
one said.
"""

from __future__ import annotations

from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.constructions.elided_nouns import elided
from dagster_project.domain.extraction.reading import COOP_WORD_RE, SentenceReading


@construction(sets=("cooperative_type",))
def type_of_previous_sentence(s: SentenceReading) -> None:
    """`Kabupaten Agam memiliki KSU terbanyak, yakni 90 unit. Di bawahnya ada 60 unit di ...`:
    an elided noun without siblings, in a sentence that names no cooperative before it, counts
    the one type of the figures of the sentence before (a ranking that goes on)."""
    earlier = {r.ctype for r, _ in s.previous}
    if s.stated_types or len(earlier) != 1:
        return
    for reading in s.live:
        if elided(s, reading) and not COOP_WORD_RE.search(s.masked, 0, reading.number.start):
            reading.set("ctype", next(iter(earlier)), "type_of_previous_sentence")


@construction(sets=("status",))
def continuation_previous_sentence(s: SentenceReading) -> None:
    """`Koperasi yang aktif didominasi KSP sebanyak 296 unit. Berikutnya koperasi serba usaha 201
    unit`: typed counts (or shares) of a sentence opening with `Berikutnya`, `Kemudian`, ... go on
    with the previous sentence's typed list and share its one status."""
    if not lx.LIST_CONTINUES_RE.match(s.text):
        return
    for reading in s.live:
        statuses = {r.status for r, _ in s.previous if r.ctype and r.unit == reading.unit}
        if reading.ctype and reading.status is None and len(statuses) == 1:
            reading.set("status", next(iter(statuses)), "continuation_previous_sentence")
