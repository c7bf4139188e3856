"""Supervision: the cooperatives a province or the ministry supervises (their scope is read
with the other words, `lexicon.SCOPES`) are placed where their sentence or their whole places
them (`16 koperasi di Sragen yang menjadi kewenangan Pemprov`), else on the region the article
is about, and a count spread over several regencies is the province's.
"""

from __future__ import annotations

from dagster_project.domain.caseless import caseless
from dagster_project.domain.extraction.construction import construction
from dagster_project.domain.extraction.reading import Reading
from dagster_project.domain.extraction.region_reading import (
    RegionReader,
    ResolvedRegion,
)
from dagster_project.domain.extraction.text import Sentence
from dagster_project.domain.vocabulary import Scope

# "3.027 koperasi di 17 kabupaten/kota": a count spread over several regencies is a province's.
_OVER_REGENCIES_RE = caseless(
    r"[^\d.;]{0,40}?(?<![\w-])(?:di|se|pada)\s+(?:\d+|[a-z]+(?:\s+(?:belas|puluh(?:\s+[a-z]+)?))?)"
    r"\s+(?:kabupaten|kab\.?)(?:\s*/\s*|\s+dan\s+|\s+)kota(?![\w-])")
_PROVINCE_SCOPES = (Scope.PROVINCE_SUPERVISED, Scope.PROVINCE_LEVEL, Scope.NATIONAL_SUPERVISED)


@construction(sets=("region",))
def supervised_on_article_lead(regions: RegionReader, sentence: Sentence, reading: Reading,
                               region: ResolvedRegion, accepted: list[Reading]) -> ResolvedRegion:
    """Supervised cooperatives placed neither by their sentence nor by a whole in it (`Dari 521
    koperasi tersebut, 11 ...`) are those of the region the article is about, not of the last
    one it listed."""
    if reading.scope in _PROVINCE_SCOPES and not regions.names_a_place(sentence) \
            and not any(reading.parent is r for r in accepted):
        reading.trace.append(("region", "supervised_on_article_lead"))
        return regions.lead or region
    return region


@construction(sets=("region",))
def supervised_after_a_regency_count(regions: RegionReader, sentence: Sentence, reading: Reading,
                                     region: ResolvedRegion, region_by: str,
                                     accepted: list[Reading]) -> ResolvedRegion:
    """`Serta 111 koperasi di Kota Bima dan 112 koperasi binaan provinsi`: province-supervised
    cooperatives without a whole or a place of their own, placed only by the regency the count
    just before them names in its own phrase, are the province's (that regency is the other
    count's)."""
    if reading.scope != Scope.PROVINCE_SUPERVISED or region_by != "region_named_before" or reading.parent is not None:
        return region
    earlier = [r for r in accepted if r.number.end <= reading.number.start]
    record = regions.gazetteer.regions.get(region.code)
    if not earlier or _placed_by(earlier[-1]) != "region_named_after" or record is None \
            or record.region_type not in ("kabupaten", "kota") \
            or _PLACE_AFTER_RE.search(sentence.analysed, reading.number.end):
        return region
    reading.trace.append(("region", "supervised_after_a_regency_count"))
    return regions.province_of(region)


# "25 koperasi binaan Pemprov yang berdomisili di Kota Padang": a place of the count's own
_PLACE_AFTER_RE = caseless(r"^[^.;]{0,60}?(?<![\w-])(?:di|berdomisili|berada|berlokasi|berkedudukan)(?![\w-])")


def _placed_by(reading: Reading) -> str | None:
    return next((by for name, by in reversed(reading.trace) if name == "region"), None)


@construction(sets=("region",))
def province_of_regencies(regions: RegionReader, sentence: Sentence, reading: Reading,
                          region: ResolvedRegion) -> ResolvedRegion:
    """`3.027 koperasi di 17 kabupaten/kota`: a count spread over several regencies is the
    province's."""
    if _OVER_REGENCIES_RE.match(sentence.analysed, reading.number.end):
        reading.trace.append(("region", "province_of_regencies"))
        return regions.province_of(region)
    return region
