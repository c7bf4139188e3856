"""From article text to cooperative figures.

The extractor reads an article sentence by sentence, the way a reader does:

1. Every number (`numbers.find_numbers`) is a candidate. Dates, years, amounts, ordinals and
   regulation numbers are dropped, and so is a number whose head noun counts something else
   (`45 orang`, `13 kabupaten`, `47.977 unit` UKM), or whose elided noun is the last thing
   the sentence named (`Kopkar itu tersebar di Samarinda sebanyak 137 unit`).
2. The sentence is cut into clauses (commas, `sedangkan`, `dan` before a number, ...). A number
   takes the status, type and scope words of its own clause; a clause without a number lends
   its status to the numbers of the list it introduces (`Koperasi nonaktif terdiri dari 55
   koperasi simpan pinjam, 266 koperasi produsen`) or to the number before it (`89 koperasi
   ..., yang sudah berhenti beroperasi`). A status wished for (`agar bisa menjadi koperasi
   yang aktif`) is not a status.
3. Constructions: a part (`dari 127 koperasi primer, ada 49 yang tidak aktif`, `terdiri dari`,
   `di antaranya`) inherits its whole's scope, and its status when it only adds a scope or type;
   a part that adds nothing the vocabulary can name is a subset we cannot label (`649 unit yang
   menggelar RAT`) and is dropped, as is a count qualified by such a predicate. A remainder
   (`sisanya 89 unit`) takes the opposite status of the figure before it, and its scope; an apposed
   percentage (`4.037 unit, atau sekitar 52 persen`) describes the count before it; two
   percentages adding up to 100 split a whole into active and inactive. A restrictive
   relative clause (`96 koperasi yang kami datangi`) picks a subset, unless it only says the
   cooperatives exist, are registered or are located somewhere. A count whose noun is elided
   (`676 unit`) counts the type its listed siblings name, or the type of the ranking the
   previous sentence began. A status or type word belongs to the nearest number, never across
   another one (`402 koperasi dengan 287 koperasi aktif`); a status after an apposed share is
   the predicate of its count too (`277 koperasi atau 47,3 persen lainnya mati suri`). A
   series (`turun menjadi 391 unit pada 2020, lalu 355 unit ..., dan 327 unit ...`) keeps the
   measure of its first value; a sentence opening with `Berikutnya`/`Selebihnya` goes on with
   the previous sentence's typed list and keeps its status; `koperasi produsen dan koperasi
   pemasaran masing-masing 87 unit` is 87 of each. Counts per region (`setiap kecamatan
   memiliki satu KUD`), values hoped for (`bisa naik menjadi 65 persen`) and upper bounds
   (`di bawah 100 unit`) are not figures; what a count leaves out (`di luar Koperasi Merah
   Putih`) does not qualify it. A line ending in `:` gives its one status, type and scope to
   the short lines listed below it (`Berikut jumlah koperasi aktif per kabupaten:`).
4. Each figure gets a region (`region_reading.RegionReader`) and a date (`dates.data_period`). The
   cooperatives a province or the ministry supervises are placed where their sentence or
   their whole places them (`16 koperasi di Sragen yang menjadi kewenangan Pemprov`), else
   on the province; so is a count spread over several regencies (`di 17 kabupaten/kota`).
5. Statements of one figure (title, body, a repeat) are merged; two values for one figure
   are both kept when stated equally often, so the warehouse reports the contradiction.

Every field a construction sets goes through `Reading.set` / `Reading.fill`, which record the
construction's name in the reading's trace (in order, so an overwrite shows); a rejection names
its rule (`Reading.reject`). A figure keeps that trace (`ExtractedFigure.trace`, no column);
`explain.py` prints it for `koperasi extract --explain`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from types import NoneType, UnionType
from typing import get_args, get_type_hints

from dagster_project.domain.caseless import CaselessPattern, caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.dates import article_date, data_periods, period_at
from dagster_project.domain.extraction.gazetteer import Gazetteer, default_gazetteer
from dagster_project.domain.extraction.region_reading import RegionReader, ResolvedRegion
from dagster_project.domain.extraction.text import Sentence, mask_article, split_sentences
from dagster_project.domain.numbers import NumberMention, find_numbers
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit


@dataclass(frozen=True, slots=True)
class ExtractedFigure:
    article_id: str
    region_name: str  # as the article names it
    region_code: str  # Kemendagri code, "ID" for Indonesia
    scope: Scope
    status: Status
    cooperative_type: CooperativeType
    unit: Unit
    value: float
    is_approximate: bool  # hedged or a lower bound, as in the seeds
    is_lower_bound: bool = field(metadata={"in_csv": False})  # the CSV has is_approximate only
    as_of_date: str | None  # ISO at the precision known: 2024, 2024-06, 2024-06-13
    evidence: str  # the sentence the figure was read from, verbatim from the text
    # How the figure was read: neither a CSV nor a warehouse column, and not part of its identity.
    trace: FigureTrace = field(default=None, compare=False,  # type: ignore[assignment]
                               metadata={"in_csv": False, "in_warehouse": False})


@dataclass(frozen=True, slots=True)
class FigureTrace:
    """Which construction set each field of a figure, in order (a later event overwrote or
    filled what an earlier one left), and where its number is in the evidence."""

    events: tuple[tuple[str, str], ...]  # (field, construction)
    number_start: int  # offsets of the number in `evidence`
    number_end: int
    whole: str | None = None  # the number of the whole it is a part of, as written

    def setters(self, name: str) -> list[str]:
        """The constructions that set one field, first to last (the last one holds)."""
        return [by for field_name, by in self.events if field_name == name]


def _sql_type(annotation: object) -> str:
    """DuckDB type of a field: optional only when it may be None; a vocabulary is a varchar."""
    options = get_args(annotation) if isinstance(annotation, UnionType) else (annotation,)
    (kind,) = [o for o in options if o is not NoneType]
    base = next(sql for python, sql in ((bool, "boolean"), (float, "double"), (str, "varchar"))
                if isinstance(kind, type) and issubclass(kind, python))
    return base if NoneType in options else f"{base} not null"


# The figure's columns and their DuckDB types, in field order (the asset adds its bookkeeping).
_FIGURE_HINTS = get_type_hints(ExtractedFigure)
FIGURE_SQL_TYPES: dict[str, str] = {f.name: _sql_type(_FIGURE_HINTS[f.name]) for f in fields(ExtractedFigure)
                                     if f.metadata.get("in_warehouse", True)}
# The CSV columns of `koperasi extract`, in order: the seed format plus region_code.
FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ExtractedFigure) if f.metadata.get("in_csv", True))


_ORG_RE = caseless(  # "Dinas Koperasi dan UKM": an office, not a count of either
    r"(?:koperasi|kop)\s*(?:,|dan|&)?\s*(?:usaha\s+(?:mikro,?\s+)?kecil(?:,?\s+dan)?\s+menengah"
    r"|umkm|ukm|um)\b|\b(?:kemenkop\w*|diskop\w*|dekopin\w*|dinkop\w*|kumkm|kukm|ukm\s+dan\s+koperasi)")
_COOP_WORD_RE = caseless(r"(?<![A-Za-z-])(?:koperasi|KSP|KUD|KSU|KSPPS)(?![\w-])")
_OTHER_CATEGORY_RE = caseless(
    r"(?<![\w-])(?:umkm|ukm|ikm|usaha\s+mikro|wirausaha|pelaku\s+usaha|bumdes|perusahaan|lpd|bpr|bmt|bank"
    r"|lembaga\s+(?:perkreditan|keuangan))(?![\w-])")
# A cheap test before the full number parser: a digit or a number word (from a half to a million:
# no count of cooperatives is `nol` or `semiliar`).
_NUMBER_HINT_RE = caseless(rf"\d|(?<![a-z])(?:{lx.number_words(0.5, 10**6)})")
_DATE_AROUND_RE = caseless(rf"^\s*[/-]\s*\d|^\s*(?:{lx.MONTH_RE})\b")
_DATE_BEFORE_RE = caseless(rf"(?:\d\s*[/-]\s*|(?:{lx.MONTH_RE})\.?\s+)$")
_PERIOD_BEFORE_RE = caseless(r"(?<![\w-])(?:pada|hingga|sampai|per|akhir|awal|di|medio|selama|sepanjang)\s+$")
_SALAH_SATU_RE = caseless(r"(?:salah|satu)\s+$")
# "diikuti 45 koperasi" is attendance; "diikuti koperasi konsumen 418 unit" is a ranking.
_ATTENDED_BY_RE = caseless(r"(?<![\w-])diikuti\s+(?:oleh\s+)?(?:sebanyak\s+|sekitar\s+)?$")
_UPPER_BOUND_BEFORE_RE = caseless(r"(?<![\w-])di\s+bawah\s+$")  # "masing-masing di bawah 100 unit"
# "bisa naik menjadi 65 persen", "diharapkan mencapai 500 unit": a value hoped for, not counted.
_HOPED_FOR_BEFORE_RE = caseless(
    r"(?<![\w-])(?:bisa|dapat|mampu|harus|diharapkan|diupayakan|ditargetkan)\s+(?:naik|turun|meningkat"
    r"|menurun|bertambah|berkurang|mencapai|menjadi)(?:\s+(?:menjadi|hingga|ke|sampai))?\s+$")
# "setiap kecamatan memiliki satu KUD": a count per something, not a total.
_DISTRIBUTIVE_RE = caseless(r"(?<![\w-])(?:setiap|tiap(?:-tiap)?|per)\s+(?:kecamatan|desa|kelurahan|kampung"
                            r"|nagari|kabupaten|kota|provinsi|daerah|wilayah)(?![\w-])")
# "3.027 koperasi di 17 kabupaten/kota": a count spread over several regencies is a province's.
_OVER_REGENCIES_RE = caseless(
    r"[^\d.;]{0,40}?(?<![\w-])(?:di|se|pada)\s+(?:\d+|[a-z]+(?:\s+(?:belas|puluh(?:\s+[a-z]+)?))?)"
    r"\s+(?:kabupaten|kab\.?)(?:\s*/\s*|\s+dan\s+|\s+)kota(?![\w-])")
_ABBREVIATION_IN_BRACKETS_RE = re.compile(r"\([A-Z][A-Za-z]{1,9}\)(?=\s+\d)")  # between a noun and its count
_PARENTHETICAL_RE = re.compile(r"^\s*\([^)]{0,20}\)")
_BASE_BEFORE_RE = caseless(r"(?:dari|terhadap)\s+(?:total\s+|jumlah\s+)?(?:sebanyak\s+)?$")
_PARENT_BEFORE_RE = caseless(r"(?<![\w-])(?:dari|di\s+antara|diantara)\s+(?:total\s+|sebanyak\s+)?$")
_LIST_LINE_RE = re.compile(r"^(?:[-•*·]|\d{1,2}[.)])\s|:\s*\S")  # "- 2020: 97 unit", "Kota X: 5 unit"
_DEMONSTRATIVE_RE = caseless(r"(?<![\w-])(?:itu|tersebut|ini)(?![\w-])")
# "Di antara koperasi aktif itu terdapat 24 KUD, 71 KSP": a sentence opens with a whole without a number.
_OPENING_WHOLE_RE = caseless(r"^\W*(?:di\s+antara|diantara|dari)\s+[^\d,]{0,60}?"
                             r"(?<![\w-])(?:itu|tersebut|ini)(?![\w-])")
_HEDGE_BEFORE_RE = caseless(r"(?:hanya|cuma|tinggal|baru|sekitar|kurang\s+lebih|lebih\s+dari"
                            r"|sebanyak|berjumlah|mencapai|ada|terdapat|yakni|yaitu)\s+$")
# "Dari jumlah tersebut, ...", "Ia menambahkan, dari total koperasi di Sultra, 118 di antaranya ..."
_OPENS_WITH_PART_OF_RE = caseless(r"^(?:[^,\d]{0,40},)?\W*(?:dari\s+(?:jumlah|total|seluruh|keseluruhan)|di\s+antara)")
# A partitive phrase glued to the number before it or after it (`5yakni`, `yakni5`).
_PARTITIVE_GLUED_RE = caseless(lx.PARTITIVE_RE.pattern.removeprefix(r"(?<![\w-])"))
_PARTITIVE_ENDING_RE = caseless(lx.PARTITIVE_RE.pattern + r"\Z")
_DI_ANTARANYA_RE = caseless(r"(?<![\w-])di\s+antaranya(?![\w-])")
_EACH_BEFORE_RE = caseless(r"(?<![\w-])masing-masing\s+(?:sebanyak\s+|sekitar\s+)?$")
_SERIES_ITEM_BEFORE_RE = caseless(r"(?:,|(?<![\w-])dan|(?<![\w-])serta)\s+$")
_APPOSED_BEFORE_RE = caseless(r"(?:atau|setara|sekitar)\s+$")
_OPENS_WITH_REMAINDER_RE = caseless(r"^\W*(?:sisanya|selebihnya)")
# Words that open a clause stating the predicate of the count before it ("158 koperasi di Kabupaten
# Gowa, Sulawesi Selatan, tercatat tidak aktif").
_PREDICATE_OPENERS = ("yang", "sudah", "kini", "telah", "tercatat", "terdata", "dinyatakan", "berstatus", "masih")
_EXCLUDING_RE = caseless(r"(?<![\w-])(?:di\s+luar|selain|kecuali|tidak\s+termasuk|belum\s+termasuk)(?![\w-])")
_LAST_DIGIT_RE = re.compile(r"\d(?!.*\d)")
_OPPOSITE = {Status.ACTIVE: Status.INACTIVE, Status.INACTIVE: Status.ACTIVE}
_PROVINCE_SCOPES = (Scope.PROVINCE_SUPERVISED, Scope.PROVINCE_LEVEL, Scope.NATIONAL_SUPERVISED)
_SUPERVISED_SCOPES = (Scope.PROVINCE_SUPERVISED, Scope.NATIONAL_SUPERVISED)


@dataclass(slots=True)
class Reading:
    """One number of a sentence, read as a possible figure."""

    number: NumberMention
    clause: int  # index into the sentence's clauses
    unit: Unit
    head: str  # "cooperative", "unit" or "none"
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
class _Clause:
    start: int
    end: int


def extract_figures(article_id: str, text: str, published: str | None,
                    gazetteer: Gazetteer | None = None,
                    explained: list[tuple[Sentence, list[Reading]]] | None = None) -> list[ExtractedFigure]:
    """Figures of one article. `published` is the DATE header (ISO) or None. `explained`, when
    given, receives every sentence with numbers and all its readings, rejected ones included."""
    if not _COOP_WORD_RE.search(text):
        return []  # not about cooperatives
    gazetteer = gazetteer or default_gazetteer()
    analysed = mask_article(text)
    sentences = split_sentences(text, masked=analysed)
    dated = article_date(text, published)
    regions: RegionReader | None = None  # read once a sentence holds a figure
    statements: list[Statement] = []
    previous: list[tuple[Reading, ResolvedRegion]] = []  # figures of the last figure sentence
    carried_period: str | None = None
    total: tuple[Reading, ResolvedRegion] | None = None  # the last figure that was a whole
    heading: _Heading | None = None  # "Berikut jumlah koperasi aktif per kabupaten:" over the lines below
    for sentence in sentences:
        heading = heading if heading and _is_list_line(text, sentence) else None
        if sentence.analysed.rstrip().endswith(":"):
            heading = _Heading.of(sentence.analysed)
            heading_periods = data_periods(sentence.analysed, dated)  # "... per 31/12/2023:"
            carried_period = heading_periods[-1][1] if heading_periods else carried_period
        if not _NUMBER_HINT_RE.search(sentence.analysed):
            continue
        readings = read_sentence(sentence.analysed, previous, total and total[0],
                                 in_view=heading is not None and heading.names_cooperatives)
        if explained is not None and readings:
            explained.append((sentence, readings))
        accepted = [r for r in readings if r.rejected is None]
        if not accepted:
            continue
        if heading is not None:
            heading.describe(accepted)
        regions = regions or RegionReader(gazetteer, analysed, sentences)
        periods = data_periods(sentence.analysed, dated)
        current: list[tuple[Reading, ResolvedRegion]] = []
        respective = regions.respective(sentence, [r.number.start for r in accepted])
        for reading in accepted:
            parent_region = next((reg for r, reg in [*previous, *current, *([total] if total else [])]
                                  if r is reading.parent), None)
            region = respective.get(reading.number.start)
            if region is not None:
                reading.trace.append(("region", "region_respectively"))
            else:
                region, region_by = regions.locate(sentence, reading.number.start, reading.number.end,
                                                   parent_region)
                reading.trace.append(("region", region_by))
            if region is not None and reading.scope in _PROVINCE_SCOPES and not regions.names_a_place(sentence) \
                    and not any(reading.parent is r for r in accepted):
                # Supervised cooperatives placed neither by their sentence (`16 koperasi di Sragen yang
                # menjadi kewenangan Pemprov`) nor by a whole in it (`Dari 521 koperasi tersebut, 11
                # ...`) are those of the region the article is about, not of the last one it listed.
                region = regions.lead or region
                reading.trace.append(("region", "supervised_on_article_lead"))
            if region is not None and _OVER_REGENCIES_RE.match(sentence.analysed, reading.number.end):
                region = regions.province_of(region)  # "3.027 koperasi di 17 kabupaten/kota"
                reading.trace.append(("region", "province_of_regencies"))
            if region is None:
                reading.dropped = "region_unknown: no region in the article places it"
                continue
            whole = reading.parent
            if reading.regional_part and whole is not None:  # "dari 1.732 koperasi aktif, ... Sleman 612 unit"
                if parent_region is None or not gazetteer.is_within(region.code, parent_region.code):
                    reading.dropped = "regional_part: a part of a whole not named by a region within the whole's"
                    continue  # not a region within the whole's: a subset we cannot name
                reading.set("status", whole.status, "regional_part_of_whole")
                reading.set("ctype", whole.ctype, "regional_part_of_whole")
            period = period_at(periods, reading.number.start, reading.clause_end)
            as_of = period or carried_period or dated
            date_by = "period_in_sentence" if period else "period_carried" if carried_period \
                else "article_date" if dated else None
            current.append((reading, region))
            statements.append(Statement(ExtractedFigure(
                article_id=article_id,
                region_name=region.name,
                region_code=region.code,
                scope=reading.scope or Scope.ALL,
                status=reading.status or Status.ALL,
                cooperative_type=reading.ctype or CooperativeType.ALL,
                unit=reading.unit,
                value=reading.number.value,
                is_approximate=reading.approximate or reading.lower_bound,
                is_lower_bound=reading.lower_bound,
                as_of_date=as_of,
                evidence=sentence.text,
                trace=_figure_trace(reading, date_by),
            ), dated_in_sentence=period is not None, in_title=sentence.is_title))
        if current:
            previous = current
            total = next(((r, reg) for r, reg in reversed(current) if not (r.status or r.ctype or r.parent)),
                         total)
            regions.topic = current[-1][1]
            if periods and not sentence.is_title and heading is None:  # "2021: 104 unit" dates its line only
                carried_period = periods[-1][1]
    return merge_statements(statements)




# The fields a figure's trace always names: a field no construction set says so.
_TRACED_FIELDS = ("status", "cooperative_type", "scope", "parent", "region")
_FIGURE_FIELD = {"ctype": "cooperative_type", "approximate": "is_approximate"}  # a reading's name: the figure's


def _figure_trace(reading: Reading, date_by: str | None) -> FigureTrace:
    """The reading's trace with what the number itself and the dates set."""
    number = reading.number
    events = [("unit", "percent_number" if number.is_percent else "count_number")]
    if reading.lower_bound:
        events.append(("is_approximate", "lower_bound_number"))  # "lebih dari 300"
    elif number.is_approximate:
        events.append(("is_approximate", "hedged_number"))  # "sekitar 300"
    events += [(_FIGURE_FIELD.get(name, name), by) for name, by in reading.trace]
    named = {name for name, _ in events}
    events += [(name, "not_stated") for name in _TRACED_FIELDS if name not in named]
    events.append(("as_of_date", date_by or "not_stated"))
    whole = reading.parent.number.text if reading.parent is not None else None
    return FigureTrace(tuple(events), number.start, number.end, whole)


