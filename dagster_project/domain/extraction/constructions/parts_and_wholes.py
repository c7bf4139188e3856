"""Parts and wholes: `dari 127 koperasi primer, ada 49 yang tidak aktif`, `terdiri dari`,
`di antaranya`, `yakni`. A part is linked to its whole (`parent`), then inherits what it does
not say itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.gazetteer import Gazetteer
from dagster_project.domain.extraction.reading import Reading, SentenceReading
from dagster_project.domain.extraction.region_reading import ResolvedRegion
from dagster_project.domain.numbers import NumberMention
from dagster_project.domain.vocabulary import Unit

# The words before a whole: "dari 181 koperasi itu", "di antara 30 ...", "dari lebih dari 1.200",
# "dari jumlah keseluruhan (mencapai) 392 unit"; not a bound alone ("lebih dari 70 persen", "kurang dari 50")
PARENT_BEFORE_RE = caseless(
    r"(?<![\w-])(?:(?<!lebih\s)(?<!kurang\s)dari|di\s+antara|diantara)\s+"
    r"(?:(?:total|jumlah|keseluruhan)\s+){0,2}(?:(?:sebanyak|mencapai|sejumlah)\s+)?"
    r"(?:(?:lebih|kurang)\s+dari\s+)?$")
# "Dari jumlah tersebut, ...", "Ia menambahkan, dari total koperasi di Sultra, 118 di antaranya ..."
_OPENS_WITH_PART_OF_RE = caseless(r"^(?:[^,\d]{0,40},)?\W*(?:dari\s+(?:jumlah|total|seluruh|keseluruhan)|di\s+antara)")
# A partitive phrase glued to the number before it or after it (`5yakni`, `yakni5`).
_PARTITIVE_GLUED_RE = caseless(lx.PARTITIVE_RE.pattern.removeprefix(r"(?<![\w-])"))
_PARTITIVE_ENDING_RE = caseless(lx.PARTITIVE_RE.pattern + r"\Z")
# Right after a part's number, perhaps its noun: "48 di antaranya aktif", "12 koperasi di antaranya
# tidak aktif", "300 koperasi di antaranya berada di Bantul". Not after a comma ("300 unit, di
# antaranya Koperasi Maju"), nor where it means "including": before names or a place ("KSP
# Sejahtera ...", "di Kecamatan Sewon"), another number or what lists ("ada 300 yang tidak aktif",
# "yaitu ..."); "300 di antaranya koperasi simpan pinjam", "... terdapat di Banyumas" are of them.
_DI_ANTARANYA_RE = caseless(r"\s*(?:(?:unit|buah)\s+)?(?:koperasi|kud|ksp|unit|buah)?\s*di\s+antaranya(?![\w-])")
_INCLUDING_AFTER_RE = re.compile(
    r"\s*(?:(?:di\s+)?[\"“]?[A-Z]|\d|(?:adalah|yakni|yaitu|seperti|antara)(?![\w-])"
    r"|(?:ada|terdapat|sebanyak|sekitar|sejumlah|berjumlah)\s+(?:\d|yang(?![\w-])))")


@dataclass(frozen=True, slots=True)
class _WholesBefore:
    """For one reading, the indexes (into `live`, -1 for none) of the counts before it that may
    be its whole."""

    last_count: int  # the count just before it
    opener: int  # the last count that opens a whole (`dari 127 koperasi`)
    after_phrase: int  # the last count with a partitive phrase between it and this reading
    glued: int  # a count glued to a phrase whatever number follows (`5yakni`)
    just_before: int  # the count just before, glued to a phrase that reaches this reading


@dataclass(frozen=True, slots=True)
class _Links:
    partitives: _Partitives
    wholes_before: list[_WholesBefore]  # per live reading


def _links(s: SentenceReading) -> _Links:
    """The partitive phrases and candidate wholes of the sentence, found once for the linking
    steps (the live readings do not change between them)."""
    if s.partitive_links is None or s.partitive_links.partitives.live is not s.live:
        partitives = _Partitives(s.text, s.live)
        s.partitive_links = _Links(partitives, _wholes_before(s, partitives))
    return s.partitive_links


def _wholes_before(s: SentenceReading, partitives: _Partitives) -> list[_WholesBefore]:
    """Per reading, found by index, not by searching the text between every pair of numbers,
    so a sentence of thousands of numbers stays linear."""
    live = s.live
    wholes = [i for i, r in enumerate(live) if not r.is_base and r.unit == Unit.COUNT]
    whole_ends = [live[i].number.end for i in wholes]
    is_whole = set(wholes)
    found: list[_WholesBefore] = []
    last_count = last_opener = last_glued = -1
    for index, reading in enumerate(live):
        if index - 2 in is_whole and index - 2 in partitives.glued_always:
            last_glued = index - 2  # glued to its number, whatever follows the next number
        last_start = partitives.last_start[index]  # a phrase after a whole's end is between it and the part
        after_phrase = wholes[bisect_left(whole_ends, last_start) - 1] \
            if last_start >= 0 and whole_ends and whole_ends[0] < last_start else -1
        just_before = index - 1 if index - 1 in is_whole and partitives.glued_before(index) else -1
        found.append(_WholesBefore(last_count, last_opener, after_phrase, last_glued, just_before))
        if reading.unit == Unit.COUNT:
            last_count = index
        if index in is_whole and _opens_a_whole(s.text, reading.number):
            last_opener = index
    return found


def _opens_a_whole(text: str, number: NumberMention) -> bool:
    """`dari 127 koperasi ...`: the number is the whole of the parts after it."""
    lead = text[max(0, number.start - 30):number.start]
    return bool(PARENT_BEFORE_RE.search(lead)) and not (
        lx.CONTINUATION_BEFORE_RE.search(lead) or lx.LIST_INTRODUCER_RE.search(lead[-14:]))


def _di_antaranya(s: SentenceReading, reading: Reading) -> bool:
    found = _DI_ANTARANYA_RE.match(s.text, reading.number.end, reading.number.end + 40)
    return found is not None and not _INCLUDING_AFTER_RE.match(s.text, found.end())


@construction(sets=("parent",))
def di_antaranya(s: SentenceReading) -> None:
    """`62 koperasi binaan provinsi, 48 di antaranya aktif`: a part of the count just before it."""
    for reading, before in zip(s.live, _links(s).wholes_before, strict=True):
        if _di_antaranya(s, reading):
            reading.set("parent", s.live[before.last_count] if before.last_count >= 0 else None, "di_antaranya")


@construction("partitive_whole", "partitive_phrase", "partitive_just_before", sets=("parent",))
def nearest_whole(s: SentenceReading) -> None:
    """The nearest count before a part that opens a whole (`dari 300 koperasi, 200 ...`:
    `partitive_whole`) or has a partitive phrase between itself and the part (`432 unit, yakni
    219 aktif`, `terdiri dari`: `partitive_phrase`, or glued to it: `partitive_just_before`)."""
    for reading, before in zip(s.live, _links(s).wholes_before, strict=True):
        if reading.parent is not None:
            continue
        nearest = max(before.opener, before.after_phrase, before.glued, before.just_before)
        name = "partitive_whole" if nearest == before.opener else "partitive_phrase" \
            if nearest in (before.after_phrase, before.glued) else "partitive_just_before"
        reading.set("parent", s.live[nearest] if nearest >= 0 else None, name)


# ", yang aktif sebanyak 144 koperasi", ", dan yang tidak aktif 36": a clause that opens with `yang`,
# then the count
_YANG_CLAUSE_LEAD_RE = caseless(r"^\W*(?:dan\s+|serta\s+)?yang\s+[^\d]{0,40}$")


@construction(sets=("parent",))
def status_parts_of_count_before(s: SentenceReading) -> None:
    """`koperasi binaan provinsi sebanyak 180 koperasi, yang aktif sebanyak 144 koperasi dan yang
    tidak aktif sebanyak 36 koperasi`: counts whose clause opens with `yang` and their status are
    parts of the count before them that states none (its active and inactive ones), when they fit
    in it: no greater, of its type if they name one, and in no place of their own."""
    whole: Reading | None = None
    for reading in s.live:
        clause = s.clauses[reading.clause]
        lead = s.text[clause.start:reading.number.start]
        if whole is not None and reading.parent is None and reading.unit == Unit.COUNT \
                and reading.status is not None and _YANG_CLAUSE_LEAD_RE.match(lead) and lx.STATUSES.find(lead) \
                and reading.number.value <= whole.number.value and reading.ctype in (None, whole.ctype) \
                and not lx.PLACE_PHRASE_RE.search(lead):
            reading.set("parent", whole, "status_parts_of_count_before")
            continue
        stated_none = reading.unit == Unit.COUNT and reading.status is None and not reading.is_base
        whole = reading if stated_none else None


@construction(sets=("parent",))
def whole_of_previous_sentence(s: SentenceReading) -> None:
    """`Dari jumlah tersebut, Kabupaten Agam punya 300 unit`: a part, in a sentence that opens
    with `dari jumlah/total ...`, of the last whole of the article (else the last figure of the
    sentence before)."""
    if not s.previous or not _OPENS_WITH_PART_OF_RE.match(s.text):
        return
    partitives = _links(s).partitives
    for index, reading in enumerate(s.live):
        if reading.parent is None and (partitives.last_start[index] >= 0 or _di_antaranya(s, reading)):
            reading.set("parent", s.total or s.previous[-1][0], "whole_of_previous_sentence")


@construction(sets=("parent",))
def breakdown_of_previous_figure(s: SentenceReading) -> None:
    """`Tercatat 1.200 koperasi aktif. Rinciannya, Kabupaten A 120 koperasi, Kabupaten B enam
    koperasi, ...`: a sentence opening with `Rinciannya`, `Perinciannya`, `Sebarannya` breaks
    down the last figure of the sentence before; its counts are parts of it (and, named only by
    their regions, take its status and type: `regional_part_of_whole`). A sentence opening with
    `Terdiri dari` does so only after a sentence of one figure (after `420 koperasi, 300 di
    antaranya aktif.` it breaks down the 420, not the 300)."""
    if not s.previous or not (lx.BREAKDOWN_OPENER_RE.match(s.text)
                              or lx.COMPOSITION_OPENER_RE.match(s.text) and len(s.previous) == 1):
        return
    whole = s.previous[-1][0]
    if whole.unit != Unit.COUNT:
        return
    for reading in s.live:
        if reading.parent is None and reading.unit == Unit.COUNT:
            reading.set("parent", whole, "breakdown_of_previous_figure")


@construction(sets=("parent",))
def di_antaranya_previous_sentence(s: SentenceReading) -> None:
    """`Sebanyak 150 di antaranya aktif`, first in its sentence: a part of the last figure of the
    sentence before."""
    for reading in s.live:
        if reading.parent is None and s.previous and _di_antaranya(s, reading):
            reading.set("parent", s.previous[-1][0], "di_antaranya_previous_sentence")


@construction("scope_of_whole", "status_of_whole", "type_of_whole", sets=("scope", "status", "cooperative_type"))
def inherit_from_whole(s: SentenceReading, index: int) -> bool:
    """A part takes its whole's scope when it names none (`scope_of_whole`); its whole's status
    when it only adds a type or a scope (`status_of_whole`); its whole's type when it only adds
    a status (`dari sembilan KUD, empat yang aktif`: `type_of_whole`)."""
    reading = s.live[index]
    parent = reading.parent
    if parent is not None:
        reading.fill("scope", parent.scope, "scope_of_whole")
        # a base ("300 dari 400 KSP") counts all of its kind: its part takes the status, not it
        if reading.status is None and not reading.is_base and (reading.ctype or reading.scope != parent.scope):
            reading.set("status", parent.status, "status_of_whole")
        elif reading.ctype is None and reading.status is not None:
            reading.set("ctype", parent.ctype, "type_of_whole")
    return False


@construction(sets=("status", "cooperative_type", "rejected"))
def regional_part_of_whole(reading: Reading, region: ResolvedRegion, parent_region: ResolvedRegion | None,
                           gazetteer: Gazetteer) -> bool:
    """`Dari 1.732 koperasi aktif, ... Sleman 612 unit`: a part named only by its region is the
    whole's status and type in a region within the whole's; elsewhere it is a subset we cannot
    name and is dropped. Returns whether the reading is kept."""
    whole = reading.parent
    if not reading.regional_part or whole is None:
        return True
    if parent_region is None or not gazetteer.is_within(region.code, parent_region.code):
        reading.dropped = "regional_part_of_whole: a part of a whole not named by a region within the whole's"
        return False
    reading.set("status", whole.status, "regional_part_of_whole")
    reading.set("ctype", whole.ctype, "regional_part_of_whole")
    return True


class _Partitives:
    """Where `PARTITIVE_RE.search(text[a:b])` finds a phrase, for `a` the end of a number and
    `b` the start of a later one, from one scan of the sentence.

    A phrase is letters and spaces, so it never spans a number: a phrase in `text[a:b]` is one
    the whole sentence has after `a` (`last_start`), except where the slice's edges stand in for
    word boundaries: a phrase glued to the number before (`5yakni`, `glued_before`) or ending
    right at the number after (`yakni5`, counted in `last_start`)."""

    def __init__(self, text: str, live: list[Reading]) -> None:
        self.text, self.live = text, live
        starts = [m.start() for m in lx.PARTITIVE_RE.finditer(text)]
        self.last_start: list[int] = []  # per reading: start of the last phrase before it, -1 if none
        self.glued_always: set[int] = set()  # readings glued to a phrase whatever number follows
        for index, reading in enumerate(live):
            start = reading.number.start
            last = starts[bisect_left(starts, start) - 1] if starts and starts[0] < start else -1
            previous_end = live[index - 1].number.end if index else 0
            if text[start - 1:start].isalpha():  # "yakni5": ends at the number, no boundary after it
                ending = _PARTITIVE_ENDING_RE.search(text, previous_end, start)
                last = max(last, ending.start()) if ending else last
            self.last_start.append(last)
            if index and self._glued(index - 1, start + 1):
                self.glued_always.add(index - 1)

    def _glued(self, index: int, endpos: int) -> bool:
        end = self.live[index].number.end
        return self.text[end:end + 1].isalpha() and bool(_PARTITIVE_GLUED_RE.match(self.text, end, endpos))

    def glued_before(self, index: int) -> bool:
        """Whether a phrase opens right at the end of the number before reading `index`."""
        return self._glued(index - 1, self.live[index].number.start)
