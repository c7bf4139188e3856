"""Article text as the extractor reads it: sentences with their offsets, clauses within them.

Offsets always refer to the original text, so evidence is quoted verbatim. What is not the
article's own prose is masked (blanked with spaces, offsets kept): datelines (`KUPANG –`),
list markers (`1. `), and "Baca juga" lines and teasers cut off with `...` that carry the
headline of another article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dagster_project.domain.caseless import caseless

# "BANDA ACEH –", "BLORA, ME -", "HARIANHALUAN.ID –", "POS-KUPANG.COM | KUPANG -": capitals (and
# the odd agency code, the site's name before a bar) then a dash.
_DATELINE_RE = re.compile(
    r"^[\s\"“]*[A-Z0-9](?:[A-Z0-9 .,/()'|]|-(?=[A-Z]))"  # "POS-KUPANG": a hyphen inside a name
    r"{1,45}?\s*(?:[–—]+\s*|-+\s+)(?=\S)")  # "MUNGKID—Sebanyak"
# A place and the site, by its domain name or its own, either way round, then a dash: "PALEMBANG,
# iNews.id -", "Jakarta, Kompas.com -", "MATARAM, www.lombokpost.net -", "Liputan6.com, Jakarta -",
# "TEMPO.CO, Jakarta -", "Jakarta, Beritakoperasi –", "Agam, InfoPublik -", "TobaTimes, Rantauprapat -".
# A name first is the site's only when a capital inside tells it from a place ("InfoPublik").
_SITE = (r"(?:www\.)?[A-Za-z0-9-]{2,30}(?:\.[A-Za-z0-9-]{2,30})?"
         r"\.(?i:co\.id|go\.id|or\.id|id|com|net|org|co|tv)(?![\w.])")
_SITE_NAME = r"[A-Z][a-z]+[A-Z][A-Za-z]*"  # "InfoPublik", "TobaTimes"
# After a place: a site's own name ("Beritakoperasi", "InfoPublik", "Harian Jogja") or a second
# place ("Lubuk Basung, Agam -"), which spelling cannot tell apart: `dateline` gives both to the
# region reader.
_OUTLET = r"[A-Z][a-z]+(?:[A-Z][a-z]+)*(?: [A-Z][a-z]+){0,2}"
_PLACE = r"[A-Z][A-Za-z]*(?:[ -][A-Z][A-Za-z]*){0,5}"  # "BAU-BAU", "Kabupaten Penukal Abab Lematang Ilir"
_SITE_LEAD = (rf"^[\s\"“]*(?:(?:{_SITE}|{_SITE_NAME}),\s*(?P<place_after>{_PLACE})"
              rf"|(?P<place>{_PLACE}),\s*(?:{_SITE}|(?P<outlet>{_OUTLET})))\s*(?:[–—]+|-+)\s*")
_SITE_DATELINE_RE = re.compile(rf"{_SITE_LEAD}(?=\S)")  # a line that goes on with the story
_SITE_LEAD_RE = re.compile(rf"{_SITE_LEAD}$")  # the lead alone, as `dateline` finds it
# "Medan, (HR)-", "Medan, 17/11 (Antara) -", "Mataram (Inside Lombok) —": a place in title case,
# perhaps a date, then the agency in brackets and a dash. The brackets tell it from prose.
_TITLE_CASE_DATELINE_RE = re.compile(
    r"^[\s\"“]*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},?(?:\s[\w/]{1,12}){0,2}\s?\([A-Z0-9][^()\n]{0,29}\)\s*[–—-]+\s*(?=\S)")
_FIRST_PARAGRAPH_MIN_CHARS = 80  # shorter lines before it: title, byline, caption
_LIST_MARKER_RE = re.compile(r"^\s*\d{1,2}[.)]\s+")
# HTML markup a saved page kept (`<p style="text-align: justify;">`, `<br />`): no words of the story
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][^<>\n]{0,300}>")
_SEE_ALSO_RE = caseless(r"^\s*(baca juga|simak juga|lihat juga|berita terkait|pos terkait)\b")
_ADVERTISEMENT_RE = caseless(r"^\s*(advertisement|iklan|scroll to continue with content|gulir untuk melanjutkan)\s*$")
# A line hard-wrapped inside a sentence: long, with no sentence end, and the next line goes on in
# lower case or with a number.
_WRAPPED_LINE_MIN_CHARS = 40
_ENDS_A_SENTENCE_RE = re.compile(r"[.!?:;\"”’)]\s*$")
_CONTINUES_RE = re.compile(r"[a-z0-9]")
# A short line cut off with an ellipsis is a link to another story ("Nusantara511 Unit Koperasi di NTT tak...").
_TEASER_RE = re.compile(r"^.{0,150}?(?:\.\.\.|…)\s*$")
# A sentence ends at . ! ? (and a closing quote) before whitespace and an upper-case letter,
# digit or opening quote; not after an abbreviation or an initial.
# Only the first mark of a run can end a sentence: scanning "......" stays linear.
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
_ABBREVIATION_RE = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Kab|Kec|Kel|Prov|No|Dr|Drs|Ir|Hj?|St|Sp|Si|Jl|Rp|Tbk|dll|dsb|dkk|M\.Si|S\.E"
    r"|S\.Sos|S\.Pd|S\.H|S\.P|M\.M|Pj|Plt|Plh|Kadis|Bid|Sekr?|vs))\.$"
)
# A sentence is read in pieces of at most this many characters and digit runs: reading a
# sentence costs more than linear time in its length and numbers, so a run-on line or a
# hostile one ("1.1.1.1...") must not make a whole article quadratic. Real sentences stay
# far below both (the longest seen: 540 characters, 14 digit runs).
MAX_SENTENCE_CHARS = 3000
MAX_SENTENCE_DIGIT_RUNS = 128
_DIGIT_RUN_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # the sentence as published (a slice of the article)
    analysed: str  # same length as text: masked parts blanked, for analysis only
    is_title: bool


def _mask_line(line: str, opens_the_story: bool) -> str:
    if _SEE_ALSO_RE.match(line) or _TEASER_RE.match(line) or _ADVERTISEMENT_RE.match(line):
        return " " * len(line)
    line = _HTML_TAG_RE.sub(lambda tag: " " * len(tag.group()), line)
    # a place and a site's name, or a place in title case, open a dateline only in the story's opening
    datelines = (_DATELINE_RE, _SITE_DATELINE_RE, _TITLE_CASE_DATELINE_RE) if opens_the_story else (_DATELINE_RE,)
    for pattern in (*datelines, _LIST_MARKER_RE):
        match = pattern.match(line)
        if match:
            line = " " * match.end() + line[match.end():]
    return line


def mask_article(text: str) -> str:
    """The text with datelines, list markers and see-also lines blanked, offsets unchanged.
    A title-case dateline is looked for only up to the story's first paragraph: further down,
    `Jumlah Koperasi (Unit) - 1.234` is a table's line."""
    masked = []
    opens_the_story = True
    for number, line in enumerate(text.splitlines(keepends=True)):
        masked.append(_mask_line(line, opens_the_story))
        # a long headline, which ends without a full stop, is no paragraph of the story yet
        is_headline = number == 0 and not _ENDS_A_SENTENCE_RE.search(line)
        opens_the_story = opens_the_story and (len(line.strip()) < _FIRST_PARAGRAPH_MIN_CHARS or is_headline)
    return "".join(masked)


