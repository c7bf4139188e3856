"""From article text to cooperative figures: the constructions, in the order they run.

The extractor reads an article sentence by sentence, the way a reader does. Per sentence
(`read_sentence`), every number is a candidate (`numbers.find_numbers`); the steps of
`SENTENCE_STEPS` then drop what is not a count of cooperatives and name what is. Per figure
(`extract_figures`), the article's regions and dates place it, and the statements of one
figure are merged (`merging.py`). Each construction is one function of its family in
`constructions/`; adding one is a function there, an example in its family's
`constructions/examples/*.toml`, and a line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.constructions import (
    apposition,
    continuation,
    elided_nouns,
    lists,
    own_clause,
    parts_and_wholes,
    predicates,
    qualifiers,
    remainders,
    supervision,
    tables,
    time_series,
)
from dagster_project.domain.extraction.constructions.headings import (
    Heading,
    is_list_line,
)
from dagster_project.domain.extraction.dates import (
    PRESENT_RE,
    article_date,
    data_periods,
    figure_date,
    period_at,
)
from dagster_project.domain.extraction.figure import ExtractedFigure
from dagster_project.domain.extraction.gazetteer import Gazetteer, default_gazetteer
from dagster_project.domain.extraction.merging import Statement, merge_statements
from dagster_project.domain.extraction.publishing import assess
from dagster_project.domain.extraction.reading import (
    COOP_WORD_RE,
    Reading,
    SentenceReading,
    clause_of,
    figure_trace,
    head_noun,
    listed_number_noun,
    split_clauses,
)
from dagster_project.domain.extraction.region_reading import (
    RegionReader,
    ResolvedRegion,
)
from dagster_project.domain.extraction.text import (
    Sentence,
    dateline,
    mask_article,
    split_sentences,
)
from dagster_project.domain.numbers import find_numbers
from dagster_project.domain.official_regions import is_district_code
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit

Step = Callable[[SentenceReading], None]
ReadingRule = Callable[[SentenceReading, Reading], object]
TurnRule = Callable[[SentenceReading, int], bool]

# A cheap test before the full number parser: a digit or a number word (from a half to a million:
# no count of cooperatives is `nol` or `semiliar`).
_NUMBER_HINT_RE = caseless(rf"\d|(?<![a-z])(?:{lx.number_words(0.5, 10**6)})")

# As soon as a number is found, in order; the first that drops it ends its checks. What it counts
# is known from its own words: no construction has named it yet.
NUMBER_CHECKS: tuple[ReadingRule, ...] = (
    qualifiers.non_count,  # the table: years, dates, amounts, attendance, ...
    qualifiers.counts_something_else,  # `45 orang`
    qualifiers.subtype_named,  # `Kopwan`, `koperasi subsektor peternakan`
    qualifiers.category_before,  # a bare `N unit` after `UMKM`
)


def _each_reading_in_turn(*rules: TurnRule) -> Step:
    """A step that gives each reading, left to right, to `rules` in order, until one claims it
    (returns True). A rule sees what the step made of the readings before (a share apposed to a
    count that was itself a remainder, a series continuing a value that was a part)."""
    def step(s: SentenceReading) -> None:
        for index in range(len(s.live)):
            for rule in rules:
                if rule(s, index):
                    break
    step.__name__ = "_each_reading_in_turn(" + ", ".join(rule.__name__ for rule in rules) + ")"
    return step


def _first_qualifier(*rules: ReadingRule) -> Step:
    """A step that runs `rules` on each live reading until one decides it."""
    def step(s: SentenceReading) -> None:
        for reading in s.live:
            for rule in rules:
                if reading.rejected is not None or rule(s, reading):
                    break
    step.__name__ = "_first_qualifier(" + ", ".join(rule.__name__ for rule in rules) + ")"
    return step


# Once the sentence's live numbers have their clauses, in this order. Each step names what the
# ones before it left unset (`Reading.fill`), unless its comment says it overwrites.
SENTENCE_STEPS: tuple[Step, ...] = (
    # Words of the number's own clause first: everything after only lends what they left unset.
    own_clause.mark_bases_of_shares,  # before the own-clause words: a base takes no status or type
    own_clause.scope_in_own_clause,
    own_clause.status_in_own_clause,  # also notes `status_own`, which status_clause_before stops at
    own_clause.type_in_own_clause,
    lists.listed_number_status,  # the own status of a list's first number, before any from afar
    # Statuses from clauses without numbers. A list's head before a neighbouring clause: `terdiri
    # dari` binds tighter than a predicate further away.
    lists.list_head,
    lists.list_head_before_colon,  # a list run into one line after its heading
    lists.opening_whole_status,
    predicates.predicate_after,
    predicates.status_clause_before,
    # Parts are linked to wholes before types are carried: a part or a whole is no elided noun's
    # sibling, and a part takes its whole's type, not its sibling's.
    parts_and_wholes.di_antaranya,
    parts_and_wholes.nearest_whole,  # only a reading `di_antaranya` left without a whole
    parts_and_wholes.status_parts_of_count_before,  # only a reading the partitives left without a whole
    parts_and_wholes.whole_of_previous_sentence,
    parts_and_wholes.di_antaranya_previous_sentence,
    parts_and_wholes.breakdown_of_previous_figure,  # last: a whole in its own sentence comes first
    elided_nouns.note_sibling_types,  # before any type is carried: a carried type is no sibling's
    elided_nouns.type_named_earlier,
    elided_nouns.type_of_siblings,
    continuation.type_of_previous_sentence,  # only without siblings
    continuation.change_of_previous_sentence,  # before a series in its sentence goes on with it
    # One reading at a time, left to right, after the types: a share apposed to a count takes
    # that count's final fields, and a count apposed to a share the share's; a series item is no
    # part (it clears the parent the partitive steps gave it); a part inherits from its whole what
    # it still lacks; a remainder is the opposite of the last status stated before it.
    _each_reading_in_turn(apposition.apposed_percentage, apposition.apposed_count,
                          time_series.series_continued, parts_and_wholes.inherit_from_whole,
                          remainders.remainder_sisanya),
    apposition.percentages_adding_to_100,  # once every share has the status it states or inherits
    continuation.continuation_previous_sentence,
    lists.each_of_the_types,  # adds readings: after every field is set, so the copies have them all
    # Last: whether a count is qualified depends on what the constructions named.
    _first_qualifier(qualifiers.distributive, qualifiers.goal_topic, qualifiers.subset_qualifier,
                     qualifiers.restrictive_relative_clause, qualifiers.series_of_a_subset,
                     qualifiers.share_of_something_else, qualifiers.part_of_something_else,
                     qualifiers.unnamed_percentage,
                     qualifiers.part_named_by_region, qualifiers.others_of_unnamed_group,
                     qualifiers.bare_number),
)


def read_sentence(text: str, previous: list[tuple[Reading, ResolvedRegion]], total: Reading | None = None,
                  in_view: bool = False, previous_adjacent: bool = False) -> list[Reading]:
    """Read every number of one (analysed) sentence; rejected readings say why. `previous` are
    the figures of the last sentence that had any (`previous_adjacent`: the sentence right before),
    `total` the last figure that was a whole; `in_view` says the text is listing cooperatives (a
    heading above names them)."""
    numbers = find_numbers(text)
    if not numbers:
        return []
    s = SentenceReading(text, previous, total, in_view, previous_adjacent)
    for number in numbers:
        if number.text.lower().startswith("setengah"):  # "setengahnya tidak aktif": half, 50 %
            number = replace(number, value=50.0, is_percent=True)
        reading = Reading(number, -1, Unit.PERCENT if number.is_percent else Unit.COUNT,
                          "none" if number.is_percent else head_noun(text, number),
                          approximate=number.is_approximate and not number.is_lower_bound,
                          lower_bound=number.is_lower_bound)
        if not number.is_percent and listed_number_noun(text, number):
            reading.trace.append(("unit", "listed_number_noun"))
        for check in NUMBER_CHECKS:
            if reading.rejected is None:
                check(s, reading)
        s.readings.append(reading)
    s.live = [r for r in s.readings if r.rejected is None]
    if not s.live:
        return s.readings
    qualifiers.cooperative_in_view(s)
    if not s.live:
        return s.readings
    s.clauses = split_clauses(text, numbers)
    for reading in s.live:
        reading.clause = clause_of(s.clauses, reading.number.start)
        reading.clause_end = s.clauses[reading.clause].end
    s.numbered = {r.clause for r in s.live}
    for step in SENTENCE_STEPS:
        step(s)
    return s.readings


def extract_figures(article_id: str, text: str, published: str | None,
                    gazetteer: Gazetteer | None = None,
                    explained: list[tuple[Sentence, list[Reading]]] | None = None) -> list[ExtractedFigure]:
    """Figures of one article. `published` is the DATE header (ISO) or None. `explained`, when
    given, receives every sentence with numbers and all its readings, rejected ones included."""
    if not COOP_WORD_RE.search(text):
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
    heading: Heading | None = None  # "Berikut jumlah koperasi aktif per kabupaten:" over the lines below
    article_tables = sorted([*tables.read_tables(text, gazetteer, dated),
                             *tables.read_one_line_tables(text, gazetteer, dated)], key=lambda table: table.start)
    unread_tables = list(article_tables)  # their cells join the figures where they stand in the text
    previous_at = -2  # the index of the sentence `previous` came from
    for at, sentence in enumerate(sentences):
        while unread_tables and unread_tables[0].start <= sentence.start:
            statements += _table_statements(article_id, unread_tables.pop(0), dated)
        if any(table.start <= sentence.start < table.end for table in article_tables):
            continue  # a table's lines are no prose
        heading = heading if heading and is_list_line(text, sentence) else None
        if sentence.analysed.rstrip().endswith(":"):
            heading = Heading.of(sentence.analysed)
            heading_periods = data_periods(sentence.analysed, dated)  # "... per 31/12/2023:"
            carried_period = heading_periods[-1][1] if heading_periods else carried_period
        if not _NUMBER_HINT_RE.search(sentence.analysed):
            continue
        readings = read_sentence(sentence.analysed, previous, total and total[0],
                                 in_view=heading is not None and heading.names_cooperatives,
                                 previous_adjacent=previous_at == at - 1)
        if explained is not None and readings:
            explained.append((sentence, readings))
        accepted = [r for r in readings if r.rejected is None]
        if not accepted:
            continue
        if heading is not None:
            heading.describe(accepted)
        regions = regions or RegionReader(gazetteer, analysed, sentences, dateline(text, analysed))
        periods = data_periods(sentence.analysed, dated)
        present = not periods and bool(PRESENT_RE.search(sentence.analysed))
        current: list[tuple[Reading, ResolvedRegion]] = []
        respective = regions.respective(sentence, [r.number.start for r in accepted])
        for reading in accepted:
            parent_region = next((reg for r, reg in [*previous, *current, *([total] if total else [])]
                                  if r is reading.parent), None)
            region = _place(regions, sentence, reading, accepted, respective, parent_region)
            if region is None:
                reading.dropped = "region_unknown: no region in the article places it"
                continue
            if region.is_area:
                reading.dropped = f"region_area_without_code: {region.name} has no region code"
                continue
            if not parts_and_wholes.regional_part_of_whole(reading, region, parent_region, gazetteer):
                continue
            period = period_at(periods, reading.number.start, reading.clause_end, sentence.analysed)
            as_of, date_by = figure_date(period, carried_period, dated, present)
            current.append((reading, region))
            statements.append(Statement(_figure(article_id, reading, region, as_of, date_by, sentence.text),
                                        dated_in_sentence=period is not None, in_title=sentence.is_title,
                                        refers_back=bool(lx.POINTS_BACK_AFTER_COUNT_RE.match(
                                            sentence.analysed, reading.number.end))))
        if current:
            previous, previous_at = current, at
            total = next(((r, reg) for r, reg in reversed(current) if not (r.status or r.ctype or r.parent)),
                         total)
            if not is_district_code(current[-1][1].code):  # a district's figures do not carry it on
                regions.topic = current[-1][1]
            if periods and not sentence.is_title and heading is None:  # "2021: 104 unit" dates its line only
                carried_period = periods[-1][1]
    for table in unread_tables:
        statements += _table_statements(article_id, table, dated)
    return assess(merge_statements(statements), gazetteer.parent_of, published=published)


def _figure(article_id: str, reading: Reading, region: ResolvedRegion, as_of: str | None,
            date_by: str | None, evidence: str) -> ExtractedFigure:
    return ExtractedFigure(
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
        evidence=evidence,
        trace=figure_trace(reading, date_by),
    )


def _table_statements(article_id: str, table: tables.Table, dated: str | None) -> list[Statement]:
    """A table's cells, dated by their column's year (`table_column`), else their caption
    (`table_caption`), else as prose is."""
    found = []
    for cell in table.cells:
        as_of, date_by = (cell.column.period, "table_column") if cell.column.period \
            else (cell.caption.period, "table_caption") if cell.caption.period else figure_date(None, None, dated)
        found.append(Statement(_figure(article_id, cell.reading(), cell.region, as_of, date_by, cell.line_text),
                               dated_in_sentence=date_by in ("table_column", "table_caption"), in_title=False))
    return found


def _place(regions: RegionReader, sentence: Sentence, reading: Reading, accepted: list[Reading],
           respective: dict[int, ResolvedRegion], parent_region: ResolvedRegion | None) -> ResolvedRegion | None:
    """The region of a figure: the regions of `masing-masing` in order, else where its sentence
    or its whole places it; then the supervision constructions may move it."""
    region, region_by = respective.get(reading.number.start), "region_respectively"
    if region is None:
        region, region_by = regions.locate(sentence, reading.number.start, reading.number.end, parent_region)
    reading.trace.append(("region", region_by))
    if region is None or region.is_area:
        return region
    region = supervision.supervised_after_a_regency_count(regions, sentence, reading, region, region_by, accepted)
    region = supervision.supervised_on_article_lead(regions, sentence, reading, region, accepted)
    return supervision.province_of_regencies(regions, sentence, reading, region)
