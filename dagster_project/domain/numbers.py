"""Reading numbers as Indonesian news writes them, with the hedges around them.

Indonesian uses `.` for thousands and `,` for decimals (`3.027` = 3027, `50,50` = 50.5), writes
small counts as words (`enam koperasi`, `dua ratus ribu`), scales with `ribu`/`juta`/`miliar`
and hedges figures (`sekitar`, `lebih dari`, `5.000-an`). `find_numbers` reports every mention
with its flags; the caller decides what matters (dates, rupiah amounts, years are all returned).

Decisions on ambiguous input:
- A comma is always decimal: `1,083` is 1.083. A dot before exactly 1-2 digits is an English
  decimal point (`55.3 persen`), so a time such as `10.30` reads as 10.3.
- `setengah` and `setengahnya` are both 0.5; `satu setengah juta` is 1.5 million.
- Vague plurals (`ratusan`, `ribuan`) are not numbers alone, but after a numeral they mean
  "about": `lima ratusan` = 500 and `5 ribuan` = 5000, both approximate.
- Ordinals (`ke-76`, `ke2`, `kedua`), reduplications (`satu-satunya`) and `satu persatu` / `satu
  per satu` / `satu demi satu` (one by one) are not numbers.
- Dates are split into integers: `13/06/2022` gives 13, 6 and 2022, never a fraction.
- Digits and number words are never merged: `1 juta 500 ribu` gives two mentions.
- Hedges count only when they directly precede the number (whitespace only in between).
- A numeral of more than 30 digits is no quantity news reports (and would exceed the float
  range or Python's limit on converting digit strings to int): it is not a number mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dagster_project.domain.caseless import caseless

_MULTIPLIERS: dict[str, int] = {
    "ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6,
    "miliar": 10**9, "milyar": 10**9, "triliun": 10**12,
}
_WORD_MULTIPLIERS: tuple[str, ...] = ("ribu", "juta", "miliar", "milyar", "triliun")
_SE_MULTIPLIERS: dict[str, str] = {"se" + w: w for w in _WORD_MULTIPLIERS}  # seribu = satu ribu
_DIGITS: dict[str, int] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4,
    "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}
# Words that are a complete small number: (value, place value it occupies).
_SMALL_WORDS: dict[str, tuple[float, float]] = {
    "sepuluh": (10, 10), "sebelas": (11, 10), "seratus": (100, 100),
    "setengah": (0.5, 0.5), "setengahnya": (0.5, 0.5),
}
# Place words that need a digit word before them (dua belas, dua puluh, dua ratus): place value.
_PLACES: dict[str, int] = {"belas": 10, "puluh": 10, "ratus": 100}
# Every word a spoken number can begin with, and its value (the extractor's lexicon reads these).
NUMBER_START_WORDS: dict[str, float] = {
    **_DIGITS,
    **{word: value for word, (value, _) in _SMALL_WORDS.items()},
    **{word: _MULTIPLIERS[multiplier] for word, multiplier in _SE_MULTIPLIERS.items()},
}
_SCALE_WORDS: tuple[str, ...] = (*_PLACES, *_WORD_MULTIPLIERS)  # take "-an": ratusan, ribuan
_VOCABULARY: list[str] = sorted(
    [*_DIGITS, *_SMALL_WORDS, *_SE_MULTIPLIERS, *_SCALE_WORDS, *(w + "an" for w in _SCALE_WORDS),
     *(w + "nya" for w in _WORD_MULTIPLIERS)],  # "sepuluh ribunya": ten thousand of them
    key=len, reverse=True,
)
_WORD = rf"(?:{'|'.join(_VOCABULARY)})(?![a-z-])"
# A run of number words separated by whitespace; hyphens excluded to skip "satu-satunya".
_WORD_RUN_RE = caseless(rf"(?<![a-z-]){_WORD}(?:\s+{_WORD})*")
_NUMERAL_RE = caseless(  # "(?=\d)" first lets the scanner skip ahead to digits (4x faster)
    r"(?=\d)(?<!\d)(?P<num>\d+(?:\.\d{3})+(?!\d)(?:,\d+)?"  # 12.500.000 / 1.500,50
    r"|\d+,\d+"  # 50,50
    r"|\d+\.\d{1,2}(?!\d|\.\d)"  # 55.3, but not the 13.06 of 13.06.2022
    r"|\d+)"
    # 1,5 juta, 5 ribuan; "10 ribunya tidak aktif": 10 ribu of them
    rf"(?:\s*(?P<mult>{'|'.join(_MULTIPLIERS)})(?P<mult_an>an)?(?:nya)?(?![a-z]))?"
    r"(?P<an>(?:-|\s+)?an(?![a-z]))?"  # 5.000-an, 5000an, 950 an
)
_DECIMAL_DOT_RE = re.compile(r"\d+\.\d{1,2}")  # 55.3: an English decimal point
_ONE_BY_ONE_RE = caseless(r"(?<![a-z])satu\s*(?:per|demi)\s*satu(?![a-z])")  # "satu persatu": an adverb
_PERCENT_RE = caseless(r"\s*(?:%|(?:persen|prosen)(?:nya)?(?![a-z]))")  # "40 persennya tidak aktif"
# Hedges must end right before the number, so they are matched against the text before it.
_AT_MOST = r"(?:tak|tidak)\s+lebih\s+dari(?:pada)?"  # "tak lebih dari 51%": an upper bound, kept as a hedge
_APPROX_RE = caseless(r"(?<![a-z])(?:sekitar|lebih\s+kurang|kurang(?:-|\s+)lebih|kira-kira"
                      rf"|hampir|berkisar|mendekati|{_AT_MOST})\s+$")
_AT_MOST_RE = caseless(rf"(?<![a-z]){_AT_MOST}\s+$")
_LOWER_BOUND_RE = caseless(r"(?<![a-z])(?:lebih\s+dari(?:pada)?|sedikitnya|setidaknya"
                           r"|minimal|paling\s+sedikit|(?:tak|tidak)\s+kurang\s+dari)\s+$")
# "252 lebih koperasi", "200 lebih.": a lower bound written after the number (not "500 lebih banyak")
_LOWER_BOUND_AFTER_RE = caseless(r"\s+lebih(?=\s+(?:unit|koperasi|buah|lembaga|kop)(?![a-z])|\s*[,.;)]|\s*$)")
# "52 sekian persen", "52 koma sekian persen": a share of 52 and some, said vaguely
_VAGUE_FRACTION_RE = caseless(r"\s+(?:koma\s+)?sekian(?=\s*(?:%|persen|prosen)(?![a-z]))")
_ORDINAL_RE = caseless(r"(?<![a-z])ke-?$")  # ke-76, ke2
_ORDINAL_ENDINGS = frozenset("eE-\n")  # "$" also matches before a final newline
_PARSE_TAIL_RE = caseless(r"\s*(?:(?:%|persen|prosen)\s*)?")
_HEDGE_WINDOW = 40  # longer than any hedge plus some whitespace
_MAX_DIGITS = 30


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: float
    start: int  # span of the number expression itself (multiplier and "-an" included)
    end: int
    text: str
    is_percent: bool
    is_approximate: bool  # hedged, "-an" suffix, or a lower bound
    is_lower_bound: bool


@dataclass(frozen=True, slots=True)
class _Atom:
    kind: Literal["small", "multiplier", "stray"]
    value: float  # the small number, or the multiplier factor
    scale: float  # place value of a small number
    start: int
    end: int
    approximate: bool


def _atoms(run: re.Match[str]) -> list[_Atom]:
    """Turn a run of number words into small numbers and multipliers."""
    words: list[tuple[str, bool, int, int]] = []  # base word, "-an" suffix, span in the text
    for found in re.finditer(r"[a-z]+", run.group()):  # lower case: a caseless match
        word = found.group().lower()
        if word.endswith("nya") and word[:-3] in _WORD_MULTIPLIERS:  # "ribunya": "ribu" of them
            word = word[:-3]
        suffixed = word.endswith("an") and word[:-2] in _SCALE_WORDS  # not "delapan"
        words.append((word[:-2] if suffixed else word, suffixed,
                      run.start() + found.start(), run.start() + found.end()))
    atoms: list[_Atom] = []
    i = 0
    while i < len(words):
        word, suffixed, start, end = words[i]
        if word in _DIGITS and i + 1 < len(words) and words[i + 1][0] in _PLACES:
            place, suffixed, _, end = words[i + 1]
            digit, scale = _DIGITS[word], _PLACES[place]
            value = 10 + digit if place == "belas" else digit * scale
            atoms.append(_Atom("small", value, scale, start, end, suffixed))
            i += 1  # the place word is consumed too
        elif word in _DIGITS:
            atoms.append(_Atom("small", _DIGITS[word], 1, start, end, False))
        elif word in _SMALL_WORDS:
            atoms.append(_Atom("small", *_SMALL_WORDS[word], start, end, False))
        elif word in _SE_MULTIPLIERS:
            atoms.append(_Atom("small", 1, 1, start, end, False))
            factor = _MULTIPLIERS[_SE_MULTIPLIERS[word]]
            atoms.append(_Atom("multiplier", factor, 0, start, end, False))
        elif word in _WORD_MULTIPLIERS:  # "ribuan" after a numeral means "about ... ribu"
            atoms.append(_Atom("multiplier", _MULTIPLIERS[word], 0, start, end, suffixed))
        else:  # a place word without its digit ("ratusan koperasi") is vague, not a number
            atoms.append(_Atom("stray", 0, 0, start, end, False))
        i += 1
    return atoms


@dataclass(slots=True)
class _WordNumber:
    """A spoken number being built; place values must strictly decrease, as when spoken."""

    start: int
    end: int
    small: float  # the part below the last multiplier
    small_scale: float
    approximate: bool
    total: float = 0.0
    has_small: bool = True
    factor: float = float("inf")  # last multiplier applied

    def accepts(self, atom: _Atom) -> bool:
        if atom.kind == "small":
            return atom.scale < self.small_scale
        if atom.kind == "multiplier":
            return self.has_small and atom.value < self.factor
        return False

    def add(self, atom: _Atom) -> None:
        if atom.kind == "small":
            self.small += atom.value
            self.small_scale = atom.scale
            self.has_small = True
        else:
            self.total += self.small * atom.value
            self.small, self.small_scale, self.factor = 0, atom.value, atom.value
            self.has_small = False
        self.end = atom.end
        self.approximate = self.approximate or atom.approximate


def _word_numbers(run: re.Match[str]) -> list[tuple[int, int, float, bool]]:
    """Numbers in a run of number words; "dua tiga" is two numbers, "ribuan" alone none."""
    built: list[_WordNumber] = []
    current: _WordNumber | None = None
    for atom in _atoms(run):
        if current is not None and current.accepts(atom):
            current.add(atom)
            continue
        current = None
        if atom.kind == "small":  # a multiplier or stray word cannot start a number
            current = _WordNumber(atom.start, atom.end, atom.value, atom.scale, atom.approximate)
            built.append(current)
    return [(n.start, n.end, n.total + n.small, n.approximate) for n in built]


def _numeral_value(match: re.Match[str]) -> float | None:
    """Value of a digit expression; integer arithmetic keeps 1,15 juta exactly 1150000.
    None for a numeral of more than `_MAX_DIGITS` digits."""
    number = match["num"]
    if len(number) > _MAX_DIGITS and sum(c.isdigit() for c in number) > _MAX_DIGITS:
        return None
    if "," in number:
        whole, fraction = number.split(",")
    elif _DECIMAL_DOT_RE.fullmatch(number):
        whole, fraction = number.split(".")
    else:
        whole, fraction = number, ""
    factor = _MULTIPLIERS[match["mult"].lower()] if match["mult"] else 1
    return int(whole.replace(".", "") + fraction) * factor / 10 ** len(fraction)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in `text`, in order, with percent and hedge flags."""
    raw: list[tuple[int, int, float, bool]] = []
    for match in _NUMERAL_RE.finditer(text):
        value = _numeral_value(match)
        if value is not None:
            raw.append((match.start(), match.end(), value, bool(match["an"] or match["mult_an"])))
    adverbs = [m.span() for m in _ONE_BY_ONE_RE.finditer(text)]
    for run in _WORD_RUN_RE.finditer(text):
        raw.extend(n for n in _word_numbers(run) if not any(a <= n[0] < b for a, b in adverbs))
    mentions: list[NumberMention] = []
    for start, end, value, suffix_an in sorted(raw):
        before = text[start - 1] if start else ""  # the patterns below need these characters
        if before in _ORDINAL_ENDINGS and _ORDINAL_RE.search(text, max(0, start - 3), start):
            continue
        lower_bound, approximate = False, suffix_an
        if before.isspace():
            window = max(0, start - _HEDGE_WINDOW)
            lower_bound = bool(_LOWER_BOUND_RE.search(text, window, start)) \
                and not _AT_MOST_RE.search(text, window, start)
            approximate = suffix_an or lower_bound or bool(_APPROX_RE.search(text, window, start))
        if _LOWER_BOUND_AFTER_RE.match(text, end):
            lower_bound = approximate = True
        vague = _VAGUE_FRACTION_RE.match(text, end)
        if vague:
            approximate = True
        is_percent = bool(_PERCENT_RE.match(text, vague.end() if vague else end))
        mentions.append(NumberMention(float(value), start, end, text[start:end], is_percent,
                                      approximate, lower_bound))
    return mentions


def parse_number(token: str) -> float | None:
    """Value of a single number expression (optionally followed by a percent sign/word).

    Returns None for anything else, including hedged text such as "sekitar 5".
    """
    mentions = find_numbers(token)
    if len(mentions) != 1 or token[: mentions[0].start].strip():
        return None
    return mentions[0].value if _PARSE_TAIL_RE.fullmatch(token, mentions[0].end) else None


def evidence_numbers(text: str) -> list[float]:
    """Just the values of `find_numbers`, shaped for a DuckDB UDF returning DOUBLE[]."""
    if not text:
        return []
    values: list[float] = []
    for mention in find_numbers(text):
        values.append(mention.value)
        if mention.text.lower().startswith("setengah"):
            values.append(50.0)  # "setengahnya tidak aktif" is read as 50 percent
    return values
