"""Which region a figure is about, as a reader of the whole article would tell (the list of
regions that exist is `domain/official_regions.py`).

Names are found once per article (`Gazetteer.find`) and resolved in the article's context:
- an abbreviation the article defines in brackets (`Halmahera Utara (Halut)`) is a name
  for the rest of the article, the headline included;
- a district counts only inside a regency the article names; an epithet (`Banua`) only when
  its region is named too; among equal names the one related to the article's other
  regions wins, then the province before the regency before the city;
- a name after `Sungai`, `Universitas`, `Bank`, ... names something else, not a region;
- a province that only locates the region before it (`Kota Banjarbaru, Kalimantan Selatan`;
  also a regency the list does not know, `Kabupaten Bueleleng, Bali`),
  a place somebody spoke at (`di Manado, Senin`), a neighbour named in a relative clause
  (`Kota Medan yang bertetangga dengan Deli Serdang`), the supervisor of cooperatives
  (`kewenangan Pemprov Jawa Tengah`), the place a region named just before is compared within
  (`Jawa Timur ... terbanyak di Indonesia`) and a headline region the body never names nor names a
  region of (`Hulu Kapuas` over a body about Kapuas Hulu) are not subjects.
A figure takes the region its own phrase names (`111 koperasi di Lampung Barat`, `se-Kalsel`,
`di seluruh Indonesia`; not `di provinsi termuda di Indonesia`, nor a place after `dan`), else
the nearest region named before it in its sentence, else Indonesia when the sentence says
`secara nasional`, else the region the text is about (in an article that names none, its
dateline's, or the nation's where the ministry of cooperatives speaks). Regions listed before
`masing-masing` pair up with the numbers after it, in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from dagster_project.domain.caseless import CaselessPattern, caseless
from dagster_project.domain.extraction.construction import construction, declare
from dagster_project.domain.extraction.gazetteer import (
    INDONESIA,
    Candidate,
    Gazetteer,
    Mention,
    name_key,
)
from dagster_project.domain.extraction.lexicon import (
    AREA_WITHOUT_CODE_RE,
    MONTH_RE,
    SUPERVISION_WORDS,
)
from dagster_project.domain.extraction.text import Sentence
from dagster_project.domain.official_regions import DISTRICT_TYPES

_ABBREVIATION_AFTER_RE = re.compile(r"^\s*\(\s*([A-Z][A-Za-z]{1,12})\s*\)")
# Between a region and the larger one that locates it ("Banjarbaru, Kalimantan Selatan"), also
# after an abbreviation in brackets read as a name itself ("Kotawaringin Timur (Kotim), Provinsi ...")
_LOCATOR_GAP_RE = caseless(r"^\)?[\s,]*(?:\([^)]{0,20}\)[\s,]*)?(?:provinsi\s+|prov\.?\s+|\(\s*)?$")
# "di Medan, Kamis" and "di Jakarta (26/1)": where something was said, by its day or date; not
# "terkecil di Kalimantan Utara (476 unit)", where the parenthesis holds the place's figure
_SPEAKING_PLACE_RE = caseless(r"^\s*,?\s*(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b"
                              r"|^\s*\(\s*\d{1,2}\s*[/.-]\s*\d{1,2}\b"
                              rf"|^\s*\(\s*\d{{1,2}}\s+(?:{MONTH_RE})(?![\w-])")
# "saat dihubungi dari Payakumbuh": where the reporter reached the speaker, not what is counted
_CONTACTED_FROM_BEFORE_RE = caseless(r"(?<![\w-])(?:dihubungi|ditelepon|dikonfirmasi)\s+dari\s+$")
_FOLLOWING_LINK_RE = caseless(r"(?:^|[\s(])(?:di|se|dari|oleh|wilayah|daerah|kawasan)[\s-]*"
                              r"(?:seluruh\s+)?(?:(?:provinsi|kabupaten|kota)\s+)?$")
# "Kota Medan yang bertetangga dengan Deli Serdang memiliki ...": a place in a relative clause
# on the place before it only describes that place.
_RELATIVE_GAP_RE = caseless(r"^\s*,?\s*yang\s+[^\d.,;:()]{0,50}$")
_FOLLOWING_WINDOW = 90
# "700 koperasi di provinsi termuda di Indonesia itu": the place is where the described one lies.
_DESCRIBED_PLACE_RE = caseless(r"(?<![\w-])(?:di|se)\s+(?:provinsi|kabupaten|kota|daerah|wilayah|kawasan)"
                               r"\s+[^\d]*?(?:di|se|dari)[\s-]*$")
# "terbanyak di Indonesia", "lebih kecil dibandingkan provinsi lainnya di Indonesia": the place a
# region named just before is compared within, not the one counted ("Jawa Timur ... terbanyak di
# Indonesia, 12.358 unit"). A place the region before is not within is the one counted ("Di DIY
# ... Koperasi paling banyak di Kabupaten Bantul sebanyak 500 unit").
_COMPARED_WINDOW = 150
_COMPARED_WITHIN_RE = caseless(
    r"(?:(?<![\w-])(?:ter(?:banyak|besar|tinggi|rendah|kecil|sedikit)|paling\s+(?:banyak|besar|tinggi|rendah|sedikit))"
    r"(?:\s+(?:kedua|ketiga|keempat|kelima))?|(?<![\w-])(?:dibanding(?:kan)?|ketimbang|daripada)(?:\s+dengan)?"
    r"\s+[^\d.,;:]{0,40}?)\s+(?:di|se)[\s-]*(?:seluruh\s+)?$")
# "27 koperasi binaan provinsi dan sebagian besar berkantor di Ternate": another clause's place.
_OTHER_CLAUSE_RE = caseless(r"[.;,]|(?<![\w-])(?:dan|serta|sedangkan|namun|tetapi)(?![\w-])")
# "Sungai Kapuas", "Universitas Lampung", "Bank Kalsel": a name of something else.
_FEATURE_BEFORE_RE = re.compile(r"(?<![\w-])(?:Sungai|Danau|Gunung|Bukit|Teluk|Selat|Jalan|Jl\.?|Bandara|Pelabuhan"
                                r"|Universitas|Bank|PT|CV|Hotel|Masjid|Stadion|Pasar|Rumah Sakit|RSUD)\s+$")
# "kewenangan Pemprov Jawa Tengah", "pembinaannya berada di Dinas PPKUKM Provinsi DKI Jakarta": the
# supervisor of the cooperatives, not where they are. Not after `diawasi` (as ever: with it, "120
# koperasi di Klaten diawasi oleh Dinas Koperasi Jawa Tengah, 30 unit tidak aktif" moves the 30).
_SUPERVISOR_BEFORE_RE = caseless(
    rf"(?<![\w-])(?:{'|'.join(w for w in SUPERVISION_WORDS if w != 'diawasi')})\s+(?:[a-z]+\s+){{0,3}}?"
    r"(?:pemerintah|pemprov|pemkab|pemkot|dinas|kementerian)(?![\w-])[^\d.,;]{0,40}$")
# "Pemkot Jayapura", "Wali Kota Bima": the office names the level where a regency and a city share
# a name (Kabupaten and Kota Jayapura); "Pemkab Bima", "Bupati Bima" name the regency. The office's
# short form may stand in brackets between: "Pemerintah Kota (Pemkot) Mojokerto" is the city.
_SHORT_FORM = r"(?:\s*\([^()]{1,12}\))?"
_LEVEL_NAMED_BY_OFFICE = (
    (caseless(rf"(?<![\w-])(?:pemkot|pemerintah\s+kota|wali\s*kota|walkot|dprd\s+kota){_SHORT_FORM}\s+$"), "kota"),
    (caseless(rf"(?<![\w-])(?:pemkab|pemerintah\s+kabupaten|bupati|dprd\s+kabupaten){_SHORT_FORM}\s+$"),
     "kabupaten"),
)
# A capitalised word before a district's name that does not announce it: the name goes on. Not
# a sentence's first word ("Disusul Mentaya Hulu dengan 43 unit"), capitalised as every first word is.
_INSIDE_A_NAME_RE = re.compile(r"(?<=[^\s.!?\"“‘(]\s)(?!(?:Kecamatan|Kec|Distrik|Kapanewon|Kemantren)\b)"
                               r"[A-Z][a-z]+\.?\s+$")
_DI_BEFORE_RE = re.compile(r"\bdi\s+$")  # "di Manado, Senin": where somebody spoke
_RESPECTIVELY_RE = caseless(r"(?<![\w-])masing-masing(?![\w-])")
_NATIONAL_SOURCE_RE = caseless(r"(?<![\w-])(?:kementerian|kemenkop\w*|menkop\w*|menteri|nasional|indonesia"
                               r"|pusat|bps)(?![\w-])")
_MINISTRY_RE = caseless(r"(?<![\w-])(?:kementerian\s+koperasi|kemenkop\w*|menkop\w*|menteri\s+koperasi)(?![\w-])")
_NATIONAL_RE = caseless(r"(?<![\w-])(?:secara|skala|tingkat|level)\s+nasional(?![\w-])")
# "Di Kabupaten Bueleleng, Bali terdapat 341 koperasi": a regency the region list does not know
# (misspelt, renamed, newly made); not a capitalised word that names none ("Kabupaten Dan Kota",
# "Pemerintah Kabupaten Serta Provinsi" in a headline). The word before is checked apart: a
# look-behind first would cost the search its literal prefix.
_NOT_A_REGENCY_NAME = ("Dan", "Atau", "Serta", "Maupun", "Hingga", "Sampai", "Ke", "Di", "Se", "Dari", "Dengan",
                       "Bersama", "Juga", "Pada", "Untuk", "Dalam", "Tingkat", "Tetangga", "Kota", "Yang", "Ini", "Itu",
                       "Tersebut", "Lain", "Lainnya")
_REGENCY_NAMED_RE = re.compile(rf"Kab(?:upaten|\.)?\s+(?!(?:{'|'.join(_NOT_A_REGENCY_NAME)})\b)[A-Z][a-z]+")
# The province that locates such a regency follows it on the same line, with nothing between
# but a comma, a bracket or the word "Provinsi": not across a line break (a headline, a list)
# nor a bracketed figure ("Kabupaten Bueleleng (341 unit), Bali (4.950 unit)").
_UNKNOWN_REGENCY_LOCATOR_GAP_RE = caseless(r"^(?:[ \t]*[,(][ \t]*|[ \t]+)(?:(?:provinsi|prov\.?)[ \t]*)?$")

declare("region_unknown", family=__name__, sets=("rejected",),
        doc="A figure no region of the article places (an article that names none) is dropped.")
declare("region_area_without_code", family=__name__, sets=("rejected",),
        doc="A figure placed in an area that has no region code (`4.150 koperasi di Soloraya`) is dropped.")
AREA_CODE = ""  # the code of an area without one: `is_area` tells it from a region


@dataclass(frozen=True, slots=True)
class ResolvedRegion:
    code: str
    name: str  # as the article writes it

    @property
    def is_area(self) -> bool:
        return self.code == AREA_CODE


@dataclass(frozen=True, slots=True)
class _Place:
    start: int
    end: int
    region: ResolvedRegion
    is_subject: bool  # False for locators and places of speech


class RegionReader:
    def __init__(self, gazetteer: Gazetteer, analysed: str, sentences: list[Sentence],
                 dateline: str = "") -> None:
        """`analysed` is the article as `text.mask_article` returns it; `dateline` the story's
        dateline (`KUPANG –`), which places figures only in an article that names no region."""
        self.gazetteer = gazetteer
        mentions = gazetteer.find(analysed)
        local = self._defined_abbreviations(analysed, mentions)
        if local:
            mentions = gazetteer.find(analysed, local)
        mentions = [m for m in mentions if not _FEATURE_BEFORE_RE.search(analysed, max(0, m.start - 20), m.start)]
        self.places = self._located_by_unknown_regencies(analysed, mentions, self._with_areas(
            analysed, self._unconfirmed_headline_places(self._resolve(analysed, mentions), sentences)))
        self._starts = [p.start for p in self.places]  # in text order: a sentence's places by bisection
        subjects = [p for p in self.places if p.is_subject]
        first_sentence_end = sentences[1].start if len(sentences) > 1 else len(analysed)
        lead = [p for p in subjects if p.start < max(first_sentence_end, 400)]
        self.topic: ResolvedRegion | None = (lead or subjects or [None])[0] and (lead or subjects)[0].region
        # a dateline says where a story was filed: it places figures only in an article that names
        # no region and no national body ("JAKARTA – Kementerian Koperasi mencatat ...")
        national = _NATIONAL_SOURCE_RE.search(analysed)
        self.dateline_region = None if subjects or national else self._dateline_region(dateline)
        self.topic = self.topic or self.dateline_region
        # "JAKARTA – Deputi Bidang Perkoperasian Kementerian Koperasi dan UKM ... 130.119 unit": an
        # article that names no region, in which the ministry speaks, is about the nation
        self.national_body = ResolvedRegion(INDONESIA.region_code, INDONESIA.region_name) \
            if not subjects and _MINISTRY_RE.search(analysed) else None
        self.topic = self.topic or self.national_body
        self.lead = self.topic  # what the article is about; `topic` follows the text

    @staticmethod
    def _with_areas(text: str, places: list[_Place]) -> list[_Place]:
        """The places with the areas that have no region code (`Soloraya`, `Pulau Jawa`): a region
        named inside one (`Bali` of `Jawa-Bali`) is part of the area's name."""
        areas = [_Place(m.start(), m.end(), ResolvedRegion(AREA_CODE, m.group()), True)
                 for m in AREA_WITHOUT_CODE_RE.finditer(text)]
        if not areas:
            return places
        kept = [p for p in places if not any(a.start <= p.start < a.end for a in areas)]
        # "di Kabupaten Klaten, Soloraya, ...": an area after a region only locates it
        areas = [replace(a, is_subject=False) if any(_LOCATOR_GAP_RE.match(text[p.end:a.start]) for p in kept
                                                       if p.end <= a.start) else a for a in areas]
        return sorted(kept + areas, key=lambda p: p.start)

    @staticmethod
    def _located_by_unknown_regencies(text: str, mentions: list[Mention], places: list[_Place]) -> list[_Place]:
        """A province right after a regency that no name of the region list covers only locates
        it (`Kabupaten Bueleleng, Bali`), and the regency is placed as an area without a code: its
        figures are not the province's, nor an earlier regency's of the sentence. A regency the list
        lacks without a province after it stays unplaced: a short form (`Kabupaten Anambas`) is
        often named in full elsewhere."""
        mention_starts = [m.start for m in mentions]  # in text order, not overlapping
        place_starts = [p.start for p in places]
        located, unknown = list(places), []
        for regency in _REGENCY_NAMED_RE.finditer(text):
            if regency.start() and (text[regency.start() - 1].isalnum() or text[regency.start() - 1] in "-_"):
                continue  # inside a word
            before = bisect_left(mention_starts, regency.end()) - 1  # the one mention that could cover it
            if before >= 0 and mentions[before].end > regency.start():
                continue
            after = bisect_left(place_starts, regency.end())
            if after < len(places) and "." not in places[after].region.code \
                    and places[after].region.code not in (INDONESIA.region_code, AREA_CODE) \
                    and _UNKNOWN_REGENCY_LOCATOR_GAP_RE.match(text[regency.end():places[after].start]):
                located[after] = replace(places[after], is_subject=False)
                unknown.append(_Place(regency.start(), regency.end(), ResolvedRegion(AREA_CODE, regency.group()), True))
        return sorted(located + unknown, key=lambda p: p.start) if unknown else located

    def _dateline_region(self, dateline: str) -> ResolvedRegion | None:
        """The place of a dateline: a city where a regency has the same name (stories are filed
        in cities), never a district; but the regency of a district named first ("Cibinong,
        Bogor -": the regency's seat, so Kabupaten Bogor, not Kota Bogor)."""
        seats: set[str] = set()  # the regencies of the districts named before
        for mention in self.gazetteer.find(dateline):
            candidates = [c for c in mention.candidates if c.region.region_type not in DISTRICT_TYPES]
            if candidates:
                chosen = next((c for c in candidates if c.region.region_code in seats), None) \
                    or next((c for c in candidates if c.region.region_type == "kota"), candidates[0])
                return ResolvedRegion(chosen.region.region_code, mention.text)
            seats.update(c.region.parent_code for c in mention.candidates if c.region.parent_code)
        return None

    def _unconfirmed_headline_places(self, places: list[_Place], sentences: list[Sentence]) -> list[_Place]:
        """A headline region that the body never names, nor any region within or around it,
        is a misreading of the headline (`Hulu Kapuas`, upstream on the river, is not
        Kabupaten Kapuas when the body is about Kapuas Hulu): not a subject."""
        title_end = max((s.end for s in sentences if s.is_title), default=0)
        body = {p.region.code for p in places if p.start >= title_end and p.is_subject}
        if not body:
            return places
        return [p if p.start >= title_end or not p.is_subject or any(self._related(p.region.code, code)
                                                                     for code in body)
                else replace(p, is_subject=False) for p in places]

    def _defined_abbreviations(self, text: str, mentions: list[Mention]) -> dict[str, tuple[Candidate, ...]]:
        local: dict[str, tuple[Candidate, ...]] = {}
        for mention in mentions:
            match = _ABBREVIATION_AFTER_RE.match(text[mention.end:mention.end + 20])
            if match and not self.gazetteer.candidates(match[1]):
                local[name_key(match[1])] = mention.candidates[:1]
        return local

    def _resolve(self, text: str, mentions: list[Mention]) -> list[_Place]:
        context = {code for code in map(self._unambiguous_region, mentions) if code is not None}
        related = self._relatives(context)
        places: list[_Place] = []
        previous: _Place | None = None
        for mention in mentions:
            before = text[max(0, mention.start - 40):mention.start]
            level = next((level for office, level in _LEVEL_NAMED_BY_OFFICE if office.search(before)), None)
            candidate = self._choose(mention, context, related, level)
            if candidate is None or candidate.region.region_type in DISTRICT_TYPES \
                    and _INSIDE_A_NAME_RE.search(text, max(0, mention.start - 30), mention.start):
                continue  # "di Pematang Raya": the end of another name, not the district Raya
            code = candidate.region.region_code
            gap = text[previous.end:mention.start] if previous else ""
            after = text[mention.end:mention.end + 12]
            is_subject = not (_SPEAKING_PLACE_RE.match(after) and _after_di(text, mention.start)
                              or _search_before(_CONTACTED_FROM_BEFORE_RE, text, mention.start, 30)
                              or _search_before(_SUPERVISOR_BEFORE_RE, text, mention.start, 80))
            if previous is not None and _search_before(_COMPARED_WITHIN_RE, text, mention.start, 70) \
                    and mention.start - previous.end < _COMPARED_WINDOW and self.gazetteer.is_within(previous.region.code, code):
                is_subject = False  # "Jawa Timur ... terbanyak di Indonesia"; not "paling banyak di Kabupaten Bantul"
            if previous is not None and _RELATIVE_GAP_RE.match(gap) \
                    and not self.gazetteer.is_within(code, previous.region.code):
                is_subject = False  # a neighbour, not a part: "Medan yang bertetangga dengan Deli Serdang"
            if previous is not None and _LOCATOR_GAP_RE.match(gap) and (
                    self.gazetteer.is_within(previous.region.code, code)
                    or self.gazetteer.was_within(previous.region.code, code) or (
                        previous.region.code == code and gap.strip().startswith("("))):
                is_subject = False  # "Banjarbaru, Kalimantan Selatan", "Jayawijaya, Papua" (2019), "Kota X (X)"
            place = _Place(mention.start, mention.end, ResolvedRegion(code, mention.text), is_subject)
            places.append(place)
            previous = place
        return places

    def _unambiguous_region(self, mention: Mention) -> str | None:
        """The region a mention can only mean, if one: its one candidate, or the one region whose
        districts are its others ("Bangli": the regency, or its district of the same name)."""
        regions = [c for c in mention.candidates if c.region.region_type not in DISTRICT_TYPES]
        if len(regions) != 1 or regions[0].needs_context or regions[0].priority > 3:
            return None
        code = regions[0].region.region_code
        if all(c is regions[0] or self.gazetteer.is_within(c.region.region_code, code) for c in mention.candidates):
            return code
        return None

    def _relatives(self, context: set[str]) -> set[str]:
        """Every code `_related` to one of `context`, bar the regions within them: the context and
        its ancestors. One set lookup per candidate instead of one test per context region."""
        return context.union(*(self.gazetteer.ancestors(code) for code in context))

    def _choose(self, mention: Mention, context: set[str], relatives: set[str],
                level: str | None = None) -> Candidate | None:
        def related(code: str) -> bool:  # within a context region, or one of them or above them
            return code in relatives or not context.isdisjoint(self.gazetteer.ancestors(code))

        allowed = []
        for candidate in mention.candidates:
            region = candidate.region
            if region.region_type in DISTRICT_TYPES and region.parent_code not in context:
                continue
            if candidate.needs_context and not related(region.region_code):
                continue
            allowed.append(candidate)
        if len(allowed) > 1:  # the level an office names first
            allowed.sort(key=lambda c: (c.region.region_type != level, not related(c.region.region_code),
                                        c.priority))
        return allowed[0] if allowed else None

    def _related(self, code: str, other: str) -> bool:
        return code == other or self.gazetteer.is_within(code, other) or self.gazetteer.is_within(other, code)

    def province_of(self, region: ResolvedRegion) -> ResolvedRegion:
        """The province of a regency, city or district (a province or Indonesia stays)."""
        chain = [region.code, *self.gazetteer.ancestors(region.code)]
        province = next((c for c in chain if c != "ID" and "." not in c), None)
        if province is None or province == region.code:
            return region
        return ResolvedRegion(province, self.gazetteer.regions[province].region_name)

    @construction("region_respectively", sets=("region",))
    def respective(self, sentence: Sentence, starts: list[int]) -> dict[int, ResolvedRegion]:
        """`Sigi dan Donggala masing-masing memiliki 301 dan 377 koperasi`: as many regions
        before `masing-masing` as numbers after it pair up in order (start -> region). When the
        regions before it outnumber those numbers, the ones after the last number before it:
        `Jawa Tengah memiliki 10.081 koperasi, sementara Sumatera Utara dan Jakarta masing-masing
        memiliki 5.311 unit dan 4.963 unit`."""
        match = _RESPECTIVELY_RE.search(sentence.analysed)
        if match is None:
            return {}
        after = [start for start in starts if start >= match.end()]
        places = [p for p in self._places_in(sentence.start, sentence.start + match.start()) if p.is_subject]
        if len(places) > len(after):
            since = max((start for start in starts if start < match.start()), default=0)
            places = [p for p in places if p.start >= sentence.start + since]
        if len(places) < 2 or len(places) != len(after):
            return {}
        return {start: place.region for start, place in zip(after, places, strict=True)}

    def names_a_place(self, sentence: Sentence) -> bool:
        return any(p.is_subject for p in self._places_in(sentence.start, sentence.end))

    def _places_in(self, start: int, end: int) -> list[_Place]:
        """The places that start in `start:end` (article offsets), in text order."""
        return self.places[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def _own_region(self, sentence: Sentence, end: int) -> ResolvedRegion | None:
        """The region the number's own phrase names after it (`111 koperasi di Lampung Barat`)."""
        absolute = sentence.start + end
        for place in self._places_in(absolute + 1, sentence.end):
            if place.is_subject:
                between = sentence.analysed[end:place.start - sentence.start]
                if place.start <= absolute + _FOLLOWING_WINDOW and _FOLLOWING_LINK_RE.search(between) \
                        and not _OTHER_CLAUSE_RE.search(between) and not _DESCRIBED_PLACE_RE.search(between):
                    return place.region
                return None
        return None

    def region_of(self, sentence: Sentence, start: int, end: int,
                  inherited: ResolvedRegion | None = None) -> ResolvedRegion | None:
        """The region of the number at `start:end` (offsets in the sentence)."""
        return self.locate(sentence, start, end, inherited)[0]

    @construction("region_named_after", "region_named_before", "region_national", "region_of_whole",
                  "region_article_topic", "region_dateline", "region_national_body", sets=("region",))
    def locate(self, sentence: Sentence, start: int, end: int,
               inherited: ResolvedRegion | None = None) -> tuple[ResolvedRegion | None, str]:
        """The region of a number and the construction that placed it: the region its own phrase
        names after it (`111 koperasi di Lampung Barat`: `region_named_after`), else the nearest
        named before it in its sentence (`region_named_before`), else Indonesia after `secara
        nasional` (`region_national`), else its whole's (`region_of_whole`), else the region the
        text is about (`region_article_topic`), which in an article that names no region is its
        dateline's (`region_dateline`), or the nation where the ministry of cooperatives speaks
        (`region_national_body`)."""
        own = self._own_region(sentence, end)
        if own is not None:
            return own, "region_named_after"
        inside = [p for p in self._places_in(sentence.start, sentence.end) if p.is_subject]
        before = [p for p in inside if p.end <= sentence.start + start]
        if before:
            return before[-1].region, "region_named_before"
        if _NATIONAL_RE.search(sentence.analysed, 0, end):  # "Secara nasional, ... 130.119 unit"
            return ResolvedRegion(INDONESIA.region_code, INDONESIA.region_name), "region_national"
        if inherited is not None:
            return inherited, "region_of_whole"
        if self.topic is not None and self.topic is self.dateline_region:
            return self.topic, "region_dateline"
        if self.topic is not None and self.topic is self.national_body:
            return self.topic, "region_national_body"
        return self.topic, "region_article_topic"


def _after_di(text: str, position: int) -> bool:
    """Whether the word `di` and whitespace end right before `position`, as `_DI_BEFORE_RE`
    finds them in `text[:position]`, without copying and scanning the text before every name."""
    start = position
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return bool(_DI_BEFORE_RE.search(text, max(0, start - 3), position))


def _search_before(pattern: CaselessPattern, text: str, position: int, window: int) -> re.Match[str] | None:
    """`pattern.search(text, position - window, position)` on a copy of that window only: a
    caseless search lower-cases the whole text it is given, once per name in an article of many.
    The window keeps one character before it for the pattern's look-behind."""
    lead = max(0, position - window - 1)
    return pattern.search(text[lead:position], max(0, position - window) - lead)