def dateline(text: str, masked: str) -> str:
    """The story's dateline (`KUPANG –`, `Medan, (HR)-`), "" when it has none: the first masked
    lead of a line that goes on with prose, within the story's opening."""
    offset = 0
    for line in text.splitlines(keepends=True)[:12]:
        analysed = masked[offset:offset + len(line)]
        lead = line[:len(analysed) - len(analysed.lstrip())].strip()  # what the mask blanked before the prose
        if analysed.strip() and lead and not lead[0].isdigit():  # a list marker ("1.") is no dateline
            lead = lead.rpartition("|")[2].strip()  # "POS-KUPANG.COM | LEMBATA -": the place after the site
            site = _SITE_LEAD_RE.match(lead)  # "PALEMBANG, iNews.id -": the place beside the site
            if site and site.group("outlet"):  # "Padang, Antara -" or two places, "Lubuk Basung, Agam -":
                return f"{site.group('place')}, {site.group('outlet')}"  # the region reader tells them apart
            return (site.group("place") or site.group("place_after")) if site else lead.strip("\"“ ")
        offset += len(line)
    return ""


def split_sentences(text: str, title: str | None = None, masked: str | None = None) -> list[Sentence]:
    """Sentences of an article, paragraph by paragraph. The first line is the title when
    `title` says so (a `TITLE:` header) or when it is a short line without a full stop.
    `masked` is `mask_article(text)` where the caller has it already."""
    masked = mask_article(text) if masked is None else masked
    sentences: list[Sentence] = []
    offset = 0
    title_line = None
    for line_no, line in enumerate(_wrapped_lines_joined(text, masked)):
        analysed_line = masked[offset:offset + len(line)]
        is_title = line_no == 0 and (
            (title is not None and line.strip() == title.strip())
            or (len(line) < 200 and not line.rstrip().endswith("."))
        )
        if is_title:
            title_line = line.strip()
        elif title_line is not None and line.strip() == title_line:
            is_title = True  # the headline repeated atop the body (saved pages often do): still the headline
        start = 0
        for match in _SENTENCE_END_RE.finditer(analysed_line):  # markup between two sentences ends the first
            if _ABBREVIATION_RE.search(line[max(0, match.start() - 6):match.start() + 1]):
                continue
            sentences.extend(_sentences(line, analysed_line, offset, start, match.end(), is_title))
            start = match.end()
        sentences.extend(_sentences(line, analysed_line, offset, start, len(line), is_title))
        offset += len(line)
    return sentences


