"""Dates in articles: the date of the article, and the date a figure is counted at.

A figure is dated by the period its sentence names with a data preposition ("per 31 Desember
2021", "hingga Juni 2023", "hingga akhir 2017", "pada 2011", "(2012)", "triwulan kedua tahun
ini", a list line "2021: 104 unit"); otherwise by the article's date. A date that only says when somebody spoke ("Rabu
(27/7/2022)") dates the article, not the data.
"""

from __future__ import annotations

import re

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.lexicon import MONTH_RE, MONTHS

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_NUMERIC_DATE_RE = re.compile(rf"(?<![\d/])(\d{{1,2}})[/-](\d{{1,2}})[/-]({_YEAR})(?![\d/])")
# "13 Juni 2022" is found month first: scanning for month names is 4x faster than for digits.
_MONTH_YEAR_RE = caseless(rf"({MONTH_RE})\.?\s+({_YEAR})(?!\d)")
_DAY_BEFORE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+$")
_QUARTERS = {"pertama": 3, "i": 3, "1": 3, "kedua": 6, "ii": 6, "2": 6, "ketiga": 9, "iii": 9,
             "3": 9, "keempat": 12, "iv": 12, "4": 12}
_DATA_PERIOD_RE = caseless(
    rf"(?<![\w-])(?:per|hingga|sampai(?:\s+dengan)?|s\.?d\.?|pada|tahun(?:\s+buku)?|data|akhir|awal"
    rf"|posisi|periode)\s+"
    rf"(?:(?P<edge>akhir|awal|pertengahan)\s+)?(?:(?:bulan|tahun)\s+)?"
    rf"(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{MONTH_RE})\.?\s+)?(?P<year>{_YEAR})(?!\d)"
    rf"|\((?P<paren_year>{_YEAR})\)"
    rf"|^\W*(?:(?P<label_month>{MONTH_RE})\.?\s+)?(?P<label_year>{_YEAR})\s*:"  # a list line "2021: 104 unit"
    rf"|triwulan\s+(?P<quarter>pertama|kedua|ketiga|keempat|iv|iii|ii|i|[1-4])"
    rf"(?:\s+tahun\s+(?:(?P<quarter_year>{_YEAR})|ini))?")


def article_date(text: str, header_date: str | None) -> str | None:
    """The DATE header, else the first full date written in the text."""
    if header_date:
        return header_date
    found: list[tuple[int, str]] = []
    for match in _NUMERIC_DATE_RE.finditer(text):
        day, month, year = int(match[1]), int(match[2]), match[3]
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append((match.start(), f"{year}-{month:02d}-{day:02d}"))
            break
    for match in _MONTH_YEAR_RE.finditer(text):
        day = _DAY_BEFORE_RE.search(text, max(0, match.start() - 20), match.start()) \
            if text[match.start() - 1:match.start()].isspace() else None
        if day:
            found.append((day.start(), f"{match[2]}-{MONTHS[match[1].lower()]:02d}-{int(day[1]):02d}"))
            break
    return min(found)[1] if found else None


def data_periods(sentence: str, published: str | None) -> list[tuple[int, str]]:
    """The periods a sentence dates figures to, with their offsets, at the precision given.
    A figure takes the last period before it, else the first one after it ("Tahun 2011 ada
    171 koperasi, tahun 2012 ada 180" dates each count by its own year)."""
    periods: list[tuple[int, str]] = []
    for match in _DATA_PERIOD_RE.finditer(sentence):
        if "buku" in match.group().lower() \
                and _FISCAL_OBJECT_BEFORE_RE.search(sentence, max(0, match.start() - 40), match.start()):
            continue
        if match["quarter"]:
            year = match["quarter_year"] or (published[:4] if published else None)
            if year:
                periods.append((match.start(), f"{year}-{_QUARTERS[match['quarter'].lower()]:02d}"))
            continue
        year = match["year"] or match["paren_year"] or match["label_year"]
        if match["month"] or match["label_month"]:
            month = MONTHS[(match["month"] or match["label_month"]).lower()]
            day = f"-{int(match['day']):02d}" if match["day"] else ""
            periods.append((match.start(), f"{year}-{month:02d}{day}"))
        elif match["edge"] and match["edge"].lower() == "akhir":
            periods.append((match.start(), f"{year}-12"))
        else:
            periods.append((match.start(), year))
    return periods


# What a number is compared with comes after it ("256 koperasi aktif naik dari tahun 2021 yang aktif
# sebanyak 242"): that period dates the other count, not this one
_COMPARED_WITH_RE = caseless(r"(?<![\w-])(?:dari|dibanding(?:kan)?(?:\s+dengan)?)\s+$")
# "RAT tahun buku 2023", "SHU tahun buku 2023": the year a meeting or a report closes, not the count's
_FISCAL_OBJECT_BEFORE_RE = caseless(r"(?<![\w-])(?:RAT|rapat\s+anggota\s+tahunan|SHU|sisa\s+hasil\s+usaha)"
                                    r"(?:\s*\((?:RAT|SHU)\))?\s+$")


def _compared(sentence: str, start: int) -> bool:
    """A period the count is compared with ("naik dari tahun 2021"), not whence its data come
    ("dari data tahun 2022")."""
    return bool(sentence) and not sentence[start:start + 4].lower() == "data" \
        and bool(_COMPARED_WITH_RE.search(sentence, max(0, start - 30), start))


def period_at(periods: list[tuple[int, str]], position: int, clause_end: int | None = None,
              sentence: str = "") -> str | None:
    """The period of the number at `position`: one stated after it in its own clause
    ("675 unit pada 2022", not one it is compared with, "naik dari tahun 2021"), else the last one
    before it, else the first one after it."""
    if clause_end is not None:
        inside = [period for start, period in periods if position < start < clause_end
                  and not _compared(sentence, start)]
        if inside:
            return inside[0]
    before = [period for start, period in periods if start < position]
    if before:
        return before[-1]
    after = [period for start, period in periods if not _compared(sentence, start)]
    return after[0] if after else None


# "saat ini", "kini", "sekarang": the time of writing (not "hingga kini", "sampai sekarang": a
# state that lasts from a period named before)
PRESENT_RE = caseless(r"(?<![\w-])(?<!hingga\s)(?<!sampai\s)(?:saat\s+ini|kini|sekarang|dewasa\s+ini)(?![\w-])")


@construction("period_in_sentence", "period_carried", "present_in_sentence", "article_date", sets=("as_of_date",))
def figure_date(period: str | None, carried: str | None, dated: str | None,
                present: bool = False) -> tuple[str | None, str | None]:
    """The date of a figure and the construction that gave it: the period its own clause names
    (`per Desember 2023`: `period_in_sentence`), else the last one an earlier sentence or a
    heading named (`period_carried`), unless its own sentence says it is now (`Saat ini koperasi
    aktif sebanyak 250 unit`: `present_in_sentence`), else the article's date (`article_date`).
    The sentences after a present one keep the period carried before it: they may go back to it
    (`Pada tahun yang sama, ...`)."""
    if period:
        return period, "period_in_sentence"
    if carried and not present:
        return carried, "period_carried"
    return dated, (("present_in_sentence" if carried else "article_date") if dated else None)
