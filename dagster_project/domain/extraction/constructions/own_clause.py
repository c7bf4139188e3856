"""The words of a number's own clause: a number takes the status, type and scope its clause
names, the nearest one when there are several, never one beyond another number
(`402 koperasi dengan 287 koperasi aktif`). These run first: every later construction only
lends a field the clause left unset.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.constructions.parts_and_wholes import (
    PARENT_BEFORE_RE,
)
from dagster_project.domain.extraction.reading import (
    Reading,
    SentenceReading,
    nearest,
    realis_statuses,
    vocabulary_in,
)
from dagster_project.domain.numbers import NumberMention

# "dari 200", "dari total koperasi 1.227": the base of a share or of a part
_BASE_BEFORE_RE = caseless(r"(?:dari|terhadap)\s+(?:total\s+|jumlah\s+)?(?:koperasi\s+)?(?:sebanyak\s+)?$")
# "terdiri dari 80 koperasi aktif dan 40 ...": the first of listed parts, not a base
_MADE_OF_BEFORE_RE = caseless(r"terdiri\s+dari\s+$")
_LIST_GOES_ON_RE = caseless(r"[^.;]*?(?:,|(?<![\w-])dan(?![\w-]))")
# between a number and the type it counts: "9.000 KUD", "120 unit koperasi simpan pinjam"
_COUNTED_NOUN_GAP_RE = caseless(r"\s+(?:unit\s+|buah\s+)?(?:koperasi\s+)?")
_DEMONSTRATIVE_RE = caseless(r"(?<![\w-])(?:itu|tersebut|ini)(?![\w-])")
# A relative clause opens at the last "yang" before the word that closes it: in "426 KUD yang
# aktif dan yang tidak aktif itu sebanyak 117", only "yang tidak aktif itu" is 117's
_RELATIVE = r"(?<![\w-])yang(?![\w-])(?:(?!(?<![\w-])yang(?![\w-]))[^,;.]){0,40}?"
# "yang aktif saat ini hanya": a relative clause closed by a focus word that brings the part
_PART_BY_FOCUS_RE = caseless(_RELATIVE + r"(?<![\w-])(?:hanya|cuma|tinggal)(?![\w-])")
# "yang masih aktif tercatat sebanyak 20.643 koperasi": closed by a predicate of quantity, only a
# count after it is a part; a share after it ("120 koperasi yang tidak aktif mencapai 30 persen")
# restates the same cooperatives
_PART_BY_QUANTITY_RE = caseless(_RELATIVE + r"(?<![\w-])(?:tercatat|sebanyak|berjumlah|mencapai)(?![\w-])")


def mark_bases_of_shares(s: SentenceReading) -> None:
    """`40 persen dari 200 koperasi`: the `dari N` after a number of its clause is the base a
    share is taken of; it states no status or type of its own. (A mark: it sets no field.)"""
    for reading in s.live:
        before = s.text[max(0, reading.number.start - 40):reading.number.start]
        reading.is_base = bool(_BASE_BEFORE_RE.search(before)) and any(
            r.number.end <= reading.number.start and r.clause == reading.clause for r in s.live) \
            and not (_MADE_OF_BEFORE_RE.search(before) and _first_of_listed_parts(s, reading))


def _first_of_listed_parts(s: SentenceReading, reading: Reading) -> bool:
    """Another number follows the reading's after a comma or `dan`: `terdiri dari 80 ... dan 40`
    lists parts (`yang terdiri dari 200 unit` alone gives the size of the whole a share is of)."""
    after = [r for r in s.live if r.number.start >= reading.number.end]
    return bool(after) and bool(_LIST_GOES_ON_RE.match(s.text[reading.number.end:after[0].number.start]))


def _not_of_the_parts(s: SentenceReading, reading: Reading,
                      found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words of `found` that are not the parts': after `660 unit yang terdiri dari`, `aktif`
    describes the part that follows (`aktif 464 unit`), not the 660; in `332 koperasi yang aktif
    saat ini hanya 204` and `dari 26.347 unit koperasi ... yang masih aktif tercatat sebanyak
    20.643`, the relative clause before `hanya` or `tercatat` picks the part after it. Without a
    part after it (`300 di antaranya koperasi simpan pinjam`) the words are the number's own."""
    end = s.clauses[reading.clause].end
    for pattern in (lx.LIST_INTRODUCER_RE, _PART_BY_FOCUS_RE, _PART_BY_QUANTITY_RE, lx.AND_THE_ONES_RE):
        introducer = pattern.search(s.text, reading.number.end, end)
        others = _others(s, reading)
        if pattern is _PART_BY_QUANTITY_RE:
            others = [o for o in others if not o.is_percent]
        if introducer is not None and any(o.start > introducer.end() for o in others):
            return [item for item in found if item[0] < introducer.start()]
    return found


