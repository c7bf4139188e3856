"""Time series: `turun menjadi 391 unit pada 2020, lalu 355 unit ..., dan 327 unit ...` is one
measure at several times, not parts of a whole.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import SentenceReading

_SERIES_ITEM_BEFORE_RE = caseless(r"(?:,|(?<![\w-])dan|(?<![\w-])serta)\s+$")
# "... sebanyak 21 koperasi sedangkan pada tahun 2024 sebanyak 29 koperasi": another period, and
# nothing else, before the number
_ANOTHER_PERIOD_BEFORE_RE = caseless(
    rf"(?:,|(?<![\w-])(?:sedangkan|sementara|dan|serta))\s+{lx.A_PERIOD}\s*,?\s+"
    r"(?:(?:sebanyak|ada|mencapai|tercatat|berjumlah|menjadi|hanya)\s+)*$")


@construction(sets=("status", "cooperative_type", "scope", "parent"))
def series_continued(s: SentenceReading, index: int) -> bool:
    """A number of the same unit as the one before it, after a continuation (`naik dari`,
    `lalu`, `hingga`), after `,`/`dan` once a series has begun, or between nothing but another
    period and its unit (`sedangkan pada tahun 2024 sebanyak 29 koperasi.`), keeps the measure of
    the first value (its status, type and scope) and is no part of it."""
    if index == 0:
        return False
    reading, previous = s.live[index], s.live[index - 1]
    lead = s.text[max(0, reading.number.start - 30):reading.number.start]
    if previous.unit != reading.unit or not (
            lx.CONTINUATION_BEFORE_RE.search(lead) or previous.continues and _SERIES_ITEM_BEFORE_RE.search(lead)
            or _ANOTHER_PERIOD_BEFORE_RE.search(s.text, max(0, reading.number.start - 60), reading.number.start)
            and lx.BARE_LEVEL_AFTER_RE.match(s.text, reading.number.end)):
        return False
    reading.continues = True
    reading.fill("status", previous.status, "series_continued")
    reading.fill("ctype", previous.ctype, "series_continued")
    reading.fill("scope", previous.scope, "series_continued")
    reading.set("parent", None, "series_continued")
    return True
