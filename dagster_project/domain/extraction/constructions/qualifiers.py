"""Qualifiers and rejections: the numbers that are not figures, each dropped by a named rule
with its reason.

Two moments: as soon as a number is found (`NON_COUNTS`, a table, then what it counts), and
once the other constructions have named what they can (`QUALIFIERS`): a count restricted to a
subset the vocabulary cannot name is not a figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dagster_project.domain.caseless import CaselessPattern, caseless
from dagster_project.domain.extraction import lexicon as lx
from dagster_project.domain.extraction.construction import construction, declare
from dagster_project.domain.extraction.constructions.parts_and_wholes import (
    PARENT_BEFORE_RE,
)
from dagster_project.domain.extraction.gazetteer import default_gazetteer
from dagster_project.domain.extraction.reading import (
    COOP_WORD_RE,
    Clause,
    Reading,
    SentenceReading,
    blanked,
    head_noun,
)
from dagster_project.domain.numbers import NumberMention
from dagster_project.domain.vocabulary import Scope, Unit

_DATE_AROUND_RE = caseless(rf"^\s*[/-]\s*\d|^\s*(?:{lx.MONTH_RE})\b")
_DATE_BEFORE_RE = caseless(rf"(?:\d\s*[/-]\s*|(?:{lx.MONTH_RE})\.?\s+)$")
_PERIOD_BEFORE_RE = caseless(r"(?<![\w-])(?:pada|hingga|sampai|per|akhir|awal|di|medio|selama|sepanjang|data)\s+$")
_SALAH_SATU_RE = caseless(r"(?:salah|satu)\s+$")
# "Gerakan Lima Ribu Koperasi", "program Seribu Koperasi": a programme named by its goal
_PROGRAMME_BEFORE_RE = caseless(r"(?<![\w-])(?:gerakan|program|gebrakan)(?:\s+nasional)?\s+$")
# "satu desa satu koperasi": one per village, a slogan
_ONE_PER_PLACE_BEFORE_RE = caseless(r"(?<![\w-])(?:satu|1)\s+(?:desa|kelurahan|kecamatan|nagari|kampung|gampong|dusun)"
                                    r"\s+$")
# "diikuti 45 koperasi" is attendance; "diikuti koperasi konsumen 418 unit" is a ranking.
_ATTENDED_BY_RE = caseless(r"(?<![\w-])diikuti\s+(?:oleh\s+)?(?:sebanyak\s+|sekitar\s+)?$")
# "bertambah sebesar 203", "naik 10 persen", "kenaikan sebesar 153 koperasi": a change, not a level
# ("naik menjadi 203" is a level).
# Not `tumbuh sebanyak 997 pada 2020, menjadi 1.139`: there news writes the level.
_CHANGE_BEFORE_RE = caseless(r"(?<![\w-])(?:bertambah|berkurang|naik|turun|meningkat|menurun|melonjak|menyusut"
                             r"|kenaikan|peningkatan|penambahan|pertambahan|penurunan|pengurangan|penyusutan)"
                             r"(?:\s+(?:sebesar|sebanyak|lagi))?\s+$")
# "masing-masing di bawah 100 unit", "jumlahnya tidak mencapai 1.000 unit"; not "tidak kurang
# dari 1.500 koperasi" (no fewer than: a lower bound, a figure). Not "tidak sampai" either: dropped
# as a bound, its number left its status to the total of "X dari Y" (a reviewer's finding)
_UPPER_BOUND_BEFORE_RE = caseless(r"(?<![\w-])(?:di\s+bawah|(?:tidak|tak|belum)\s+mencapai"
                                  r"|(?<!tidak\s)(?<!tak\s)kurang\s+dari)\s+$")
# "antara 1.000 hingga 5.000 unit": both bounds of a range; the vocabulary has no range. Not "di
# antara 181 koperasi" (among them), nor "antara 300 koperasi aktif dan 120 ..." (a comparison)
_RANGE_START_BEFORE_RE = caseless(r"(?<![\w-])(?<!di\s)antara\s+$")
_RANGE_START_AFTER_RE = caseless(r"\s*(?:(?:unit|koperasi)\s+)?(?:hingga|sampai)\s+[\d]|\s*(?:dan|-)\s*\d")
_RANGE_END_BEFORE_RE = caseless(r"(?<![\w-])(?<!di\s)antara\s+[\d.,]+\s*(?:(?:unit|koperasi)\s+)?"
                                r"(?:hingga|sampai|dan|-)\s*$")
# The levels a count can be "per" or "setiap" of (`distributive`, `level_per_region`)
_REGION_LEVELS = r"(?:kecamatan|desa|kelurahan|kampung|nagari|kabupaten|kota|provinsi|daerah|wilayah)(?![\w-])"
# "di atas 10.000 unit per provinsi", "rata-rata 50 koperasi per kabupaten": what `distributive`
# reads before a count, said after it; dropped as soon as the number is found, so that it takes
# no status word from the counts of regions after it
_PER_REGION_AFTER_RE = caseless(rf"\s*(?:unit|koperasi)?\s*per\s+{_REGION_LEVELS}")


def _bound_of_a_range(text: str, number: NumberMention) -> bool:
    before = text[max(0, number.start - 40):number.start]
    return bool(_RANGE_END_BEFORE_RE.search(before)
                or _RANGE_START_BEFORE_RE.search(before) and _RANGE_START_AFTER_RE.match(text, number.end))


def _level_per_region(text: str, number: NumberMention) -> bool:
    return bool(_PER_REGION_AFTER_RE.match(text, number.end))


# "bunga KSP kepada anggotanya hanya dua persen", "10% dari total populasi Indonesia": a rate of
# interest, or a share of the people, not of cooperatives
_INTEREST_BEFORE_RE = caseless(r"(?<![\w-])(?:suku\s+)?bunga(?![\w-])[^\d.;:]{0,60}$")
_SHARE_OF_PEOPLE_AFTER_RE = caseless(r"\s*(?:%|persen)?\s*dari\s+(?:total\s+|jumlah\s+|seluruh\s+)?"
                                     r"(?:populasi|penduduk)(?![\w-])")
# "bunga rendah, 40 persen dari total koperasi": a share the text says is of cooperatives
_OF_COOPERATIVES_AFTER_RE = caseless(r"\s*(?:%|persen)?\s*(?:dari\s+(?:total\s+|jumlah\s+|seluruh\s+)?)?"
                                     r"(?:koperasi|kop|ksp|kud|unit)(?![\w-])")


def _rate_or_share_of_people(text: str, number: NumberMention) -> bool:
    after = text[number.end:number.end + 40]
    return bool(_SHARE_OF_PEOPLE_AFTER_RE.match(after) or (
        _INTEREST_BEFORE_RE.search(text[max(0, number.start - 70):number.start])
        and not _OF_COOPERATIVES_AFTER_RE.match(after)))


# "bisa naik menjadi 65 persen", "diharapkan mencapai 500 unit": a value hoped for, not counted.
_HOPED_FOR_BEFORE_RE = caseless(
    r"(?<![\w-])(?:bisa|dapat|mampu|harus|diharapkan|diupayakan|ditargetkan)\s+(?:naik|turun|meningkat"
    r"|menurun|bertambah|berkurang|mencapai|menjadi)(?:\s+(?:menjadi|hingga|ke|sampai))?\s+$")
_OTHER_CATEGORY_RE = caseless(
    r"(?<![\w-])(?:umkm|ukm|ikm|usaha\s+mikro|wirausaha|pelaku\s+usaha|bumdes|perusahaan|lpd|bpr|bmt|bank"
    r"|lembaga\s+(?:perkreditan|keuangan))(?![\w-])")
# "setiap kecamatan memiliki satu KUD": a count per something, not a total.
_DISTRIBUTIVE_RE = caseless(rf"(?<![\w-])(?:setiap|tiap(?:-tiap)?|per)\s+{_REGION_LEVELS}")
_EXCLUDING_RE = caseless(r"(?<![\w-])(?:di\s+luar|selain|kecuali|tidak\s+termasuk|belum\s+termasuk)(?![\w-])")
# "dengan 127 koperasi melaksanakan RAT", "53 koperasi aktif baru 21 koperasi yang telah melaksanakan
# RAT": another count of cooperatives, whose own predicate follows it; not "45 koperasi dengan 12.000
# anggota telah melaksanakan RAT"
_ASIDE_RE = caseless(r"(?<![\w-])(?:dengan\s+(?:jumlah|total)|(?:dan|serta)\s+diharapkan)(?![\w-])"
                     r"|(?:,|(?<![\w-])(?:dan|sedangkan|sementara(?:\s+itu)?|adapun))\s*(?:sisanya|selebihnya)(?![\w-])"
                     r"|(?<![\w-])(?:dengan|baru|hanya|tinggal|cuma)\s+(?:sebanyak\s+)?(?=\d[\d.,]*\s+"
                     r"(?:(?:unit\s+)?(?:koperasi|KSP|KUD|KSU|KSPPS)|di\s*antaranya)(?![\w-]))")
_HEDGE_BEFORE_RE = caseless(r"(?:hanya|cuma|tinggal|baru|sekitar|kurang\s+lebih|lebih\s+dari"
                            r"|sebanyak|berjumlah|mencapai|ada|terdapat|yakni|yaitu)\s+$")
_SUPERVISED_SCOPES = (Scope.PROVINCE_SUPERVISED, Scope.NATIONAL_SUPERVISED)


# --- as soon as a number is found -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NonCount:
    """A number that is no count of cooperatives: it matches when its unit is one of `units`,
    a given pattern matches (`before`: searched in the 30 characters before the number;
    `after`: matched at the 20 after it; either will do) and `when` holds."""

    name: str
    reason: str
    example: str
    units: tuple[Unit, ...] = (Unit.COUNT,)
    before: CaselessPattern | None = None
    after: CaselessPattern | None = None
    when: Callable[[str, NumberMention], bool] | None = None

    def matches(self, text: str, number: NumberMention, unit: Unit, around: tuple[str, str] | None = None) -> bool:
        """`around`: `window(text, number)`, when the caller has it already."""
        if unit not in self.units:
            return False
        if self.before is not None or self.after is not None:
            before, after = around or window(text, number)
            if not ((self.before is not None and self.before.search(before))
                    or (self.after is not None and self.after.match(after))):
                return False
        return self.when is None or self.when(text, number)


def window(text: str, number: NumberMention) -> tuple[str, str]:
    """The 30 characters before a number and the 20 after it, where `NonCount` looks."""
    return text[max(0, number.start - 30):number.start], text[number.end:number.end + 20]


def _is_year(text: str, number: NumberMention) -> bool:
    """"pada 2022 koperasi di daerah itu ..." is a year too, though a cooperative follows it."""
    return 1945 <= number.value <= 2100 and "." not in number.text and (
        head_noun(text, number) != "cooperative"
        or bool(_PERIOD_BEFORE_RE.search(text[max(0, number.start - 30):number.start])))


_CODE_BEFORE_RE = re.compile(r"(?<![A-Za-z])[A-Z]{1,4}$")


def _glued_to_a_code(text: str, start: int) -> bool:
    """`SP3`, `KSP3`, `PMK10`: a number glued to one to three capitals is part of a code, and to
    four outside a line of capitals; not a word run into it there (`CAPAI2.500 UNIT`, `AKTIF301`)."""
    glued = _CODE_BEFORE_RE.search(text, max(0, start - 5), start)
    if glued is None:
        return False
    if len(glued.group()) <= 3:
        return True
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) < len(letters) / 2


def _inside_a_place_name(text: str, number: NumberMention) -> bool:
    """"Kepulauan Seribu", "Kabupaten Lima Puluh Kota": a number word that is part of a region's
    name. Only capitalised words are looked up (names are), so the gazetteer is rarely asked."""
    if not number.text[:1].isupper():
        return False
    return any(m.start <= number.start and number.end <= m.end for m in default_gazetteer().find(text))


# Indonesia never had more cooperatives than this (212 570 registered in 2014, its most): a larger
# count is an amount ("volume usaha sebesar 1,7 triliun") or counts something else.
MOST_COOPERATIVES = 300_000

# In order: the first that matches drops the number. A percentage meets only those whose units name it.
NON_COUNTS: tuple[NonCount, ...] = (
    NonCount("value_hoped_for", "a value hoped for", "diharapkan naik menjadi 70 persen",
             units=(Unit.COUNT, Unit.PERCENT), before=_HOPED_FOR_BEFORE_RE),
    NonCount("change_amount", "a change, not a level", "bertambah sebesar 203, naik 10 persen",
             units=(Unit.COUNT, Unit.PERCENT), before=_CHANGE_BEFORE_RE),
    NonCount("percent_over_100", "percent over 100", "naik 150 persen", units=(Unit.PERCENT,),
             when=lambda text, number: number.value > 100),
    NonCount("rate_or_share_of_people", "a rate of interest or a share of the people",
             "bunga pinjaman dua persen, 10% dari total populasi", units=(Unit.PERCENT,),
             when=_rate_or_share_of_people),
    NonCount("part_of_a_place_name", "part of a place name", "Kepulauan Seribu, Kabupaten Lima Puluh Kota",
             when=_inside_a_place_name),
    NonCount("reference_amount_or_date", "reference, amount or date", "UU Nomor 25, Rp 1,5 juta, ke-76",
             before=lx.NOT_A_COUNT_BEFORE_RE),
    NonCount("part_of_a_code", "part of a code", "SP3, KUR2, PMK10", units=(Unit.COUNT, Unit.PERCENT),
             when=lambda text, number: _glued_to_a_code(text, number.start)),
    NonCount("date_number", "date", "Senin (13/6/2022), 17 Agustus", before=_DATE_BEFORE_RE, after=_DATE_AROUND_RE),
    NonCount("salah_satu", "salah satu", "salah satu koperasi", before=_SALAH_SATU_RE,
             when=lambda text, number: number.value == 1),
    NonCount("attendance", "attendance", "diikuti 45 koperasi", before=_ATTENDED_BY_RE),
    NonCount("programme_name", "a programme's name", "Gerakan Lima Ribu Koperasi", before=_PROGRAMME_BEFORE_RE),
    NonCount("one_per_place", "one per place, a slogan", "satu desa satu koperasi", before=_ONE_PER_PLACE_BEFORE_RE,
             when=lambda text, number: number.value == 1),
    NonCount("upper_bound", "an upper bound", "di bawah 100 unit", before=_UPPER_BOUND_BEFORE_RE),
    NonCount("range_bound", "a bound of a range", "antara 1.000 hingga 5.000 unit", when=_bound_of_a_range),
    NonCount("level_per_region", "a level per region", "di atas 10.000 unit per provinsi", when=_level_per_region),
    NonCount("fraction_of_a_count", "fraction of a count", "1,5 koperasi",
             when=lambda text, number: number.value != int(number.value)),
    NonCount("year_number", "year", "sejak tahun 2019, pada 2023 koperasi ...", when=_is_year),
    NonCount("more_than_indonesia_had", f"more cooperatives than Indonesia ever had (under {MOST_COOPERATIVES:,})",
             "volume usaha tercatat sebesar 1,7 triliun", when=lambda text, number: number.value > MOST_COOPERATIVES),
)
for _rule in NON_COUNTS:
    declare(_rule.name, family=__name__, sets=("rejected",), doc=f"{_rule.reason}: `{_rule.example}`")


def non_count(s: SentenceReading, reading: Reading) -> None:
    """The first rule of `NON_COUNTS` that matches drops the number."""
    around = window(s.text, reading.number)  # cut once for all the rules, not once per rule
    rule = next((rule for rule in NON_COUNTS if rule.matches(s.text, reading.number, reading.unit, around)), None)
    if rule is not None:
        reading.reject(rule.reason, rule.name)


@construction(sets=("rejected",))
def counts_something_else(s: SentenceReading, reading: Reading) -> None:
    """`45 orang`, `12.993 anggota`, `47.977 unit UMKM`: its head noun is not a cooperative."""
    if reading.head == "other":
        reading.reject("counts something else", "counts_something_else")


# "dari total koperasi Merah Putih, 5 koperasi beroperasi di ...": a whole without a number that
# is a kind the vocabulary has no type for; the counts after it are its parts
_SUBTYPE_WHOLE_RE = caseless(rf"(?:^\W*|[,;:]\s*|(?:menjelaskan|mengatakan|menyebutkan|menuturkan|menambahkan"
                             rf"|menyampaikan|mengungkapkan)\s+(?:bahwa\s+)?)"
                             rf"(?:dari|di\s+antara|diantara)\s+(?:total\s+|jumlah\s+|seluruh\s+)?"
                             rf"(?:{lx.SUBTYPE_NAME_RE.pattern})"
                             # up to the parts: no other cooperatives, no turn to another subject
                             rf"(?:(?!(?<![\w-])(?:koperasi|sedangkan|sementara|namun|apalagi|jumlah)(?![\w-]))[^\d])*"
                             rf"(?:sebanyak\s+|tercatat\s+|ada\s+)?$")


@construction(sets=("rejected",))
def subtype_named(s: SentenceReading, reading: Reading) -> None:
    """`koperasi subsektor peternakan 12 unit`, `Kopwan`: a kind of cooperative the vocabulary
    has no type for is named at the number, or is the whole the sentence takes it from
    (`dari total koperasi Merah Putih, 5 koperasi ...`)."""
    number = reading.number
    if reading.head == "subtype" or lx.SUBTYPE_WORD_RE.search(s.text[max(0, number.start - 40):number.end + 40]) \
            or _SUBTYPE_WHOLE_RE.search(s.text[:number.start], max(0, number.start - 120)):
        reading.reject("counts a kind of cooperative the vocabulary has no type for", "subtype_named")


def _category_before(masked: str, position: int) -> str | None:
    """The last category noun before a position: "cooperative", "subtype" or "other" (UMKM,
    BUMDes, ...) or None."""
    ends = {category: max((m.end() for m in pattern.finditer(masked, 0, position)), default=-1)
            for category, pattern in (("cooperative", COOP_WORD_RE), ("subtype", lx.SUBTYPE_NAME_RE),
                                      ("other", _OTHER_CATEGORY_RE))}
    if ends["subtype"] >= ends["cooperative"]:  # "koperasi peternakan" ends after its "koperasi"
        ends["cooperative"] = -1
    last = max(ends, key=lambda category: ends[category])
    return last if ends[last] >= 0 else None


@construction(sets=("rejected",))
def category_before(s: SentenceReading, reading: Reading) -> None:
    """A bare `N unit` counts what was named last: businesses (`25.000 unit UMKM ... 40 unit`)
    or a kind without a type (`Kopkar itu tersebar di Samarinda sebanyak 137 unit`)."""
    if reading.head not in ("unit", "none"):
        return
    category = _category_before(s.masked, reading.number.start)
    if category == "other":
        reading.reject("counts businesses, not cooperatives", "category_before")
    elif category == "subtype":
        reading.reject("counts a kind of cooperative the vocabulary has no type for", "category_before")


@construction(sets=("rejected",))
def cooperative_in_view(s: SentenceReading) -> None:
    """A sentence that names no cooperative, after none that had figures and under no heading,
    counts cooperatives only with its own noun (`Kabupaten Agam punya 40 koperasi`)."""
    if COOP_WORD_RE.search(s.masked) or s.previous or s.in_view:
        return
    for reading in s.live:
        if reading.head != "cooperative":
            reading.reject("no cooperative in view", "cooperative_in_view")
    s.refresh_live()


# --- once the other constructions have named what they can ---------------------------------


@construction(sets=("rejected",))
def distributive(s: SentenceReading, reading: Reading) -> bool:
    """`setiap kecamatan memiliki satu KUD`: a count per region, not a total."""
    clause = s.clauses[reading.clause]
    if _DISTRIBUTIVE_RE.search(s.text, clause.start, reading.number.start):
        reading.reject("a count per region, not a total", "distributive")
        return True
    return False


# A clause with no number of its own that opens (after adverbs) with a predicate that picks a subset:
# the predicate of the count before it ("terancam dibubarkan", "bakal dibubarkan", "izinnya dicabut",
# "belum melaksanakan RAT", "menerima bantuan modal"); not a noun that opens a subject of its own
# ("proses pendataan ...", "bantuan modal ...", "dana bergulir ..."), nor a plan or attention for
# them all ("akan dibina", "akan didata ulang", "mendapat perhatian serius")
_DISSOLVED = (r"(?:dibubarkan|membubarkan\s+diri|bubar|dibekukan|ditutup|dihapus\w*|dicabut\w*|dicoret|dinonaktifkan"
              r"|gulung\s+tikar|tutup)")
_OPENS_WITH_A_SUBSET_RE = caseless(
    r"\W*(?:(?:sudah|telah|kini|masih|pun|juga|saat\s+ini|akhirnya|bahkan|resmi|terpaksa|harus|segera|akan|bakal"
    r"|dipastikan|diusulkan|direkomendasikan|untuk)\s+)*"
    r"(?:terancam|berisiko|di\s+ambang|berpotensi\s+" + _DISSOLVED + "|" + _DISSOLVED +
    r"|(?:izin|badan\s+hukum)\w*\s+(?:sudah\s+|telah\s+)?(?:dicabut|dibekukan)"
    r"|(?:(?:belum|tidak|tak)\s+(?:pernah\s+|lagi\s+|juga\s+)?)?(?:melaksanakan|menggelar|menyelenggarakan)\s+rat"
    r"|belum\s+rat|(?:belum|tidak|tanpa)\s+(?:berbadan|badan)|(?:belum|tidak)\s+(?:terdaftar|terdata)"
    r"|(?:menerima|mendapat\w*|memperoleh)\s+(?:\w+\s+){0,2}?(?:bantuan|hibah|dana\w*|pinjaman|kredit|modal"
    r"|penghargaan|sertifikat|nik|predikat|insentif|sk)"
    r"|ditarget\w*|diperiksa|diaudit|diverifikasi|lolos|dinilai|bermasalah|terjerat)(?![\w-])")
# Only a time (`saat ini`, `tahun ini`, `hingga akhir 2023`) and a quantity word before a count that
# opens its clause as a bare subject
_BARE_SUBJECT_LEAD_RE = caseless(r"\W*(?:(?:hingga\s+|sampai\s+|per\s+|pada\s+)?"
                                 r"(?:saat\s+ini|kini|(?:akhir\s+)?(?:tahun\s+)?(?:ini|\d{4}))\W*)?"
                                 r"(?:(?:sebanyak|sekitar|kurang\s+lebih|lebih\s+dari|hampir|sedikitnya|setidaknya"
                                 r"|tak\s+kurang\s+dari)\s+)?")
# "1.000 koperasi yang terdaftar di ...": a total word in a relative clause only describes the subject
_RELATIVE_BEFORE_RE = caseless(r"(?<![\w-])yang\s+(?:(?:sudah|telah|masih|kini)\s+)?$")


def _subject_without_predicate(text: str, clause: Clause, reading: Reading) -> bool:
    """`Seribu koperasi di Sumatera Barat, ...`: the count opens its clause as its subject, and the
    clause says nothing of it (no `tercatat`, `berjumlah`, `memiliki`, ... but in a relative clause,
    `1.000 koperasi yang terdaftar di Sumatera Barat, terancam dibubarkan`): its predicate follows.
    Not `Jumlah koperasi di Kabupaten Agam tercatat 300 unit, proses pendataan ulang masih berjalan`."""
    return bool(_BARE_SUBJECT_LEAD_RE.fullmatch(text, clause.start, reading.number.start)) \
        and not any(not _RELATIVE_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
                    for m in lx.TOTAL_RE.finditer(text, reading.number.end, clause.end))


@construction(sets=("rejected",))
def subset_qualifier(s: SentenceReading, reading: Reading) -> bool:
    """`649 koperasi ... sudah menggelar RAT`, `30 KSP yang diperiksa`: a predicate that picks a
    subset the vocabulary cannot name, in the count's clause, a relative clause after an
    apposition, or the clause after a bare subject (`Seribu koperasi di Sumatera Barat, terancam
    dibubarkan`). What a count leaves out (`di luar Koperasi Merah Putih`), supervising words of a
    supervised scope and the predicate of the next count (`dan yang telah melaksanakan RAT sebanyak
    46 unit`) are not its qualifiers."""
    text, clause = s.text, s.clauses[reading.clause]
    spans = [clause]
    for index, c in enumerate(s.clauses[reading.clause + 1:], start=reading.clause + 1):
        words = text[c.start:c.end].strip().lower()
        if words.startswith("yang"):  # a relative clause after an apposition continues it
            spans.append(c)
            break
        if index not in s.numbered and _OPENS_WITH_A_SUBSET_RE.match(text, c.start) \
                and _subject_without_predicate(text, clause, reading):  # (the match may see past the clause's end)
            spans.append(c)  # "Seribu koperasi di Sumatera Barat, terancam dibubarkan, ...": its predicate
            break
        if lx.APPOSITION_RE.match(words):  # "8.026 koperasi atau 94,5 persen telah memperoleh SK"
            spans.append(c)
        elif words != "":
            break
    for span in spans:
        piece = text[span.start:span.end]
        topic = _TOPIC_BEFORE_RE.search(text, span.start, reading.number.start) if span == clause else None
        if topic and _GOAL_FRAME_RE.search(text, max(span.start, topic.start() - 30), topic.start()):
            topic = None  # "menargetkan jumlah koperasi sebanyak 4000an": a goal, not who reports
        if topic:  # "Kami memperoleh data ... jumlah koperasi yang terdaftar sebanyak 6301": the frame is no predicate
            piece = " " * (topic.start() - span.start) + piece[topic.start() - span.start:]
        excluded = _EXCLUDING_RE.search(text, max(span.start, reading.number.end), span.end)
        if excluded:  # "7.200 koperasi di luar Koperasi Merah Putih": what is left out does not qualify
            piece = piece[:excluded.start() - span.start]
        # "4.282 unit dengan jumlah anggota ... dengan total aset ...": attributes of them all;
        # "40 persen di antaranya nonaktif dan diharapkan akan kembali bangkit": a hope for them all;
        # "304 koperasi dengan 127 koperasi melaksanakan RAT": the predicate of the other count;
        # "152 koperasi dan selebihnya bermasalah": the predicate of the rest (not "35 koperasi
        # selebihnya belum menggelar RAT", where the count is the rest)
        aside = _ASIDE_RE.search(text, max(span.start, reading.number.end), span.end)
        if aside and aside.start() - span.start < len(piece):
            piece = piece[:aside.start() - span.start]
        # "yang aktif sebanyak 63 unit dan yang telah melaksanakan RAT sebanyak 46 unit": the predicate
        # of the next count; not before a number that counts nothing ("27 koperasi yang tidak aktif dan
        # yang tidak melaksanakan RAT selama tiga tahun": a year, a duration, members have no live
        # reading), nor before a whole ("dan yang tidak melaksanakan RAT ... dari total 300 koperasi")
        next_ones = lx.AND_THE_ONES_RE.search(text, max(span.start, reading.number.end), span.end)
        if next_ones and next_ones.start() - span.start < len(piece) \
                and any(next_ones.end() < other.number.start < span.end
                        and not PARENT_BEFORE_RE.search(text, max(0, other.number.start - 40), other.number.start)
                        and not _WHOLE_OR_COMPARED_RE.search(text, next_ones.end(), other.number.start)
                        for other in s.live):
            piece = piece[:next_ones.start() - span.start]
        all_but = lx.ALL_BUT_A_TYPE_RE.search(piece)
        if all_but:
            reading.reject(f"qualified by {all_but.group()!r}", "subset_qualifier")
            return True
        # "yang tercatat maupun tidak tercatat": all of them ("maupun" may open the count's clause)
        for both in _RECORDED_OR_NOT_RE.finditer(text, max(0, span.start - 40), span.end):
            lo, hi = max(both.start(), span.start) - span.start, min(both.end() - span.start, len(piece))
            if hi > lo:
                piece = piece[:lo] + " " * (hi - lo) + piece[hi:]
        piece = blanked(_OR_UNHEALTHY_RE, piece)  # "tidak aktif atau tidak sehat": the inactive ones
        piece = blanked(_FORMED_SO_FAR_RE, piece)  # "yang telah dibentuk di daerah ini": all there are
        for vocabulary in (lx.SCOPES, lx.STATUSES, lx.TYPES):  # named things are not qualifiers
            piece = vocabulary.blank(piece)
        if reading.scope in _SUPERVISED_SCOPES:  # "membina 58 koperasi ... kewenangan provinsi" states the scope
            piece = blanked(lx.SUPERVISING_RE, piece)
        found = (lx.SUBSET_QUALIFIER_RE.search(piece),
                 _closing_of_the_count(piece, reading.number.start - span.start, reading.number.end - span.start))
        match = min((m for m in found if m is not None), key=lambda m: m.start(), default=None)
        if match is None and reading.ctype is None:  # "152 unit ... di sektor keuangan atau KSP" names its type
            match = _line_of_business(piece, reading.number.start - span.start)
        if match:
            reading.reject(f"qualified by {match.group()!r}", "subset_qualifier")
            return True
    return False


# "menutup 27 koperasi", "27 koperasi ... ditutup": closing the counted ones, a subset like the
# dissolved ones; not "saat menutup Musda", "tidak aktif sejak pabrik ditutup", "akses jalan ... ditutup"
_CLOSING_BEFORE_RE = caseless(r"(?<![\w-])menutup(?=\s+(?:sebanyak\s+|sekitar\s+|setidaknya\s+|total\s+)?$)")
_CLOSED_RE = caseless(r"(?<![\w-])ditutup(?![\w-])")
_OTHER_SUBJECT_BETWEEN_RE = caseless(r"(?<![\w-])(?:sejak|setelah|sebelum|ketika|saat|karena|akibat|meski\w*|walau\w*"
                                     r"|sehingga|sementara|akses|jalan|kantor|pabrik|tambang|pasar)(?![\w-])")


def _closing_of_the_count(piece: str, number_start: int, number_end: int) -> re.Match[str] | None:
    """`menutup` right before the count, else `ditutup` after it with no other subject between
    (`27 koperasi ... ditutup oleh Kementerian`)."""
    closing = _CLOSING_BEFORE_RE.search(piece, 0, number_start)
    if closing is not None:
        return closing
    closed = _CLOSED_RE.search(piece, number_end)
    return closed if closed and not _OTHER_SUBJECT_BETWEEN_RE.search(piece, number_end, closed.start()) else None


# the counted noun, perhaps with its own modifiers, right before: "Koperasi yang bergerak di ...",
# "Jumlah koperasi di Kabupaten Agam yang bergerak di ...", "... koperasi yang aktif di bidang ..."
_COUNTED_NOUN_BEFORE_RE = caseless(r"(?<![\w-])koperasi(?![\w-])[^.,;:]{0,40}?(?:(?<![\w-])yang\s+(?:\w+\s+)?)?$")


def _line_of_business(piece: str, number: int) -> re.Match[str] | None:
    """A line of business (`lexicon.LINE_OF_BUSINESS_RE`) after the count, or before it as the
    counted noun's own (`Koperasi yang bergerak di bidang pertanian ... berjumlah 36 unit`, not
    `Kabupaten Agam yang unggul di sektor pertanian memiliki 300 koperasi`); never an office's
    division (`Kepala Seksi di Bidang Kelembagaan`, `Dinas Koperasi bidang Pengawasan`)."""
    for match in lx.LINE_OF_BUSINESS_RE.finditer(piece):
        if lx.OFFICE_BEFORE_RE.search(piece, max(0, match.start() - 30), match.start()):
            continue
        opens_the_clause = not piece[:match.start()].strip()  # "Di bidang pertanian terdapat 36 koperasi"
        if match.start() >= number or match.group().lower().startswith("koperasi") or opens_the_clause \
                or _COUNTED_NOUN_BEFORE_RE.search(piece, max(0, match.start() - 60), match.start()):
            return match
    return None


# A goal fronted as the sentence's topic, then a comma or colon: "Targetnya, di tahun ini, ...";
# what it sets is said by a modal after the number ("dapat aktif kembali").
_GOAL_TOPIC_RE = caseless(r"^\W*(?:target|sasaran|harapan|rencana)(?:nya|\s+(?:kami|kita))?\s*[,:]")
_MODAL_RE = caseless(r"(?<![\w-])(?:dapat|bisa|akan|mampu|harus|ditargetkan|diharapkan)(?![\w-])")


@construction(sets=("rejected",))
def goal_topic(s: SentenceReading, reading: Reading) -> bool:
    """`Targetnya, di tahun ini, sebanyak 125 koperasi dapat aktif kembali`: in a sentence that
    opens with its goal as the topic, a count that a modal follows (`dapat`, `akan`, ...) is the
    goal, not a count; the whole it is taken from (`dari 1.324 koperasi`) stays a fact."""
    match = _GOAL_TOPIC_RE.match(s.text)
    number = reading.number
    if match is None or not _MODAL_RE.search(s.text, number.end) \
            or PARENT_BEFORE_RE.search(s.text, max(0, number.start - 30), number.start):
        return False
    reading.reject(f"a goal ({match.group().strip(' ,:')!r})", "goal_topic")
    return True


# "317 koperasi yang telah dibentuk di daerah ini", "yang telah terbentuk hingga 2023": every one
# formed so far, not the new ones ("yang telah dibentuk pada 2023", "tahun ini" pick those)
_FORMED_SO_FAR_RE = caseless(r"(?<![\w-])yang\s+(?:telah|sudah)\s+(?:dibentuk|terbentuk|didirikan|berdiri)(?![\w-])"
                             r"(?!\s+(?:\S+\s+){0,3}?(?:pada|tahun|selama|sepanjang|dalam|bulan|baru)(?![\w-]))")
# "yang tercatat maupun tidak tercatat": recorded and unrecorded ones, all of them
_RECORDED_OR_NOT_RE = caseless(r"(?<![\w-])(?:yang\s+)?(?:sudah\s+|telah\s+)?(?:terdata|tercatat)"
                               r"\s+(?:dan|maupun|atau|serta)\s+"
                               r"(?:yang\s+)?(?:belum|tidak)\s+(?:terdata|tercatat)(?![\w-])")
# "dan yang sudah RAT dari total koperasi yang berjumlah 300 unit": a whole or a comparison ahead, not the next count
_WHOLE_OR_COMPARED_RE = caseless(r"(?<![\w-])(?:dari|di\s*antara|dibanding(?:kan)?|terhadap)(?![\w-])")
# "600 koperasi yang tidak aktif atau tidak sehat": a status put another way, not the healthy subset
_OR_UNHEALTHY_RE = caseless(rf"(?<=aktif){lx.OR_UNHEALTHY}")
# A goal verb right before "jumlah": "Pemprov menargetkan jumlah koperasi sebanyak 4000an" (a target);
# not the nouns "rencana", "target" of a document that reports ("Rencana Strategis ... jumlah koperasi")
# ("menargetkan peningkatan jumlah", "Target jumlah koperasi")
_GOAL_FRAME_RE = caseless(r"(?<![\w-])(?:(?:menargetkan|ditargetkan|merencanakan|berencana|direncanakan)"
                          r"(?:\s+[a-z]+){0,2}|target(?:nya)?)\s+$")
# "jumlah koperasi ..." / "jumlah KSP ..." before a count names what is counted; words before it
# (who reports it, whence the data came: "BPS mencatat", "kami memperoleh data") say nothing of them,
# unless it is a goal verb (`_GOAL_FRAME_RE`).
_TOPIC_BEFORE_RE = caseless(r"(?<![\w-])jumlah(?![\w-])(?!.*(?<![\w-])jumlah(?![\w-]))")


_SUBSET_RULES = frozenset({"subset_qualifier", "restrictive_relative_clause"})


@construction(sets=("rejected",))
def series_of_a_subset(s: SentenceReading, reading: Reading) -> bool:
    """`405 koperasi yang menggelar RAT, meningkat menjadi 437 koperasi pada 2017`: a value that
    continues a series (`series_continued`) measures what its first value measures, so a series
    begun by a subset the vocabulary cannot name is that subset at every time."""
    if not reading.continues:
        return False
    index = s.live.index(reading)
    previous = s.live[index - 1] if index > 0 else None
    if previous is None or previous.rejected is None or previous.rejected_by not in _SUBSET_RULES | {"series_of_a_subset"}:
        return False
    reading.reject(f"continues a series of a subset ({previous.rejected})", "series_of_a_subset")
    return True


def _describes_the_noun(between: str) -> bool:
    """Whether the words between a count's noun and `yang` leave the relative clause to it."""
    for vocabulary in (lx.TYPES, lx.SCOPES):
        between = vocabulary.blank(between)
    return not lx.PLACE_PHRASE_RE.sub(" ", between).strip()


