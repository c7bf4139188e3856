"""Article text as the extractor reads it: sentences with their offsets, clauses within them.

Offsets always refer to the original text, so evidence is quoted verbatim. What is not the
article's own prose is masked (blanked with spaces, offsets kept): datelines (`KUPANG –`),
list markers (`1. `), and "Baca juga" lines that carry the headline of another article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.domain.caseless import caseless

# "BANDA ACEH –", "BLORA, ME -", "HARIANHALUAN.ID –": capitals (and the odd agency code) then a dash.
_DATELINE_RE = re.compile(r"^[\s\"“]*[A-Z0-9][A-Z0-9 .,/()']{1,45}?\s*[–—-]+\s+(?=\S)")
_LIST_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)]\s+")
_SEE_ALSO_RE = caseless(r"^\s*(baca juga|simak juga|lihat juga|berita terkait|pos terkait)\b")
# A sentence ends at . ! ? (and a closing quote) before whitespace and an upper-case letter,
# digit or opening quote; not after an abbreviation or an initial.
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATION_RE = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Kab|Kec|Kel|Prov|No|Dr|Drs|Ir|Hj?|St|Sp|Si|Jl|Rp|Tbk|dll|dsb|dkk|M\.Si|S\.E"
    r"|S\.Sos|S\.Pd|S\.H|S\.P|M\.M|Pj|Plt|Plh|Kadis|Bid|Sekr?|vs))\.$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # the sentence as published (a slice of the article)
    analysed: str  # same length as text: masked parts blanked, for analysis only
    is_title: bool


def _mask_line(line: str) -> str:
    if _SEE_ALSO_RE.match(line):
        return " " * len(line)
    for pattern in (_DATELINE_RE, _LIST_MARKER_RE):
        match = pattern.match(line)
        if match:
            line = " " * match.end() + line[match.end():]
    return line


def mask_article(text: str) -> str:
    """The text with datelines, list markers and see-also lines blanked, offsets unchanged."""
    return "".join(_mask_line(line) for line in text.splitlines(keepends=True))


def split_sentences(text: str, title: str | None = None, masked: str | None = None) -> list[Sentence]:
    """Sentences of an article, paragraph by paragraph. The first line is the title when
    `title` says so (a `TITLE:` header) or when it is a short line without a full stop.
    `masked` is `mask_article(text)` where the caller has it already."""
    masked = mask_article(text) if masked is None else masked
    sentences: list[Sentence] = []
    offset = 0
    for line_no, line in enumerate(text.splitlines(keepends=True)):
        analysed_line = masked[offset:offset + len(line)]
        is_title = line_no == 0 and (
            (title is not None and line.strip() == title.strip())
            or (len(line) < 200 and not line.rstrip().endswith("."))
        )
        start = 0
        for match in _SENTENCE_END_RE.finditer(line):
            if _ABBREVIATION_RE.search(line[max(0, match.start() - 6):match.start() + 1]):
                continue
            sentences.extend(_sentence(line, analysed_line, offset, start, match.end(), is_title))
            start = match.end()
        sentences.extend(_sentence(line, analysed_line, offset, start, len(line), is_title))
        offset += len(line)
    return sentences


def _sentence(line: str, analysed: str, offset: int, start: int, end: int,
              is_title: bool) -> list[Sentence]:
    part = analysed[start:end]
    if not part.strip():
        return []
    s = start + len(part) - len(part.lstrip())  # masked lead (a dateline) is not quoted
    e = start + len(part.rstrip())
    return [Sentence(offset + s, offset + e, line[s:e], analysed[s:e], is_title)]
