"""Reading article files: strict UTF-8, optional `TITLE:`/`SOURCE:`/`DATE:` header.

An article file is plain text. It may open with header lines `TITLE:`, `SOURCE:` and `DATE:`
(in any order) closed by a blank line. The title stays part of the article text (headlines
restate figures); SOURCE and DATE are metadata. Every problem is reported with the file and line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_HEADER = re.compile(r"^(TITLE|SOURCE|DATE):[ \t]*(.*?)\s*$")
_HEADER_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
    raw = path.read_bytes()
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
    if date is not None and not _HEADER_DATE.match(date):
        line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("DATE:"))
        raise ArticleError(
            f"{path}: line {line_no}: DATE must be YYYY, YYYY-MM, YYYY-MM-DD or unknown, got {date!r}"
        )
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


def article_files(folder: Path) -> list[Path]:
    """The `*.txt` files of a folder, sorted by name (none when the folder does not exist)."""
    return sorted(p for p in folder.glob("*.txt") if p.is_file()) if folder.is_dir() else []


def read_articles(folder: Path) -> list[Article]:
    """Every `*.txt` article of a folder, sorted by file name. All files are read before any
    is returned, so one broken file stops the load before anything is written."""
    if not folder.is_dir():
        raise ArticleError(f"{folder}: the articles folder does not exist")
    paths = article_files(folder)
    if not paths:
        raise ArticleError(f"{folder}: no .txt article files found")
    errors: list[str] = []
    articles: list[Article] = []
    for path in paths:
        try:
            articles.append(read_article(path))
        except ArticleError as err:
            errors.append(str(err))
    if errors:
        raise ArticleError("\n".join(errors))
    return articles