@construction(sets=("rejected",))
def restrictive_relative_clause(s: SentenceReading, reading: Reading) -> bool:
    """`96 koperasi yang kami datangi`: a relative clause on the count picks a subset, unless it
    names a status, type or scope or only says the cooperatives exist, are registered, are
    located somewhere or were formed so far (`yang terdaftar`, `yang berkedudukan di ...`, `yang
    telah dibentuk di daerah ini`)."""
    clause = s.clauses[reading.clause]
    relative = lx.RELATIVE_AFTER_COUNT_RE.match(s.text, reading.number.end, clause.end)
    if relative and reading.unit == Unit.COUNT and _describes_the_noun(s.text[relative.start("between"):
                                                                           relative.end("between")]):
        predicate = relative["predicate"].strip()
        named = any(vocabulary.find(predicate) for vocabulary in (lx.STATUSES, lx.TYPES, lx.SCOPES))
        if not named and not lx.WHOLE_PREDICATE_RE.search(" ".join(predicate.split()[:3])) \
                and not _FORMED_SO_FAR_RE.match(f"yang {predicate}"):  # "yang telah dibentuk di daerah ini"
            reading.reject(f"restricted by a relative clause: 'yang {predicate}'", "restrictive_relative_clause")
            return True
    return False


_BRACKETED_AFTER_RE = re.compile(r"[^\d()]{0,40}\(\s*")  # "67.157 anggota laki-laki (" before a share


