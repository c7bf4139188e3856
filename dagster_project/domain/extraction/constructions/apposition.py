"""Apposition: a share set beside a count describes that count (`4.037 unit, atau sekitar 52
persen`), a count set beside a share counts what it measures (`47 persen atau sekitar 2.200
koperasi`), and shares of one whole complete each other.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import Reading, SentenceReading
from dagster_project.domain.vocabulary import Status, Unit

# "atau sekitar 2.200", "alias sebanyak 220": a filler may stand between
_APPOSED_BEFORE_RE = caseless(r"(?:atau|alias|setara|sekitar)\s+(?:(?:sebanyak|sejumlah|hanya|sekitar)\s+)?$")
OPPOSITE = {Status.ACTIVE: Status.INACTIVE, Status.INACTIVE: Status.ACTIVE}


def _apposed(s: SentenceReading, reading: Reading, before: Reading) -> bool:
    """Whether `reading` restates `before` in the other unit: its clause opens with `atau`,
    `yakni`, ..., or `atau`/`alias`/`setara`/`sekitar` stands just before it in `before`'s clause."""
    words_before = s.text[max(0, reading.number.start - 25):reading.number.start]
    return bool(lx.APPOSITION_RE.match(s.clause_text(reading)) or (
        before.clause == reading.clause and _APPOSED_BEFORE_RE.search(words_before)))


@construction(sets=("status", "cooperative_type", "scope", "is_approximate", "parent", "rejected"))
def apposed_percentage(s: SentenceReading, index: int) -> bool:
    """`Koperasi aktif tinggal 180 unit, atau sekitar 60 persen dari total`: a percentage naming
    neither status nor type, apposed to the count before it (its clause opens with `atau`,
    `yakni`, ... or `atau`/`setara`/`sekitar` stands just before it in the count's clause), takes
    the count's status, type, scope and hedge, and is dropped with it; it is no part of a whole."""
    reading = s.live[index]
    if reading.unit != Unit.PERCENT or reading.status is not None or reading.ctype is not None:
        return False
    count = next((r for r in reversed(s.live[:index]) if r.unit == Unit.COUNT and not r.is_base), None)
    if count is None or not _apposed(s, reading, count):
        return False
    reading.set("status", count.status, "apposed_percentage")
    reading.set("ctype", count.ctype, "apposed_percentage")
    reading.fill("scope", count.scope, "apposed_percentage")
    if count.approximate and not reading.approximate:
        reading.set("approximate", True, "apposed_percentage")
    if count.rejected:
        reading.reject("apposed to a count that is not a figure", "apposed_percentage")
    reading.set("parent", None, "apposed_percentage")
    return True


@construction(sets=("status", "cooperative_type", "scope"))
def apposed_count(s: SentenceReading, index: int) -> bool:
    """`jumlah koperasi yang tidak aktif sebanyak 47 persen atau sekitar 2.200 koperasi`: a count
    naming neither status nor type, apposed to the percentage just before it (as
    `apposed_percentage` reads a share after a count), counts what the percentage measures."""
    reading = s.live[index]
    if reading.unit != Unit.COUNT or reading.status is not None or reading.ctype is not None or reading.is_base:
        return False
    share = s.live[index - 1] if index > 0 else None
    if share is None or share.unit != Unit.PERCENT or share.rejected or (share.status, share.ctype) == (None, None) \
            or not _apposed(s, reading, share):
        return False
    reading.set("status", share.status, "apposed_count")
    reading.set("ctype", share.ctype, "apposed_count")
    reading.fill("scope", share.scope, "apposed_count")
    return True


@construction(sets=("status",))
def percentages_adding_to_100(s: SentenceReading) -> None:
    """`70 persen koperasi aktif dan 30 persen didorong agar kembali aktif`: two percentages of one
    whole adding up to 100; the one without a status or type is the other status. Not one share
    said twice (`50% atau setengah`)."""
    percents = [r for r in s.live if r.unit == Unit.PERCENT and r.rejected is None]
    for a in percents:
        for b in percents:
            if a is not b and a.status in OPPOSITE and b.status is None and b.ctype is None \
                    and abs(a.number.value + b.number.value - 100) < 0.01 and not _restated(s.text, a, b):
                b.set("status", OPPOSITE[a.status], "percentages_adding_to_100")


_RESTATING_RE = caseless(r"\W*(?:%|persen)?\W*(?:atau|setara(?:\s+dengan)?|yakni|yaitu)\W*")


def _restated(text: str, a: Reading, b: Reading) -> bool:
    """Whether one of the two shares restates the other (`50% atau setengah`)."""
    first, second = sorted((a.number, b.number), key=lambda number: number.start)
    return _RESTATING_RE.fullmatch(text, first.end, second.start) is not None