@dataclass(frozen=True, slots=True)
class _Heading:
    """The one status, type and scope a line ending in `:` names for the list below it."""

    status: Status | None
    ctype: CooperativeType | None
    scope: Scope | None
    names_cooperatives: bool  # the lines below count cooperatives even if they do not say so

    @classmethod
    def of(cls, text: str) -> _Heading:
        def one(vocabulary: lx.Vocabulary) -> str | None:
            labels = {label for _, _, label in vocabulary.find(text)}
            return labels.pop() if len(labels) == 1 else None

        return cls(one(lx.STATUSES), one(lx.TYPES), one(lx.SCOPES), bool(_COOP_WORD_RE.search(text)))

    def describe(self, readings: list[Reading]) -> None:
        for reading in readings:
            reading.fill("status", self.status, "heading_line")
            reading.fill("ctype", self.ctype, "heading_line")
            reading.fill("scope", self.scope, "heading_line")


def _is_list_line(text: str, sentence: Sentence) -> bool:
    """Whether the sentence is a list line of its own (`Kabupaten Kampar: 684 unit`, `- 2020: 97 unit`)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    own = sentence.text.strip()
    return len(line) <= 100 and line.endswith(own) and len(line) - len(own) <= 4 \
        and bool(_LIST_LINE_RE.search(line))


# --- reading one sentence -------------------------------------------------------------------


def _blanked(pattern: CaselessPattern, text: str) -> str:
    """The text with the pattern's matches blanked, offsets kept (`Dinas Koperasi dan UKM`)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _clauses(text: str, numbers: list[NumberMention]) -> list[_Clause]:
    cuts = {0, len(text)}
    # "koperasi serba usaha (KSU) 198 unit": an abbreviation in brackets does not cut its clause.
    abbreviations = [m.span() for m in _ABBREVIATION_IN_BRACKETS_RE.finditer(text)]
    for match in lx.CLAUSE_BOUNDARY_RE.finditer(text):
        if not any(n.start <= match.start() < n.end for n in numbers) \
                and not any(a <= match.start() < b for a, b in abbreviations):
            cuts.update((match.start(), match.end()))
    for match in lx.CONJUNCTION_BEFORE_NUMBER_RE.finditer(text):
        cuts.add(match.start())
    ordered = sorted(cuts)
    return [_Clause(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if re.search(r"\w", text[a:b])]


def _clause_of(clauses: list[_Clause], position: int) -> int:
    for index, clause in enumerate(clauses):
        if clause.start <= position < clause.end:
            return index
    return len(clauses) - 1


def _vocabulary_in(vocabulary: lx.Vocabulary, text: str, clause: _Clause) -> list[tuple[int, int, str]]:
    return [(clause.start + a, clause.start + b, label)
            for a, b, label in vocabulary.find(text[clause.start:clause.end])]


def _realis_statuses(text: str, clause: _Clause) -> list[tuple[int, int, str]]:
    """Statuses a clause states (not those it wishes for after `agar`, `untuk`, ...)."""
    found = []
    for start, end, label in _vocabulary_in(lx.STATUSES, text, clause):
        before = text[clause.start:start]
        last_digit = _LAST_DIGIT_RE.search(before)  # "mendorong 141 koperasi yang tidak aktif": the
        if lx.IRREALIS_RE.search(before, last_digit.end() if last_digit else 0):  # wish is not on the count
            continue
        found.append((start, end, label))
    return found


def _nearest(found: list[tuple[int, int, str]], number: NumberMention,
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


def _head(text: str, number: NumberMention) -> str:
    """What the number counts: "cooperative", "unit" (a bare unit word), "other" or "none"."""
    after = text[number.end:number.end + 80]
    after = _PARENTHETICAL_RE.sub("", after, count=1).lstrip()  # "3 (tiga) hari"
    if lx.OTHER_NOUN_RE.match(after):
        return "other"
    match = lx.COOPERATIVE_NOUN_RE.match(after)
    if match is None:
        return "none"
    if _COOP_WORD_RE.search(match.group()):
        rest = after[match.end():].lstrip()
        return "subtype" if lx.SUBTYPE_AFTER_RE.match(rest) else "cooperative"
    return "other" if lx.OTHER_NOUN_RE.match(after[match.end():].lstrip()) else "unit"  # "unit UMKM"


def _is_non_count(text: str, number: NumberMention) -> str | None:
    before = text[max(0, number.start - 30):number.start]
    after = text[number.end:number.end + 20]
    if _HOPED_FOR_BEFORE_RE.search(before):
        return "a value hoped for"
    if number.is_percent:
        return "percent over 100" if number.value > 100 else None
    if lx.NOT_A_COUNT_BEFORE_RE.search(before):
        return "reference, amount or date"
    if _DATE_AROUND_RE.match(after) or _DATE_BEFORE_RE.search(before):
        return "date"
    if number.value == 1 and _SALAH_SATU_RE.search(before):
        return "salah satu"
    if _ATTENDED_BY_RE.search(before):
        return "attendance"
    if _UPPER_BOUND_BEFORE_RE.search(before):
        return "an upper bound"
    if number.value != int(number.value):
        return "fraction of a count"
    if 1945 <= number.value <= 2100 and "." not in number.text and (
            _head(text, number) != "cooperative" or _PERIOD_BEFORE_RE.search(before)):
        return "year"  # "pada 2022 koperasi di daerah itu ..." is a year too
    return None


def _category_before(masked: str, position: int) -> str | None:
    """The last category noun before a position: "cooperative", "subtype" (a kind of
    cooperative the vocabulary has no type for: "Kopkar itu tersebar di ... 99 unit"),
    "other" (UMKM, BUMDes, ...) or None. A bare `N unit` counts what was named last. `masked`
    is the sentence with office names blanked ("Dinas Koperasi dan UKM" names neither)."""
    ends = {category: max((m.end() for m in pattern.finditer(masked, 0, position)), default=-1)
            for category, pattern in (("cooperative", _COOP_WORD_RE), ("subtype", lx.SUBTYPE_NAME_RE),
                                      ("other", _OTHER_CATEGORY_RE))}
    if ends["subtype"] >= ends["cooperative"]:  # "koperasi peternakan" ends after its "koperasi"
        ends["cooperative"] = -1
    last = max(ends, key=lambda category: ends[category])
    return last if ends[last] >= 0 else None


def read_sentence(text: str, previous: list[tuple[Reading, ResolvedRegion]],
                  total: Reading | None = None, in_view: bool = False) -> list[Reading]:
    """Read every number of one (analysed) sentence; rejected readings say why. `previous` are
    the figures of the last sentence that had any, `total` the last figure that was a whole;
    `in_view` says the text is listing cooperatives (a heading above names them)."""
    numbers = find_numbers(text)
    if not numbers:
        return []
    readings: list[Reading] = []
    masked: str | None = None  # office names blanked: only needed once a number looks like a count
    for number in numbers:
        if number.text.lower().startswith("setengah"):  # "setengahnya tidak aktif": half, 50 %
            number = replace(number, value=50.0, is_percent=True)
        reading = Reading(number, -1,
                          Unit.PERCENT if number.is_percent else Unit.COUNT,
                          "none" if number.is_percent else _head(text, number),
                          approximate=number.is_approximate and not number.is_lower_bound,
                          lower_bound=number.is_lower_bound)
        reading.reject(_is_non_count(text, number), "non_count")
        if reading.rejected is None and reading.head == "other":
            reading.reject("counts something else", "head_noun")
        if reading.rejected is None and (reading.head == "subtype" or lx.SUBTYPE_WORD_RE.search(
                text[max(0, number.start - 40):number.end + 40])):
            reading.reject("counts a kind of cooperative the vocabulary has no type for", "subtype_named")
        category = None
        if reading.rejected is None and reading.head in ("unit", "none"):
            masked = masked or _blanked(_ORG_RE, text)
            category = _category_before(masked, number.start)
        if reading.rejected is None and category == "other":
            reading.reject("counts businesses, not cooperatives", "category_before")
        if reading.rejected is None and category == "subtype":
            reading.reject("counts a kind of cooperative the vocabulary has no type for", "category_before")
        readings.append(reading)
    live = [r for r in readings if r.rejected is None]
    if not live:
        return readings
    masked = masked or _blanked(_ORG_RE, text)
    if not _COOP_WORD_RE.search(masked) and not previous and not in_view:
        for reading in live:
            if reading.head != "cooperative":
                reading.reject("no cooperative in view", "cooperative_in_view")
        live = [r for r in live if r.rejected is None]
        if not live:
            return readings
    clauses = _clauses(text, numbers)
    for reading in live:
        reading.clause = _clause_of(clauses, reading.number.start)
        reading.clause_end = clauses[reading.clause].end
    numbered = {r.clause for r in live}
    for reading in live:
        before = text[max(0, reading.number.start - 40):reading.number.start]
        reading.is_base = bool(_BASE_BEFORE_RE.search(before)) and any(
            r.number.end <= reading.number.start and r.clause == reading.clause for r in live)
    for reading in live:
        clause = clauses[reading.clause]
        others = [r.number for r in live if r.clause == reading.clause and r is not reading and not r.is_base]
        reading.fill("scope", _nearest(_vocabulary_in(lx.SCOPES, text, clause), reading.number, others),
                     "scope_in_own_clause")
        if reading.is_base:
            continue  # "dari N": the base of a share states no status or type of its own
        statuses = _realis_statuses(text, clause)
        closed = _PARENT_BEFORE_RE.search(text, max(0, reading.number.start - 30), reading.number.start) \
            and _DEMONSTRATIVE_RE.search(text, reading.number.end, clause.end)
        if closed:  # "dari 181 koperasi itu yang aktif sebanyak 129 unit": the status is the part's
            statuses = [item for item in statuses if item[0] < closed.start()]
        reading.fill("status", _nearest(statuses, reading.number, others), "status_in_own_clause")
        reading.status_own = reading.status is not None
        reading.fill("ctype", _nearest(_vocabulary_in(lx.TYPES, text, clause), reading.number, others),
                     "type_in_own_clause")

    _lend_statuses(text, clauses, live, numbered)
    _link_parts(text, live, previous, total)
    _carry_types(text, masked, clauses, live, numbered, previous)
    _apply_constructions(text, clauses, live, previous)
    _continue_list(text, live, previous)
    each = _each_of_the_types(text, clauses, live)
    live.extend(each)
    readings.extend(each)
    for reading in live:
        _check_qualified(text, clauses, reading)
    return readings


def _continue_list(text: str, live: list[Reading], previous: list[tuple[Reading, ResolvedRegion]]) -> None:
    """`Koperasi yang aktif didominasi KSP sebanyak 296 unit. Berikutnya koperasi serba usaha
    201 unit ...`: typed counts (or shares) that go on with the previous sentence's typed list
    share its status."""
    if not lx.LIST_CONTINUES_RE.match(text):
        return
    for reading in live:
        statuses = {r.status for r, _ in previous if r.ctype and r.unit == reading.unit}
        if reading.ctype and reading.status is None and len(statuses) == 1:
            reading.set("status", next(iter(statuses)), "continuation_previous_sentence")


def _each_of_the_types(text: str, clauses: list[_Clause], live: list[Reading]) -> list[Reading]:
    """`koperasi produsen dan koperasi pemasaran masing-masing 87 unit`: the readings to add for
    the other types named before the count."""
    added: list[Reading] = []
    for reading in live:
        if reading.ctype is None or not _EACH_BEFORE_RE.search(text, 0, reading.number.start):
            continue
        clause = clauses[reading.clause]
        named = [label for start, _, label in _vocabulary_in(lx.TYPES, text, clause) if start < reading.number.start]
        for ctype in dict.fromkeys(named):
            if ctype != reading.ctype:
                added.append(replace(reading, ctype=ctype, trace=[*reading.trace, ("ctype", "each_of_the_types")]))
    return added


def _lend_statuses(text: str, clauses: list[_Clause], live: list[Reading], numbered: set[int]) -> None:
    """A status in a clause without numbers: to every item of the list it heads (`koperasi
    aktif itu terdiri atas 64 KSP, 48 KSU`, `Di antara koperasi aktif itu terdapat 24 KUD, 71
    KSP`), to the number just before it when the clause continues it (`89 koperasi ..., yang
    sudah berhenti beroperasi`), else to the numbers of the list that follows it (`Koperasi
    nonaktif, terdiri dari 55 ..., 266 ...`)."""
    for intro in lx.LIST_INTRODUCER_RE.finditer(text):
        head = _Clause(clauses[_clause_of(clauses, intro.start())].start, intro.start())
        if any(head.start <= r.number.start < head.end for r in live):
            continue  # a numbered whole: its parts are linked by _link_parts
        stated = _realis_statuses(text, head)
        scopes = _vocabulary_in(lx.SCOPES, text, head)  # "Koperasi primer yang aktif di antaranya ..."
        contrast = lx.CONTRAST_RE.search(text, intro.end())
        list_end = contrast.start() if contrast else len(text)
        for reading in live:
            if intro.end() <= reading.number.start < list_end:
                if stated and reading.status is None:
                    reading.set("status", stated[-1][2], "list_head_status")
                if scopes and reading.scope is None:
                    reading.set("scope", scopes[-1][2], "list_head_scope")
    opening = _OPENING_WHOLE_RE.match(text)
    stated = _realis_statuses(text, _Clause(0, opening.end())) if opening else []
    for reading in live:
        if stated and reading.status is None and not reading.is_base:
            reading.set("status", stated[-1][2], "opening_whole_status")
    for reading in live:
        if reading.status is not None or reading.is_base:
            continue
        for c in range(reading.clause + 1, len(clauses)):
            words = text[clauses[c].start:clauses[c].end].split()
            if c in numbered:
                if not lx.APPOSITION_RE.match(text[clauses[c].start:clauses[c].end]):
                    break
                # "277 koperasi atau 47,3 persen lainnya mati suri": a status after the share that
                # restates the count is the predicate of both (but "432 unit, yakni 219 aktif" is a
                # part); else the predicate may follow ("..., atau 30% dari 260 koperasi, kini mati suri").
                apposed = [r for r in live if r.clause == c]
                apposed_end = max(r.number.end for r in apposed)
                found = [item for item in _realis_statuses(text, clauses[c]) if item[0] >= apposed_end]
                if found and all(r.unit != reading.unit for r in apposed):
                    reading.set("status", found[0][2], "status_after_apposed_share")
                    break
                continue
            if all(w[:1].isupper() for w in words):
                continue  # a name in apposition: "(Halut), Maluku Utara"
            if words[0].lower() not in _PREDICATE_OPENERS:
                break
            found = _realis_statuses(text, clauses[c])
            if found:
                reading.set("status", found[0][2], "predicate_clause_after")
                break
        if reading.status is not None:
            continue
        for c in range(reading.clause - 1, -1, -1):
            owners = [r for r in live if r.clause == c]
            if any(r.status_own for r in owners):
                break
            found = _realis_statuses(text, clauses[c])
            if found and not owners:
                reading.set("status", found[-1][2], "status_clause_before")
                break


def _carry_types(text: str, masked: str, clauses: list[_Clause], live: list[Reading], numbered: set[int],
                 previous: list[tuple[Reading, ResolvedRegion]]) -> None:
    """A bare `N unit` counts the kind of cooperative the text is listing: the type named
    earlier in its sentence (`daerah dengan KSU terbanyak, yakni 763 unit`). When its noun is
    elided (no cooperative named in its clause), also the one type its listed siblings name
    (`676 unit, sedangkan ... 521 unit koperasi serba usaha`), else, when its sentence names no
    cooperative before it, the one type of the figures of the sentence before (a ranking that
    goes on over several sentences)."""
    earlier = {r.ctype for r, _ in previous}
    siblings = {r.ctype for r in live if r.ctype and r.parent is None and not r.is_base
                and not any(other.parent is r for other in live)}
    for reading in live:
        if reading.ctype is not None or reading.head not in ("unit", "none") or reading.is_base:
            continue
        for c in range(reading.clause - 1, -1, -1):
            if c in numbered:
                continue
            found = _vocabulary_in(lx.TYPES, text, clauses[c])
            if found:
                reading.set("ctype", found[-1][2], "type_named_earlier")
                break
        clause = clauses[reading.clause]
        if reading.ctype is not None or reading.parent is not None \
                or _COOP_WORD_RE.search(masked, clause.start, clause.end):
            continue
        if len(siblings) == 1:
            reading.set("ctype", next(iter(siblings)), "type_of_siblings")
        elif not siblings and len(earlier) == 1 and not _COOP_WORD_RE.search(masked, 0, reading.number.start):
            reading.set("ctype", next(iter(earlier)), "type_of_previous_sentence")  # not "provinsi dengan jumlah koperasi terbanyak, 25 ribu unit"


def _link_parts(text: str, live: list[Reading], previous: list[tuple[Reading, ResolvedRegion]],
                total: Reading | None) -> None:
    """Parts and wholes: `dari/di antara N ...` makes N the whole of the later numbers;
    `terdiri dari`, `di antaranya`, `yakni` make the number before the whole; a sentence that
    opens with `dari jumlah tersebut` continues the last whole of the article (`total`), else
    the last figure of the previous sentence.

    A part takes the nearest count before it that `opens` a whole or has a partitive phrase
    between itself and the part. Both are found by index, not by searching the text between
    every pair of numbers, so a sentence of thousands of numbers stays linear."""
    partitives = _Partitives(text, live)
    wholes = [i for i, r in enumerate(live) if not r.is_base and r.unit == Unit.COUNT]
    whole_ends = [live[i].number.end for i in wholes]
    is_whole = set(wholes)
    last_count = last_opener = last_glued = -1  # live indexes, -1 for none
    for index, reading in enumerate(live):
        if index - 2 in is_whole and index - 2 in partitives.glued_always:
            last_glued = index - 2  # glued to its number, whatever follows the next number
        di_antaranya = _DI_ANTARANYA_RE.search(text[reading.number.end:reading.number.end + 20])
        if di_antaranya:  # "62 koperasi binaan provinsi, 48 di antaranya aktif": of the count just before
            reading.set("parent", live[last_count] if last_count >= 0 else None, "di_antaranya")
        if reading.parent is None:
            last_start = partitives.last_start[index]  # a phrase after a whole's end is between it and the part
            after_phrase = wholes[bisect_left(whole_ends, last_start) - 1] \
                if last_start >= 0 and whole_ends and whole_ends[0] < last_start else -1
            just_before = index - 1 if index - 1 in is_whole and partitives.glued_before(index) else -1
            nearest = max(last_opener, after_phrase, last_glued, just_before)
            reading.set("parent", live[nearest] if nearest >= 0 else None, _whole_construction(
                nearest, last_opener, after_phrase, last_glued))
        if reading.parent is None and previous and _OPENS_WITH_PART_OF_RE.match(text) \
                and (partitives.last_start[index] >= 0 or di_antaranya):
            # "dari total tersebut": the last whole
            reading.set("parent", total or previous[-1][0], "whole_of_previous_sentence")
        if reading.parent is None and di_antaranya and previous:
            reading.set("parent", previous[-1][0], "di_antaranya_previous_sentence")
        if reading.unit == Unit.COUNT:
            last_count = index
        if index in is_whole and _opens_a_whole(text, reading.number):
            last_opener = index


def _whole_construction(nearest: int, opener: int, after_phrase: int, glued: int) -> str:
    """The name of the construction that made `nearest` the whole (the trace's name for it)."""
    if nearest == opener:
        return "partitive_whole"  # "dari 300 koperasi, 200 di antaranya aktif"
    if nearest in (after_phrase, glued):
        return "partitive_phrase"  # "432 unit, yakni 219 aktif", "terdiri dari"
    return "partitive_just_before"


def _opens_a_whole(text: str, number: NumberMention) -> bool:
    """`dari 127 koperasi ...`: the number is the whole of the parts after it."""
    lead = text[max(0, number.start - 30):number.start]
    return bool(_PARENT_BEFORE_RE.search(lead)) and not (
        lx.CONTINUATION_BEFORE_RE.search(lead) or lx.LIST_INTRODUCER_RE.search(lead[-14:]))


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


def _apply_constructions(text: str, clauses: list[_Clause], live: list[Reading],
                         previous: list[tuple[Reading, ResolvedRegion]]) -> None:
    prior = [r for r, _ in previous]
    for index, reading in enumerate(live):
        parent = reading.parent
        clause_text = text[clauses[reading.clause].start:clauses[reading.clause].end]
        before = text[max(0, reading.number.start - 25):reading.number.start]
        # An apposed percentage describes the count just before it.
        if reading.unit == Unit.PERCENT and reading.status is None and reading.ctype is None:
            count = next((r for r in reversed(live[:index]) if r.unit == Unit.COUNT and not r.is_base), None)
            if count is not None and lx.APPOSITION_RE.match(clause_text) or (
                    count is not None and count.clause == reading.clause
                    and _APPOSED_BEFORE_RE.search(before)):
                reading.set("status", count.status, "apposed_percentage")
                reading.set("ctype", count.ctype, "apposed_percentage")
                reading.fill("scope", count.scope, "apposed_percentage")
                if count.approximate and not reading.approximate:
                    reading.set("approximate", True, "apposed_percentage")
                if count.rejected:
                    reading.reject("apposed to a count that is not a figure", "apposed_percentage")
                reading.set("parent", None, "apposed_percentage")
                continue
        previous_same = live[index - 1] if index else None
        lead = text[max(0, reading.number.start - 30):reading.number.start]
        if previous_same is not None and previous_same.unit == reading.unit and (
                lx.CONTINUATION_BEFORE_RE.search(lead)
                or previous_same.continues and _SERIES_ITEM_BEFORE_RE.search(lead)):  # ", lalu 355, dan 327"
            reading.continues = True
            reading.fill("status", previous_same.status, "series_continued")
            reading.fill("ctype", previous_same.ctype, "series_continued")
            reading.fill("scope", previous_same.scope, "series_continued")
            reading.set("parent", None, "series_continued")
            continue
        if parent is not None:
            reading.fill("scope", parent.scope, "scope_of_whole")
            if reading.status is None and (reading.ctype or reading.scope != parent.scope):
                reading.set("status", parent.status, "status_of_whole")
            elif reading.ctype is None and reading.status is not None:  # "dari sembilan KUD, empat yang aktif"
                reading.set("ctype", parent.ctype, "type_of_whole")
        # A remainder takes the status opposite to the last stated one, and its scope.
        if reading.ctype is None and (lx.REMAINDER_RE.search(before) or _OPENS_WITH_REMAINDER_RE.match(clause_text)):
            stated = [r for r in [*prior, *live[:index]] if r.status in _OPPOSITE]
            if stated and reading.status is None:
                reading.set("status", _OPPOSITE[stated[-1].status], "remainder_sisanya")
            if stated and reading.scope is None:
                reading.set("scope", stated[-1].scope, "remainder_sisanya")
    # Two percentages of one whole adding up to 100: the unnamed one is the other status.
    percents = [r for r in live if r.unit == Unit.PERCENT and r.rejected is None]
    for a in percents:
        for b in percents:
            if a is not b and a.status in _OPPOSITE and b.status is None and b.ctype is None \
                    and abs(a.number.value + b.number.value - 100) < 0.01:
                b.set("status", _OPPOSITE[a.status], "percentages_adding_to_100")


def _describes_the_noun(between: str) -> bool:
    """Whether the words between a count's noun and `yang` leave the relative clause to it."""
    for vocabulary in (lx.TYPES, lx.SCOPES):
        between = vocabulary.blank(between)
    return not lx.PLACE_PHRASE_RE.sub(" ", between).strip()


def _check_qualified(text: str, clauses: list[_Clause], reading: Reading) -> None:
    if reading.rejected:
        return
    clause = clauses[reading.clause]
    if _DISTRIBUTIVE_RE.search(text, clause.start, reading.number.start):
        reading.reject("a count per region, not a total", "distributive")
        return
    spans = [clause]
    for c in clauses[reading.clause + 1:]:  # a relative clause after an apposition continues it
        words = text[c.start:c.end].strip().lower()
        if words.startswith("yang"):
            spans.append(c)
            break
        if not (lx.APPOSITION_RE.match(words) or words == ""):
            break
    for span in spans:
        piece = text[span.start:span.end]
        excluded = _EXCLUDING_RE.search(text, max(span.start, reading.number.end), span.end)
        if excluded:  # "7.200 koperasi di luar Koperasi Merah Putih": what is left out does not qualify
            piece = piece[:excluded.start() - span.start]
        for vocabulary in (lx.SCOPES, lx.STATUSES, lx.TYPES):  # named things are not qualifiers
            piece = vocabulary.blank(piece)
        if reading.scope in _SUPERVISED_SCOPES:  # "membina 58 koperasi ... kewenangan provinsi" states the scope
            piece = _blanked(lx.SUPERVISING_RE, piece)
        match = lx.SUBSET_QUALIFIER_RE.search(piece)
        if match:
            reading.reject(f"qualified by {match.group()!r}", "subset_qualifier")
            return
    relative = lx.RELATIVE_AFTER_COUNT_RE.match(text, reading.number.end, clause.end)
    if relative and reading.unit == Unit.COUNT and _describes_the_noun(text[relative.start("between"):
                                                                         relative.end("between")]):
        predicate = relative["predicate"].strip()
        named = any(vocabulary.find(predicate) for vocabulary in (lx.STATUSES, lx.TYPES, lx.SCOPES))
        if not named and not lx.WHOLE_PREDICATE_RE.search(" ".join(predicate.split()[:3])):
            reading.reject(f"restricted by a relative clause: 'yang {predicate}'", "restrictive_relative_clause")
            return
    if reading.unit == Unit.PERCENT and reading.status is None and reading.ctype is None:
        reading.reject("a percentage of nothing the vocabulary names", "unnamed_percentage")
        return
    attributes = reading.status or reading.ctype or reading.scope
    if reading.parent is not None and not attributes:
        reading.regional_part = True  # named by its region, or dropped once regions are known
    elif not attributes and lx.OTHER_RE.search(text[clause.start:clause.end]):
        reading.reject("the others of an unnamed group", "others_of_unnamed_group")
    elif reading.head == "none" and not attributes and not (
            lx.TOTAL_RE.search(text[clause.start:reading.number.start])
            or _HEDGE_BEFORE_RE.search(text[max(0, reading.number.start - 15):reading.number.start])):
        reading.reject("a bare number", "bare_number")


# --- merging statements of one figure -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statement:
    figure: ExtractedFigure
    dated_in_sentence: bool  # its as_of_date comes from its own sentence, not the article
    in_title: bool


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


class _Restated:
    """What the statements of one value say, by scope: read once for all of them (an article
    that restates a figure a thousand times must not compare every statement with every other)."""

    def __init__(self, same: list[Statement]) -> None:
        self.scopes = {st.figure.scope for st in same if st.figure.scope != Scope.ALL}
        dated: dict[str, dict[str | None, None]] = defaultdict(dict)  # dates stated in sentences, in order
        self.first_in_body: dict[str, list[str | None]] = {}  # the first body statement's date
        for st in same:
            f = st.figure
            if st.dated_in_sentence:
                dated[f.scope].setdefault(f.as_of_date)
            if not st.in_title:
                self.first_in_body.setdefault(f.scope, [f.as_of_date])
        self.dated: dict[str, list[str | None]] = {scope: list(dates) for scope, dates in dated.items()}


def _restated(figure: ExtractedFigure, by: str, **changes: object) -> ExtractedFigure:
    """`replace`, with the fields changed and the construction that changed them in the trace."""
    trace = figure.trace
    if trace is not None:
        events = tuple((name, by) for name in changes if name != "is_lower_bound")
        trace = replace(trace, events=trace.events + events)
    return replace(figure, trace=trace, **changes)  # type: ignore[arg-type]


def merge_statements(statements: list[Statement]) -> list[ExtractedFigure]:
    """One figure per article × region × scope × status × type × unit × date.

    A restatement is the same value for the same figure; a headline or a repeat that leaves
    out the scope (the title's `49 koperasi` for the body's `49 koperasi primer`) or gives a
    vaguer date (`pada 2018` for `per Desember 2018`) is folded into the most specific
    statement, and the date a sentence states wins over the article's date. Different values
    for one figure are all kept when each is stated as often as the most stated one: the
    source contradicts itself.
    """
    def value(f: ExtractedFigure) -> str:
        return f"{f.value:g}"

    # 1. Fold restatements of one value: scope from the scoped statement, date from the dated one.
    restated: dict[tuple[str, ...], list[Statement]] = defaultdict(list)
    for st in statements:
        f = st.figure
        restated[(f.region_code, f.status, f.cooperative_type, f.unit, value(f))].append(st)
    summaries = {key: _Restated(same) for key, same in restated.items()}  # once per value, not per statement
    folded: list[Statement] = []
    for st in statements:
        f = st.figure
        same = summaries[(f.region_code, f.status, f.cooperative_type, f.unit, value(f))]
        if f.scope == Scope.ALL:
            f = _restated(f, "restatement_scope", scope=next(iter(same.scopes))) if len(same.scopes) == 1 else f
        if not st.dated_in_sentence:
            dated = same.dated.get(f.scope, [])
            if len(dated) > 1:
                dated = [d for d in dated if _dates_agree(d, f.as_of_date)]
            if not dated and st.in_title:
                dated = same.first_in_body.get(f.scope, [])
            if dated and dated[0] != f.as_of_date:
                f = _restated(f, "restatement_date", as_of_date=dated[0])
        elif f.as_of_date:  # "pada 2018" and "per Desember 2018": one figure, the precise date
            finer = [d for d in same.dated.get(f.scope, []) if d and d.startswith(f.as_of_date)]
            finest = max(finer, key=len, default=f.as_of_date)
            f = _restated(f, "restatement_finer_date", as_of_date=finest) if finest != f.as_of_date else f
        folded.append(Statement(f, st.dated_in_sentence, st.in_title))

    # 2. One figure per key and date; contradictions stay, minority restatements do not.
    by_figure: dict[tuple[object, ...], list[Statement]] = defaultdict(list)
    for st in folded:
        f = st.figure
        by_figure[(f.region_code, f.scope, f.status, f.cooperative_type, f.unit, f.as_of_date)].append(st)
    figures: list[ExtractedFigure] = []
    for group in by_figure.values():
        by_value: dict[str, list[Statement]] = defaultdict(list)  # in the order values are first stated
        for st in group:
            by_value[value(st.figure)].append(st)
        top = max(len(same) for same in by_value.values())
        for same in by_value.values():
            if len(same) < top:
                continue
            first = next((st for st in same if not st.in_title), same[0]).figure
            approximate = any(st.figure.is_approximate for st in same)
            lower_bound = any(st.figure.is_lower_bound for st in same)
            if (approximate, lower_bound) != (first.is_approximate, first.is_lower_bound):
                first = _restated(first, "restatement_hedged", is_approximate=approximate, is_lower_bound=lower_bound)
            figures.append(first)
    return figures