@construction(sets=("rejected",))
def share_of_something_else(s: SentenceReading, reading: Reading) -> bool:
    """`67.157 anggota laki-laki (61,5 persen)`: a share in brackets after a number that counts
    something else (members, people) is a share of that, whatever status the clause names."""
    if reading.unit != Unit.PERCENT:
        return False
    index = s.readings.index(reading)
    before = s.readings[index - 1] if index > 0 else None
    if before is None or before.rejected_by != "counts_something_else" \
            or not _BRACKETED_AFTER_RE.fullmatch(s.text, before.number.end, reading.number.start):
        return False
    reading.reject("a share of what the number before it counts", "share_of_something_else")
    return True


# "15.000 di antaranya", "15 ribunya": a count of some of what the number before it counts
_SOME_OF_THE_BEFORE_RE = caseless(r"\s*(?:di\s*antara|dari)nya(?![\w-])")
# between two parts of one list: "300 di antaranya aktif dan 150 tidak aktif"
_NEXT_PART_RE = caseless(rf"[^\d.;,]{{0,40}}?\s*{lx.LIST_SEPARATOR}")


@construction(sets=("rejected",))
def part_of_something_else(s: SentenceReading, reading: Reading) -> bool:
    """`beranggotakan 25 ribu orang, tetapi 15 ribunya sudah tidak aktif`: a count of some of
    what the number just before it counts (`di antaranya`, `-nya`) counts the same thing: when
    that is people or members, so is the part, whatever status the clause names. Also after a
    count of cooperatives before the members (`300 koperasi dengan 25 ribu anggota, 120 di
    antaranya`): which of the two it takes is unsaid, so it is held back, not guessed."""
    if reading.unit != Unit.COUNT or reading.head not in ("none", "unit"):
        return False
    index = s.readings.index(reading)
    before = s.readings[index - 1] if index > 0 else None
    if before is None:
        return False
    some_of = s.text[reading.number.start:reading.number.end].lower().endswith("nya") \
        or _SOME_OF_THE_BEFORE_RE.match(s.text, reading.number.end)
    # "300 di antaranya aktif dan 150 tidak aktif": the next part of the same list too, unless a
    # unit word says it counts cooperatives ("dan 150 unit tidak aktif")
    next_part = before.rejected_by == "part_of_something_else" and reading.head == "none" \
        and _NEXT_PART_RE.fullmatch(s.text, before.number.end, reading.number.start)
    if not (before.rejected_by == "counts_something_else" and some_of or next_part):
        return False
    reading.reject("a part of what the number before it counts", "part_of_something_else")
    return True