def _wrapped_lines_joined(text: str, masked: str) -> list[str]:
    """The article's lines, a line hard-wrapped inside a sentence joined with the lines that go
    on with it (a PDF flattened to text: `jumlah koperasi aktif tercatat` / `143.117 unit ...`),
    over lines the mask blanked (`Advertisement`), never over an empty line. A line wraps when
    it is long, ends without a sentence's end and the next line with words starts in lower case
    or with a digit."""
    joined: list[str] = []
    offset, pending, last = 0, "", ""  # `last`: the analysed words of the run's last line
    for number, line in enumerate(text.splitlines(keepends=True)):
        analysed = masked[offset:offset + len(line)].strip()
        offset += len(line)
        if pending and line.strip() and (not analysed or _wraps(last) and _CONTINUES_RE.match(analysed)):
            pending += line
            last = analysed or last
            continue
        if pending:
            joined.append(pending)
            pending = ""
        if number > 0 and _wraps(analysed):
            pending, last = line, analysed
        else:
            joined.append(line)
    return [*joined, pending] if pending else joined


def _wraps(analysed: str) -> bool:
    """Prose cut mid-sentence: long, no sentence end, and mostly words in lower case (a heading
    in title case, `Lebih Separuh Koperasi di Sultra tak Aktif`, is a line of its own)."""
    words = analysed.split()
    lower = sum(1 for word in words if word[:1].islower())
    return (len(analysed) >= _WRAPPED_LINE_MIN_CHARS and not _ENDS_A_SENTENCE_RE.search(analysed)
            and lower * 2 > len(words))


def _sentences(line: str, analysed: str, offset: int, start: int, end: int,
               is_title: bool) -> list[Sentence]:
    """The sentence at `start:end` of the line, in pieces when it is longer than any real one."""
    found: list[Sentence] = []
    while end - start > MAX_SENTENCE_CHARS or _cut_before_digits(analysed, start, end) < end:
        cut = _piece_end(analysed, start, end)
        found.extend(_sentence(line, analysed, offset, start, cut, is_title))
        start = cut
    return found + _sentence(line, analysed, offset, start, end, is_title)


def _cut_before_digits(analysed: str, start: int, end: int) -> int:
    """Where the digit run one over the limit starts (`end` when there is none)."""
    limit = min(end, start + MAX_SENTENCE_CHARS + 1)  # never scan further than one piece
    for count, run in enumerate(_DIGIT_RUN_RE.finditer(analysed, start, limit), start=1):
        if count > MAX_SENTENCE_DIGIT_RUNS:
            return run.start()
    return end


def _piece_end(analysed: str, start: int, end: int) -> int:
    """The end of the first piece of an over-long sentence: the last space before the
    limit, or the limit itself when the piece has no space (a word is cut)."""
    limit = min(start + MAX_SENTENCE_CHARS, _cut_before_digits(analysed, start, end))
    space = analysed.rfind(" ", start + 1, limit)
    return space if space > start else limit


def _sentence(line: str, analysed: str, offset: int, start: int, end: int,
              is_title: bool) -> list[Sentence]:
    part = analysed[start:end]
    if not part.strip():
        return []
    s = start + len(part) - len(part.lstrip())  # masked lead (a dateline) is not quoted
    e = start + len(part.rstrip())
    return [Sentence(offset + s, offset + e, line[s:e], analysed[s:e], is_title)]