def _type_of_the_parts(s: SentenceReading, reading: Reading,
                       types: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The type a base of bare units counts: the one type that every count before it in its
    sentence names right after its number, in the base's clause (`7.080 KUD ... dari total 10.669
    unit`). Counts of several types, one that names none (`200 koperasi aktif dan 40 KSP tidak aktif
    dari total 300 unit`) or one in an earlier clause (`30 KSP dan 20 KUD dari total 120 unit`, cut
    at `dan`) leave a whole of all. A share (`7.080 KUD atau 66 persen dari total ...`) is no part."""
    parts = [r.number for r in s.live if r is not reading and not r.is_base and not r.number.is_percent
             and r.number.end <= reading.number.start]
    named = [[item for item in types if _COUNTED_NOUN_GAP_RE.fullmatch(s.text, part.end, item[0])] for part in parts]
    if not named or not all(named) or len({item[2] for found in named for item in found}) != 1:
        return []
    return [item for found in named for item in found]


def _others(s: SentenceReading, reading: Reading) -> list[NumberMention]:
    """The numbers a word must not lie beyond to belong to `reading`."""
    return [r.number for r in s.live if r.clause == reading.clause and r is not reading and not r.is_base]


@construction(sets=("scope",))
def scope_in_own_clause(s: SentenceReading) -> None:
    """`Dari 90 koperasi primer ...`: the scope its clause names (a base's too)."""
    for reading in s.live:
        clause = s.clauses[reading.clause]
        reading.fill("scope", nearest(_not_of_the_parts(s, reading, vocabulary_in(lx.SCOPES, s.text, clause)),
                                      reading.number,
                                      _others(s, reading)), "scope_in_own_clause")


@construction(sets=("status",))
def status_in_own_clause(s: SentenceReading) -> None:
    """`120 koperasi tidak aktif`: the status its clause states (not one wished for, `agar
    kembali aktif`). After `dari 181 koperasi itu`, the status is the part's, not the whole's."""
    for reading in s.live:
        if reading.is_base:
            continue
        text, clause = s.text, s.clauses[reading.clause]
        statuses = _not_of_the_parts(s, reading, realis_statuses(text, clause))
        closed = PARENT_BEFORE_RE.search(text, max(0, reading.number.start - 30), reading.number.start) \
            and _DEMONSTRATIVE_RE.search(text, reading.number.end, clause.end)
        if closed:  # "dari 181 koperasi itu yang aktif sebanyak 129 unit": the status is the part's
            statuses = [item for item in statuses if item[0] < closed.start()]
        reading.fill("status", nearest(statuses, reading.number, _others(s, reading)), "status_in_own_clause")
        reading.status_own = reading.status is not None


@construction(sets=("cooperative_type",))
def type_in_own_clause(s: SentenceReading) -> None:
    """`40 koperasi simpan pinjam`, `KSP sebanyak 90 unit`: the type its clause names. A base
    (`dari total 9.000 KUD`) takes only the type it counts, named right after it: the other
    words of its clause are the part's; a base of bare units (`7.080 KUD yang masih aktif dari
    total 10.669 unit`) counts the one type its parts name (`_type_of_the_parts`)."""
    for reading in s.live:
        types = vocabulary_in(lx.TYPES, s.text, s.clauses[reading.clause])
        if reading.is_base:
            counted = [item for item in types if _COUNTED_NOUN_GAP_RE.fullmatch(s.text, reading.number.end, item[0])]
            if not counted and reading.head == "unit":  # "dari total 10.669 unit": bare units
                counted = _type_of_the_parts(s, reading, types)
            types = counted
        reading.fill("ctype", nearest(_not_of_the_parts(s, reading, types), reading.number, _others(s, reading)),
                     "type_in_own_clause")
