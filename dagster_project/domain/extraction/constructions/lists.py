"""Lists: what a list's head says goes to every item of the list.
"""

from __future__ import annotations

from dataclasses import replace

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import (
    COOP_WORD_RE,
    Clause,
    Reading,
    SentenceReading,
    clause_of,
    realis_statuses,
    vocabulary_in,
)

# "Di antara koperasi aktif itu terdapat 24 KUD, 71 KSP": a sentence opens with a whole without a number.
_OPENING_WHOLE_RE = caseless(r"^\W*(?:di\s+antara|diantara|dari)\s+[^\d,]{0,60}?"
                             r"(?<![\w-])(?:itu|tersebut|ini)(?![\w-])")
_EACH_BEFORE_RE = caseless(r"(?<![\w-])masing-masing\s+(?:sebanyak\s+|sekitar\s+)?$")
# Nothing but a list's separators between two numbers: "4.448, 4.369, dan 4.299 unit"
_LIST_SEPARATOR_RE = caseless(rf"\s*{lx.LIST_SEPARATOR}")


@construction("list_head_status", "list_head_scope", sets=("status", "scope"))
def list_head(s: SentenceReading) -> None:
    """`Koperasi nonaktif terdiri dari 55 KSP, 266 koperasi produsen`, `Koperasi primer yang
    aktif di antaranya 30 ...`: a head without a number of its own, before a list introducer,
    gives its status (`list_head_status`) and scope (`list_head_scope`) to every item up to a
    contrast (`sedangkan`). A head with a number is a whole: `parts_and_wholes` links its parts."""
    text = s.text
    for intro in lx.LIST_INTRODUCER_RE.finditer(text):
        head = Clause(s.clauses[clause_of(s.clauses, intro.start())].start, intro.start())
        if any(head.start <= r.number.start < head.end for r in s.live):
            continue  # a numbered whole
        stated = realis_statuses(text, head)
        scopes = vocabulary_in(lx.SCOPES, text, head)
        contrast = lx.CONTRAST_RE.search(text, intro.end())
        list_end = contrast.start() if contrast else len(text)
        for reading in s.live:
            if intro.end() <= reading.number.start < list_end:
                if stated and reading.status is None:
                    reading.set("status", stated[-1][2], "list_head_status")
                if scopes and reading.scope is None:
                    reading.set("scope", scopes[-1][2], "list_head_scope")


@construction(sets=("status",))
def listed_number_status(s: SentenceReading) -> None:
    """`jumlah koperasi aktif berturut-turut sebanyak 4.448, 4.369, dan 4.299 unit`: numbers
    listed with nothing but commas and `dan` between them count one thing, so the status the
    first one's clause states is the next ones' too (left to right; never backwards: in `120 dan
    80 koperasi tidak aktif` the 120 may be of all). Not when that clause names several statuses:
    `koperasi aktif, tidak aktif dan dibubarkan berturut-turut 301, 120 dan 45 unit`."""
    live = sorted(s.live, key=lambda r: r.number.start)
    # the clause's one status, or one carried along
    stating = {id(r) for r in live if r.status_own
               and len({label for _, _, label in realis_statuses(s.text, s.clauses[r.clause])}) == 1}
    for first, then in zip(live, live[1:], strict=False):
        if id(first) in stating and then.status is None \
                and _LIST_SEPARATOR_RE.fullmatch(s.text, first.number.end, then.number.start):
            then.set("status", first.status, "listed_number_status")
            stating.add(id(then))


@construction(sets=("status", "cooperative_type", "scope"))
def list_head_before_colon(s: SentenceReading) -> None:
    """`Berikut jumlah koperasi primer per kabupaten/kota di Kalsel: Banjar 120 unit, Tapin 80
    unit`: a head before a colon, without a number of its own, gives the one status, type and
    scope it names to every count after the colon (the heading of a list run into one line)."""
    colon = s.text.find(":")
    if colon < 0 or any(r.number.start < colon for r in s.live) or not COOP_WORD_RE.search(s.text, 0, colon):
        return
    head = s.text[:colon]
    for name, vocabulary in (("status", lx.STATUSES), ("ctype", lx.TYPES), ("scope", lx.SCOPES)):
        for reading in s.live:
            reading.fill(name, vocabulary.only(head), "list_head_before_colon")


@construction(sets=("status",))
def opening_whole_status(s: SentenceReading) -> None:
    """`Di antara koperasi aktif itu terdapat 24 KUD, 71 KSP ...`: a sentence that opens with a
    whole without a number gives its status to the counts after it."""
    opening = _OPENING_WHOLE_RE.match(s.text)
    stated = realis_statuses(s.text, Clause(0, opening.end())) if opening else []
    for reading in s.live:
        if stated and reading.status is None and not reading.is_base:
            reading.set("status", stated[-1][2], "opening_whole_status")


@construction(sets=("cooperative_type",))
def each_of_the_types(s: SentenceReading) -> None:
    """`koperasi produsen dan koperasi pemasaran masing-masing 87 unit`: 87 of each type named
    before the count; adds a reading per other type, a copy of the count's."""
    added: list[Reading] = []
    for reading in s.live:
        if reading.ctype is None or not _EACH_BEFORE_RE.search(s.text, 0, reading.number.start):
            continue
        clause = s.clauses[reading.clause]
        named = [label for start, _, label in vocabulary_in(lx.TYPES, s.text, clause) if start < reading.number.start]
        for ctype in dict.fromkeys(named):
            if ctype != reading.ctype:
                added.append(replace(reading, ctype=ctype, trace=[*reading.trace, ("ctype", "each_of_the_types")]))
    s.live.extend(added)
    s.readings.extend(added)
