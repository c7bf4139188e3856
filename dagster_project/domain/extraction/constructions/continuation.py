"""Continuation over sentences: a sentence that goes on with the one before it keeps what that
one said.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.constructions.elided_nouns import elided
from dagster_project.domain.extraction.reading import COOP_WORD_RE, SentenceReading
from dagster_project.domain.vocabulary import Unit


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


@construction(sets=("status", "cooperative_type", "scope"))
def change_of_previous_sentence(s: SentenceReading) -> None:
    """`Tahun 2009 jumlah koperasi yang tidak aktif hanya 316 koperasi. Pada tahun 2010 meningkat
    menjadi 320 koperasi.`: a sentence that opens with a change to a new level (after at most its
    period) has no subject of its own: the level right after `menjadi` is the measure of the
    sentence just before at another time, and keeps what that sentence's figures of the same unit
    all share (status, type, scope). Only that level (a count apposed to it follows it), and only
    when it is bare (`320 koperasi.`, not `320 unit usaha`), the sentence states another period and
    no total, and the figures before are no parts of a whole."""
    opening = lx.CHANGE_WITHOUT_SUBJECT_RE.match(s.text)
    if not (opening and s.previous_adjacent and lx.PERIOD_RE.search(s.text)) or _TOTAL_RE.search(s.text):
        return
    level = next((r for r in s.live if r.number.start == opening.end()), None)
    before = [r for r, _ in s.previous if level and r.unit == level.unit]
    if level is None or not before or any(r.parent for r in before) \
            or not lx.BARE_LEVEL_AFTER_RE.match(s.text, level.number.end):
        return
    for field in ("status", "ctype", "scope"):
        values = {getattr(r, field) for r in before}
        if len(values) == 1:
            level.fill(field, values.pop(), "change_of_previous_sentence")


@construction("continuation_previous_sentence", "region_list_continued", sets=("status",))
def continuation_previous_sentence(s: SentenceReading) -> None:
    """`Koperasi yang aktif didominasi KSP sebanyak 296 unit. Berikutnya koperasi serba usaha 201
    unit`: typed counts (or shares) of a sentence opening with `Berikutnya`, `Kemudian`, ... go on
    with the previous sentence's typed list and share its one status
    (`continuation_previous_sentence`). Its untyped counts go on with a list of regions that
    shares one status (`... antara lain tersebar di Lombok Barat 345 koperasi, Lombok Tengah 385
    koperasi. Kemudian 192 koperasi di Kabupaten Dompu`): a previous sentence whose counts are
    each in a region of their own, or that went on with such a list (`region_list_continued`)."""
    if not lx.LIST_CONTINUES_RE.match(s.text):
        return
    for reading in s.live:
        statuses = {r.status for r, _ in s.previous if r.ctype and r.unit == reading.unit}
        if reading.ctype and reading.status is None and len(statuses) == 1:
            reading.set("status", next(iter(statuses)), "continuation_previous_sentence")
    if _OWN_FRAME_RE.search(s.text):  # "Lalu pada 2023 tercatat 500 ...", "secara keseluruhan": a figure of its own
        return
    counts = [(r, region) for r, region in s.previous if r.unit == Unit.COUNT]
    list_statuses = {r.status for r, _ in counts}
    regional = len(counts) >= 2 and len({region.code for _, region in counts}) == len(counts)
    continued = bool(counts) and all(("status", "region_list_continued") in r.trace for r, _ in counts)
    if not (regional or continued) or len(list_statuses) != 1 or None in list_statuses:
        return
    for reading in s.live:
        if reading.unit == Unit.COUNT and reading.status is None and reading.ctype is None:
            reading.set("status", next(iter(list_statuses)), "region_list_continued")


_TOTAL = r"jumlah|total|seluruh\w*|keseluruhan"
_TOTAL_RE = caseless(rf"(?<![\w-])(?:{_TOTAL})(?![\w-])")
# A sentence with a period or a total of its own states its own figure, whatever opens it.
_OWN_FRAME_RE = caseless(rf"(?<![\w-])(?:{_TOTAL}|secara)(?![\w-])|(?<![\d.,]){lx.YEAR}(?![\d.,])")
