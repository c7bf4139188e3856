"""Reading article files: strict UTF-8, optional `TITLE:`/`SOURCE:`/`DATE:` header.

An article file is plain text. It may open with header lines `TITLE:`, `SOURCE:` and `DATE:`
(in any order) closed by a blank line. The title stays part of the article text (headlines
restate figures); SOURCE and DATE are metadata. Every problem is reported with the file and line.

Only regular files directly inside the articles folder are read: a symbolic link could make the
warehouse store any file of the machine (`/etc/passwd`), and a FIFO would hang the reader. A file
over MAX_ARTICLE_BYTES is refused before it is read: real articles are under 100 KB.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.domain.periods import period_problem

_HEADER = re.compile(r"^(TITLE|SOURCE|DATE):[ \t]*(.*?)\s*$")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")

# 2.5 times the 100 KB real articles stay under; the worst hostile text (all percent signs) costs about 100 s/MB
# to read even though reading is linear (tests/benchmarks/extraction_scaling.py), so at most ~27 s.
MAX_ARTICLE_BYTES = 256 * 1024


class ArticleError(ValueError):
    """An article file that cannot be loaded; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str  # the file stem
    file_name: str
    text: str  # the article as published: title line (if any) and body
    header_title: str | None
    header_source: str | None
    header_date: str | None  # ISO 8601 at the precision given, None for `unknown`
    sha256: str
    size_bytes: int


def read_article(path: Path) -> Article:
    raw = _read_regular_file(path)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_no = raw[: err.start].count(b"\n") + 1
        raise ArticleError(
            f"{path}: not valid UTF-8 at byte {err.start} (line {line_no}); "
            "save the file as UTF-8 and load again"
        ) from None
    if not content.strip():
        raise ArticleError(f"{path}: the file is empty")
    if "\x00" in content:
        line_no = content[: content.index("\x00")].count("\n") + 1
        raise ArticleError(f"{path}: NUL byte at line {line_no}; this is not a text file")

    lines = content.splitlines()
    headers: dict[str, str] = {}
    body_start = 0
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            break
        key, value = match.groups()
        if key in headers:
            raise ArticleError(f"{path}: line {number}: header {key}: given twice")
        headers[key] = value
        body_start = number
    if headers:
        if body_start < len(lines) and lines[body_start].strip():
            raise ArticleError(
                f"{path}: line {body_start + 1}: the header lines must be followed by a blank line"
            )
        body = "\n".join(lines[body_start + 1 :])
    else:
        body = content

    date = headers.get("DATE") or None
    if date is not None and date.lower() == "unknown":
        date = None
    if date is not None and (problem := period_problem(date)):
        line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("DATE:"))
        raise ArticleError(f"{path}: line {line_no}: DATE must be YYYY, YYYY-MM, YYYY-MM-DD or unknown: {problem}")
    title = headers.get("TITLE") or None
    text = f"{title}\n\n{body}" if title else body
    if not text.strip():
        raise ArticleError(f"{path}: the article has a header but no text")

    return Article(
        article_id=path.stem,
        file_name=path.name,
        text=text,
        header_title=title,
        header_source=headers.get("SOURCE") or None,
        header_date=date,
        sha256=hashlib.sha256(raw).hexdigest(),
        size_bytes=len(raw),
    )


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_ARTICLE_BYTES; never follows a link, never
    waits on a FIFO."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as err:
        if path.is_symlink():
            raise ArticleError(f"{path}: a symbolic link; only regular files inside the folder are read") from None
        raise ArticleError(f"{path}: cannot be read ({err.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(f"{path}: not a regular file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: {info.st_size:,} bytes, over the limit of {MAX_ARTICLE_BYTES:,} "
                               "(real articles are under 100 KB); split it or check what it is")
        raw = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:  # grew while being read
        raise ArticleError(f"{path}: over the limit of {MAX_ARTICLE_BYTES:,} bytes")
    return raw


@dataclass(frozen=True, slots=True)
class RejectedFile:
    """A file of the articles folder that is not loaded, and why (naming the file and line)."""

    file_name: str
    reason: str


def scan_folder(folder: Path) -> tuple[list[Path], list[RejectedFile]]:
    """The `*.txt` entries of a folder, sorted by name: the regular files to read, and the
    entries refused without opening them (links, folders, FIFOs, names with control characters)."""
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    rejected: list[RejectedFile] = []
    # os.scandir: each entry's type comes with its name (at 20 000 articles 0.13 s, where Path.glob
    # and a stat per file took 0.37 s)
    with os.scandir(folder) as entries:
        found = sorted((entry for entry in entries if entry.name.endswith(".txt")), key=lambda entry: entry.name)
    for entry in found:
        path = folder / entry.name
        if entry.is_symlink():
            rejected.append(RejectedFile(path.name, f"{path}: a symbolic link; only regular files "
                                                    "inside the folder are read"))
        elif not entry.is_file():
            rejected.append(RejectedFile(path.name, f"{path}: not a regular file"))
        elif _UNPRINTABLE.search(path.name):
            rejected.append(RejectedFile(path.name, f"{str(path)!r}: the file name has control characters; "
                                                    "rename it (the name is the article id)"))
        else:
            files.append(path)
    return files, rejected


def article_files(folder: Path) -> list[Path]:
    """The `*.txt` regular files of a folder, sorted by name (none when it does not exist)."""
    return scan_folder(folder)[0]


@dataclass(frozen=True)
class FolderLoad:
    articles: list[Article]  # sorted by file name
    rejected: list[RejectedFile]
    standing: list[str] = field(default_factory=list)  # regular files not read: `stands` vouched for them


def read_articles(folder: Path, stands: Callable[[Path], bool] | None = None) -> FolderLoad:
    """Every readable `*.txt` article of a folder, and the files that cannot be loaded, each with
    a reason naming it (and its line). One bad file never stops the others. A regular file for
    which `stands` is true is not read (its article as loaded before stands: the caller knows
    its bytes are unchanged); it is listed in `standing`."""
    if not folder.is_dir():
        raise ArticleError(f"{folder}: the articles folder does not exist")
    paths, rejected = scan_folder(folder)
    if not paths and not rejected:
        raise ArticleError(f"{folder}: no .txt article files found")
    articles: list[Article] = []
    standing: list[str] = []
    for path in paths:
        if stands is not None and stands(path):
            standing.append(path.name)
            continue
        try:
            articles.append(read_article(path))
        except ArticleError as err:
            rejected.append(RejectedFile(path.name, str(err)))
    return FolderLoad(articles, sorted(rejected, key=lambda r: r.file_name), standing)
