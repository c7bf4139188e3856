"""A sentence as the constructions see it: its numbers, each read as a possible figure
(`Reading`), its clauses, and what the article said before it (`SentenceReading`).

Every field a construction sets goes through `Reading.set` / `Reading.fill`, which record the
construction's name in the reading's trace (in order, so an overwrite shows); a rule that drops
a number names itself (`Reading.reject`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from dagster_project.domain.caseless import CaselessPattern, caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.figure import FigureTrace
from dagster_project.domain.extraction.region_reading import ResolvedRegion
from dagster_project.domain.numbers import NumberMention
from dagster_project.domain.official_regions import official_regions
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit

COOP_WORD_RE = caseless(r"(?<![A-Za-z-])(?:koperasi|KSP|KUD|KSU|KSPPS)(?![\w-])")
# "Dinas Koperasi dan UKM", "(Dinkop UMKM)", "Diskop UKM Kota Bengkulu": an office, not a count of
# either (not "menurut Diskop UMKM mencapai 25.000 unit": there UMKM may be what is counted)
_OFFICE_UMKM = r"(?:diskop|dinkop)\w*\s*(?:(?:dan|&)\s*)?(?:umkm|ukm|kumkm)\b"
_ORG_RE = caseless(
    r"(?:koperasi|kop)\s*(?:(?:,|dan|&)\s*)?(?:usaha\s+(?:mikro,?\s+)?kecil(?:,?\s+dan)?\s+menengah"
    rf"|umkm|ukm|um)\b(?:\s*\((?:umkm|ukm|kumkm|ukmk)\))?|\({_OFFICE_UMKM}\)"
    rf"|\b{_OFFICE_UMKM}(?=\s+(?:kota|kabupaten|kab|provinsi|prov)\b)"
    r"|\b(?:kemenkop\w*|diskop\w*|dekopin\w*|dinkop\w*|kumkm|kukm|ukm\s+dan\s+koperasi)")
_ABBREVIATION_IN_BRACKETS_RE = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")  # names the noun before it: "koperasi serba usaha (KSU) 198 unit"
_OF_A_WHOLE_AFTER_RE = caseless(r"dari\s+(?:total\s+)?\d[\d.]*(?:,\d+)?\s+")
_PARENTHETICAL_RE = re.compile(r"^\s*\([^)]{0,20}\)")
# "4.448, 4.369, dan 4.299 unit": the numbers of a list, closed by "dan" or "serta", share the
# cooperative noun after its last one (not "512, dan 3.200 UMKM"; not "peringkat 3, 512 koperasi")
_NUMBER = r"\d[\d.]*+(?:,\d++)?+(?![\d%])"  # possessive: a run of "1,2,3,..." cannot backtrack
_LISTED_NUMBERS_RE = re.compile(rf"(?:\s*,\s*{_NUMBER})*\s*,?\s*(?:dan|serta)\s+{_NUMBER}\s*", re.IGNORECASE)
_LIST_COMMA_BEFORE_RE = re.compile(rf"{_NUMBER}\s*,\s*$")  # "A, B, dan C": B is listed after A
_PEOPLE_BEFORE_RE = caseless(rf"(?<![\w-]){lx.PEOPLE_NOUN_RE.pattern}")  # "laki-laki sebanyak 5.224 dan ..."
_COMMA_THEN_AND_RE = re.compile(r"\s*,\s*(?:dan|serta)\s", re.IGNORECASE)
_LAST_DIGIT_RE = re.compile(r"\d(?!.*\d)")
_NOUN_THEN_STATUS_RE = re.compile(r"\s*(?:unit\s+)?koperasi\s+(?:yang\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Reading:
    """One number of a sentence, read as a possible figure."""

    number: NumberMention
    clause: int  # index into the sentence's clauses
    unit: Unit
    head: str  # what the number counts: "cooperative", "subtype", "unit", "other" or "none" (`head_noun`)
    status: Status | None = None
    status_own: bool = False
    ctype: CooperativeType | None = None
    scope: Scope | None = None
    parent: Reading | None = None  # the whole this number is a part of
    is_base: bool = False  # the "dari N" a percentage is taken of
    rejected: str | None = None
    regional_part: bool = False  # a part that can only be named by a region of its own
    approximate: bool = False
    lower_bound: bool = False
    clause_end: int = 0  # where its clause ends in the sentence
    continues: bool = False  # the same measure as the number before, at another time
    trace: list[tuple[str, str]] = field(default_factory=list)  # (field, construction), in order
    rejected_by: str | None = None  # the rule that set `rejected`
    dropped: str | None = None  # accepted, then dropped when placing it: "rule: reason"

    def set(self, name: str, value: object, by: str) -> None:
        """Set a field and say which construction did (overwriting what was there)."""
        if value is not None or getattr(self, name) is not None:  # clearing an unset field is no event
            self.trace.append((name, by))
        setattr(self, name, value)

    def fill(self, name: str, value: object, by: str) -> None:
        """Set a field that is still unset (`x = x or value`), saying which construction did."""
        if value is not None and getattr(self, name) is None:
            setattr(self, name, value)
            self.trace.append((name, by))

    def reject(self, reason: str | None, by: str) -> None:
        self.rejected, self.rejected_by = reason, by if reason is not None else None


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int


class SentenceReading:
    """One (analysed) sentence being read: its readings and what the constructions share."""

    def __init__(self, text: str, previous: list[tuple[Reading, ResolvedRegion]], total: Reading | None,
                 in_view: bool, previous_adjacent: bool = False) -> None:
        self.text = text
        self.previous = previous  # the figures of the last sentence that had any, with their regions
        self.previous_adjacent = previous_adjacent  # that sentence is the one right before this one
        self.total = total  # the last figure of the article that was a whole
        self.in_view = in_view  # a heading above says the lines list cooperatives
        self.readings: list[Reading] = []  # every number, rejected ones included
        self.live: list[Reading] = []  # the readings not rejected, in text order
        self.clauses: list[Clause] = []
        self.numbered: set[int] = set()  # the clauses that hold a live number
        self.stated_types: set[CooperativeType] = set()  # the types the sentence's own counts state
        self.partitive_links: Any = None  # parts_and_wholes' phrases and candidate wholes, found once

    @cached_property
    def masked(self) -> str:
        """The sentence with office names blanked ("Dinas Koperasi dan UKM" names neither);
        computed only once a number looks like a count."""
        return blanked(_ORG_RE, self.text)

    def clause_text(self, reading: Reading) -> str:
        clause = self.clauses[reading.clause]
        return self.text[clause.start:clause.end]

    def refresh_live(self) -> list[Reading]:
        self.live = [r for r in self.live if r.rejected is None]
        return self.live


def blanked(pattern: CaselessPattern, text: str) -> str:
    """The text with the pattern's matches blanked, offsets kept (`Dinas Koperasi dan UKM`)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def split_clauses(text: str, numbers: list[NumberMention]) -> list[Clause]:
    """Clauses cut at commas, `sedangkan`, `dan` before a number, ... (never inside a number)."""
    cuts = {0, len(text)}
    # "koperasi serba usaha (KSU) 198 unit": an abbreviation in brackets does not cut its clause.
    abbreviations = [m.span() for m in _ABBREVIATION_IN_BRACKETS_RE.finditer(text)]
    for match in lx.CLAUSE_BOUNDARY_RE.finditer(text):
        if not any(n.start <= match.start() < n.end for n in numbers) \
                and not any(a <= match.start() < b for a, b in abbreviations) \
                and not _place_apposition(text, match.start(), max(cuts - {len(text)}), numbers):
            cuts.update((match.start(), match.end()))
    for match in lx.CONJUNCTION_BEFORE_NUMBER_RE.finditer(text):
        cuts.add(match.start())
    ordered = sorted(cuts)
    return [Clause(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if re.search(r"\w", text[a:b])]


@lru_cache(maxsize=1)
def _province_after_comma() -> CaselessPattern:
    names = sorted({r.region_name for r in official_regions() if r.region_type == "provinsi"}, key=len, reverse=True)
    return caseless(r",\s*(?:provinsi\s+)?(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w-])")


def _place_apposition(text: str, comma: int, clause_start: int, numbers: list[NumberMention]) -> bool:
    """`jumlah KSP di Kabupaten Kaur, Bengkulu pada 2024 sebanyak 16 koperasi`, `89 koperasi di
    Kabupaten Halmahera Utara (Halut), Maluku Utara (Malut), yang sudah berhenti beroperasi`: a
    province after a comma that follows a place says where that place is, and the clause goes on;
    unless numbers stand on both sides (`Agam 300 koperasi, Sumatera Barat 500 koperasi` is a list)."""
    province = _province_after_comma().match(text, comma)
    if province is None or not (text[comma - 1:comma].isalpha() or text[comma - 1:comma] == ")"):
        return False
    boundary = lx.CLAUSE_BOUNDARY_RE.search(text, province.end())
    segment_end = boundary.start() if boundary else len(text)
    number_before = any(clause_start <= n.start < comma for n in numbers)
    number_after = any(province.end() <= n.start < segment_end for n in numbers)
    return not (number_before and number_after)


def clause_of(clauses: list[Clause], position: int) -> int:
    for index, clause in enumerate(clauses):
        if clause.start <= position < clause.end:
            return index
    return len(clauses) - 1


def vocabulary_in(vocabulary: lx.Vocabulary, text: str, clause: Clause) -> list[tuple[int, int, str]]:
    return [(clause.start + a, clause.start + b, label)
            for a, b, label in vocabulary.find(text[clause.start:clause.end])]


def realis_statuses(text: str, clause: Clause) -> list[tuple[int, int, str]]:
    """Statuses a clause states (not those it wishes for after `agar`, `untuk`, ...)."""
    found = []
    both = [m.span() for m in lx.BOTH_STATUSES_RE.finditer(text)]  # a clause may be cut at its "maupun"
    for start, end, label in vocabulary_in(lx.STATUSES, text, clause):
        if any(a <= start < b for a, b in both):  # "baik aktif maupun tidak aktif": all of them
            continue
        before = text[clause.start:start]
        last_digit = _LAST_DIGIT_RE.search(before)  # "mendorong 141 koperasi yang tidak aktif": the
        if lx.IRREALIS_RE.search(before, last_digit.end() if last_digit else 0):  # wish is not on the count
            continue
        if last_digit and lx.NOT_ALL_OF_COUNT_RE.search(before, 0, last_digit.end()) \
                and not _NOUN_THEN_STATUS_RE.match(before, last_digit.end()):
            # "tidak semua dari 759 koperasi ... aktif"; not "tidak semua dari 120 koperasi tidak
            # aktif ... itu benar-benar mati", where the status names the count's own noun
            continue
        found.append((start, end, label))
    return found


def nearest(found: list[tuple[int, int, str]], number: NumberMention,
            others: Sequence[NumberMention] = ()) -> str | None:
    """The word of `found` nearest the number; a word beyond another number of `others`
    belongs to that number (`402 koperasi dengan 287 koperasi aktif`)."""
    found = [item for item in found
             if not any(min(item[0], number.start) < o.start < max(item[0], number.start) for o in others)]
    if not found:
        return None

    def distance(item: tuple[int, int, str]) -> tuple[int, int]:
        start, end, _ = item
        if start >= number.end:
            return (start - number.end, 0)  # after the number: preferred on ties
        return (number.start - end, 1)

    return min(found, key=distance)[2]


def _after(text: str, number: NumberMention) -> str:
    """The words after the number, an aside in brackets left out: "3 (tiga) hari"."""
    return _PARENTHETICAL_RE.sub("", text[number.end:number.end + 80], count=1).lstrip()


def _noun_of_a_list(text: str, number: NumberMention, after: str) -> int | None:
    """Where the noun of the list the number opens or continues starts in `after` (`_after` the
    number): a cooperative noun, or people when people are named just before the number and no
    cooperative ("laki-laki sebanyak 5.224 dan 4.826 orang"; not "koperasi sebanyak 300 dan 3.200
    anggota", "terdaftar hingga tahun ini sebanyak 300 dan 4.000 orang anggota").
    "A, dan B" is no list unless A follows a list's comma itself: in "tercatat 301, dan 45
    koperasi lainnya ..." a clause starts after 301."""
    listed = _LISTED_NUMBERS_RE.match(after)
    if listed is None:
        return None
    lead = text[max(0, number.start - 30):number.start]
    if not lx.COOPERATIVE_NOUN_RE.match(after, listed.end()) and not (
            lx.PEOPLE_NOUN_RE.match(after, listed.end()) and _PEOPLE_BEFORE_RE.search(lead)
            and not COOP_WORD_RE.search(lead)):
        return None
    if _COMMA_THEN_AND_RE.match(after) \
            and not _LIST_COMMA_BEFORE_RE.search(text, max(0, number.start - 20), number.start):
        return None
    return listed.end()


@construction(sets=("unit",))
def listed_number_noun(text: str, number: NumberMention) -> bool:
    """`sebanyak 4.448, 4.369, dan 4.299 unit`: a number before `dan`/`serta` and more numbers
    counts the noun after the list's last one (`head_noun` reads it there)."""
    return _noun_of_a_list(text, number, _after(text, number)) is not None


def head_noun(text: str, number: NumberMention) -> str:
    """What the number counts: "cooperative", "subtype" (a kind the vocabulary has no type
    for), "unit" (a bare unit word), "other" or "none"."""
    after = _after(text, number)
    listed = _noun_of_a_list(text, number, after)
    if listed is not None:
        after = after[listed:]
    if lx.OTHER_NOUN_RE.match(after):
        return "other"
    of_whole = _OF_A_WHOLE_AFTER_RE.match(after)  # "15 dari 21 daerah otonom": what the whole counts
    if of_whole and lx.OTHER_NOUN_RE.match(after, of_whole.end()):
        return "other"
    match = lx.COOPERATIVE_NOUN_RE.match(after)
    if match is None:
        return "none"
    if COOP_WORD_RE.search(match.group()):
        rest = after[match.end():].lstrip()
        return "subtype" if lx.SUBTYPE_AFTER_RE.match(rest) else "cooperative"
    return "other" if lx.OTHER_NOUN_RE.match(after[match.end():].lstrip()) else "unit"  # "unit UMKM"


# The fields a figure's trace always names: a field no construction set says so.
_TRACED_FIELDS = ("status", "cooperative_type", "scope", "parent", "region")
_FIGURE_FIELD = {"ctype": "cooperative_type", "approximate": "is_approximate"}  # a reading's name: the figure's


@construction("count_number", "percent_number", "hedged_number", "lower_bound_number",
              sets=("unit", "is_approximate"))
def figure_trace(reading: Reading, date_by: str | None) -> FigureTrace:
    """The reading's trace with what the number itself says: its unit (`count_number`,
    `percent_number`: `52 persen`, `setengahnya`) and its hedge (`sekitar 300`: `hedged_number`;
    `lebih dari 300`: `lower_bound_number`); then the date's construction."""
    number = reading.number
    events = [("unit", "percent_number" if number.is_percent else "count_number")]
    if reading.lower_bound:
        events.append(("is_approximate", "lower_bound_number"))
    elif number.is_approximate:
        events.append(("is_approximate", "hedged_number"))
    events += [(_FIGURE_FIELD.get(name, name), by) for name, by in reading.trace]
    named = {name for name, _ in events}
    events += [(name, "not_stated") for name in _TRACED_FIELDS if name not in named]
    events.append(("as_of_date", date_by or "not_stated"))
    whole = reading.parent.number.text if reading.parent is not None else None
    return FigureTrace(tuple(events), number.start, number.end, whole)