@construction(sets=("rejected",))
def unnamed_percentage(s: SentenceReading, reading: Reading) -> bool:
    """`Kontribusi koperasi baru 1,8 persen`: a share of neither a status nor a type."""
    if reading.unit == Unit.PERCENT and reading.status is None and reading.ctype is None:
        reading.reject("a percentage of nothing the vocabulary names", "unnamed_percentage")
        return True
    return False


def _named(reading: Reading) -> bool:
    return bool(reading.status or reading.ctype or reading.scope)


def part_named_by_region(s: SentenceReading, reading: Reading) -> bool:
    """A part that adds no status, type or scope to its whole (`Dari jumlah itu, Kabupaten Agam
    punya 300 unit`) can only be named by its region: `regional_part_of_whole` decides once
    regions are known. (A mark, not a construction: it sets no field.)"""
    if reading.parent is not None and not _named(reading):
        reading.regional_part = True
        return True
    return False


@construction(sets=("rejected",))
def others_of_unnamed_group(s: SentenceReading, reading: Reading) -> bool:
    """`30 koperasi lainnya`: the others of a group nothing names."""
    if not _named(reading) and lx.OTHER_RE.search(s.clause_text(reading)):
        reading.reject("the others of an unnamed group", "others_of_unnamed_group")
        return True
    return False


@construction(sets=("rejected",))
def bare_number(s: SentenceReading, reading: Reading) -> bool:
    """A number without a noun, a name or a word that makes it a total (`jumlahnya`, `sebanyak`)."""
    text, clause = s.text, s.clauses[reading.clause]
    if reading.head == "none" and not _named(reading) and not (
            lx.TOTAL_RE.search(text[clause.start:reading.number.start])
            or _HEDGE_BEFORE_RE.search(text[max(0, reading.number.start - 15):reading.number.start])):
        reading.reject("a bare number", "bare_number")
        return True
    return False
