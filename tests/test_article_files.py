"""The articles folder: only regular files are read, each bad file is refused with its reason,
and the others are loaded (keeping what was loaded before from a file that broke since)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import query

from dagster_project import settings
from dagster_project.domain.extraction_plan import LoadedArticle, extract_articles
from dagster_project.assets.raw import ARTICLE_COLUMNS, raw_articles
from dagster_project.domain.articles import MAX_ARTICLE_BYTES, ArticleError, read_article, read_articles
from dagster_project.resources import Warehouse


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def reasons(folder: Path) -> dict[str, str]:
    return {r.file_name: r.reason for r in read_articles(folder).rejected}


def test_a_symbolic_link_is_refused_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "Ada 5 koperasi.")
    (tmp_path / "x.txt").symlink_to("/etc/passwd")
    (tmp_path / "y.txt").symlink_to(tmp_path / "good.txt")
    load = read_articles(tmp_path)
    assert [a.article_id for a in load.articles] == ["good"]
    assert all("root:" not in a.text for a in load.articles)
    assert reasons(tmp_path) == {
        "x.txt": f"{tmp_path / 'x.txt'}: a symbolic link; only regular files inside the folder are read",
        "y.txt": f"{tmp_path / 'y.txt'}: a symbolic link; only regular files inside the folder are read",
    }
    with pytest.raises(ArticleError, match="symbolic link"):
        read_article(tmp_path / "x.txt")


def test_folders_fifos_and_control_characters_in_names_are_refused_unopened(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "Ada 5 koperasi.")
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for ever
    write(tmp_path / "two\nlines.txt", "Ada 6 koperasi.")
    found = reasons(tmp_path)
    assert found["folder.txt"].endswith("folder.txt: not a regular file")
    assert found["pipe.txt"].endswith("pipe.txt: not a regular file")
    assert "the file name has control characters" in found["two\nlines.txt"]
    assert [a.article_id for a in read_articles(tmp_path).articles] == ["good"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(20 * MAX_ARTICLE_BYTES)  # sparse: 20 MB of nothing, never read
    write(tmp_path / "limit.txt", "Ada 5 koperasi. " + "x" * (MAX_ARTICLE_BYTES - 16))
    found = reasons(tmp_path)
    assert found == {"huge.txt": f"{tmp_path / 'huge.txt'}: {20 * MAX_ARTICLE_BYTES:,} bytes, over the limit of "
                                 f"{MAX_ARTICLE_BYTES:,} (real articles are under 100 KB); split it or check what it is"}


@pytest.mark.parametrize(("date", "problem"), [
    ("2024-13-45", "there is no month 13"),
    ("2024-00", "there is no month 0"),
    ("2023-02-29", "February 2023 has no day 29"),
    ("2024-04-31", "April 2024 has no day 31"),
    ("0000", "the year is not between 1900 and 2100"),
    ("9999-01-01", "the year is not between 1900 and 2100"),
    ("2024-1-5", "'2024-1-5' is not YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_an_impossible_header_date_names_file_and_line(tmp_path: Path, date: str, problem: str) -> None:
    path = write(tmp_path / "a.txt", f"TITLE: x\nSOURCE: y\nDATE: {date}\n\nAda 5 koperasi.")
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert str(error.value).startswith(f"{path}: line 3: DATE must be YYYY, YYYY-MM, YYYY-MM-DD or unknown")
    assert problem in str(error.value)


def test_real_dates_are_accepted(tmp_path: Path) -> None:
    for date in ("2024-02-29", "2024-12", "1998", "2024-12-31"):
        assert read_article(write(tmp_path / "a.txt", f"DATE: {date}\n\nAda 5 koperasi.")).header_date == date


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Ada 5 koperasi.")
    write(tmp_path / "b.txt", b"\xc3\x28 rusak")
    write(tmp_path / "c.txt", "Ada 7 koperasi.")
    load = read_articles(tmp_path)
    assert [a.article_id for a in load.articles] == ["a", "c"]
    assert [(r.file_name, "not valid UTF-8 at byte 0 (line 1)" in r.reason) for r in load.rejected] == [("b.txt", True)]


def test_a_file_broken_since_keeps_the_version_loaded_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, folder)
    monkeypatch.setenv(settings.ARTICLES_ENV, str(folder))
    warehouse = Warehouse(path=str(tmp_path / "w.duckdb"))
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    before = query(tmp_path / "w.duckdb", "select article_id, sha256, loaded_at from raw.articles order by 1")

    kalsel = folder / "001_cef1a415c8952276.txt"
    write(kalsel, kalsel.read_bytes() + b"\n\x80 rusak")
    write(folder / "005_new.txt", "Koperasi baru: ada 12 koperasi di Kota Solok.")
    (folder / "006_link.txt").symlink_to("/etc/passwd")
    result = dg.materialize([raw_articles], resources={"warehouse": warehouse}, raise_on_error=False)
    assert result.success
    check = result.get_asset_check_evaluations()[0]
    assert (check.check_name, check.passed, check.severity) == (
        "every_article_file_loads", False, dg.AssetCheckSeverity.WARN)

    after = query(tmp_path / "w.duckdb", "select article_id, sha256, loaded_at from raw.articles order by 1")
    assert [row[:2] for row in after if row[0] != "005_new"] == [row[:2] for row in before]
    kalsel_before = next(row for row in before if row[0] == kalsel.stem)
    assert kalsel_before in after  # the version loaded before, loaded_at included
    assert "005_new" in [row[0] for row in after]
    rejected = query(tmp_path / "w.duckdb", "select file_name, kept_previous_version, reason from raw.rejected_articles "
                                            "order by 1")
    assert [(name, kept) for name, kept, _ in rejected] == [("001_cef1a415c8952276.txt", True),
                                                            ("006_link.txt", False)]
    assert rejected[0][2].startswith(f"{kalsel}: not valid UTF-8 at byte")


def test_the_extractor_failing_on_one_article_reports_it_and_reads_the_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dagster_project.domain import parallel_extraction

    real = parallel_extraction.extract_figures

    def failing_on_b(article_id: str, text: str, date: str | None) -> list:
        if article_id == "b":  # stands in for an extractor bug met by one article
            raise RecursionError("maximum recursion depth exceeded")
        return real(article_id, text, date)

    monkeypatch.setattr(parallel_extraction, "extract_figures", failing_on_b)  # three articles: read in this process
    articles = [LoadedArticle(article_id, "Di Kabupaten Sleman terdapat 300 koperasi.", None, article_id * 64)
                for article_id in ("a", "b", "c")]
    result = extract_articles(articles, "v1", datetime(2026, 1, 1, tzinfo=UTC))
    assert result.extracted == ["a", "c"]
    assert [row[0] for row in result.figure_rows] == ["a", "c"]
    assert [(row[0], row[3]) for row in result.failure_rows] == [
        ("b", "RecursionError: maximum recursion depth exceeded")]
    assert [row[0] for row in result.article_rows] == ["a", "c"]  # b is read again next run



def test_an_unchanged_file_keeps_the_time_its_version_was_first_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, folder)
    monkeypatch.setenv(settings.ARTICLES_ENV, str(folder))
    warehouse = Warehouse(path=str(tmp_path / "w.duckdb"))
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    before = dict(query(tmp_path / "w.duckdb", "select article_id, loaded_at from raw.articles"))

    edited = folder / "002_82492c8ef8a6e8c6.txt"
    write(edited, edited.read_text(encoding="utf-8") + "\nTambahan.")
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    after = dict(query(tmp_path / "w.duckdb", "select article_id, loaded_at from raw.articles"))

    assert after[edited.stem] > before[edited.stem]  # a new version: loaded now
    assert {k: v for k, v in after.items() if k != edited.stem} == {
        k: v for k, v in before.items() if k != edited.stem}


def test_a_row_an_older_loader_wrote_differently_is_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are compared whole, not by the file's sha256: the same bytes read by a new loader
    (another text, title or date) must reach the warehouse."""
    monkeypatch.setenv(settings.ARTICLES_ENV, str(settings.DEFAULT_ARTICLES_DIR))
    warehouse = Warehouse(path=str(tmp_path / "w.duckdb"))
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    article = "002_82492c8ef8a6e8c6"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:  # as an older loader might have read it
        con.execute("update raw.articles set text = upper(text), header_title = 'old' where article_id = ?", [article])
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    rows = dict(query(tmp_path / "w.duckdb", "select article_id, header_title from raw.articles"))
    expected = read_article(settings.DEFAULT_ARTICLES_DIR / f"{article}.txt")
    assert rows[article] == expected.header_title != "old"
    text = query(tmp_path / "w.duckdb", f"select text from raw.articles where article_id = '{article}'")[0][0]
    assert text == expected.text


def test_a_raw_table_of_an_older_shape_is_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are merged by key only into a table of exactly their columns; one an older version
    wrote (a column fewer, another order) is replaced whole, never filled by position."""
    monkeypatch.setenv(settings.ARTICLES_ENV, str(settings.DEFAULT_ARTICLES_DIR))
    warehouse = Warehouse(path=str(tmp_path / "w.duckdb"))
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("create schema raw")
        con.execute("create table raw.articles (article_id varchar, sha256 varchar, file_name varchar, text varchar)")
        con.execute("insert into raw.articles values ('002_82492c8ef8a6e8c6', 'x', 'y', 'z')")
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    columns = [row[0] for row in query(tmp_path / "w.duckdb", "select column_name from information_schema.columns "
                                       "where table_name = 'articles' order by ordinal_position")]
    assert columns == list(ARTICLE_COLUMNS)
    assert len(query(tmp_path / "w.duckdb", "select * from raw.articles")) == 5


def test_a_file_broken_since_a_table_without_loader_version_keeps_its_row(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run after `loader_version` was added rewrites raw.articles whole, and still keeps
    the row of a file that broke since."""
    folder = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, folder)
    monkeypatch.setenv(settings.ARTICLES_ENV, str(folder))
    published = tmp_path / "w.duckdb"
    warehouse = Warehouse(path=str(published))
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    with duckdb.connect(str(published)) as con:
        con.execute("alter table raw.articles drop column loader_version")
    before = query(published, "select article_id, sha256, loaded_at from raw.articles order by 1")
    broken = folder / "001_cef1a415c8952276.txt"
    write(broken, broken.read_bytes() + b"\n\x80 rusak")
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}, raise_on_error=False).success
    after = query(published, "select article_id, sha256, loaded_at, loader_version from raw.articles order by 1")
    assert [row[:2] for row in after] == [row[:2] for row in before]
    assert next(row for row in after if row[0] == broken.stem) == (*next(r for r in before if r[0] == broken.stem), "")
    assert query(published, "select file_name, kept_previous_version from raw.rejected_articles") == [
        (broken.name, True)]


def test_a_file_unchanged_since_loaded_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dagster_project import build_inputs
    from dagster_project.assets import raw
    from dagster_project.build_inputs import articles_fingerprint, digests_path
    from dagster_project.domain import articles as loader

    monkeypatch.setattr(build_inputs, "_RACY_WINDOW_NS", 0)  # files copied a moment ago count as settled
    folder = tmp_path / "articles"
    shutil.copytree(settings.DEFAULT_ARTICLES_DIR, folder)
    monkeypatch.setenv(settings.ARTICLES_ENV, str(folder))
    published = tmp_path / "w.duckdb"
    warehouse = Warehouse(path=str(published))
    table = "select article_id, sha256, loaded_at, loader_version from raw.articles order by 1"
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    before = query(published, table)
    read: list[str] = []
    real_read = loader.read_article
    monkeypatch.setattr(loader, "read_article", lambda path: read.append(path.name) or real_read(path))

    # no digest cache: every file is read, and compared
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    assert len(read) == len(before) and query(published, table) == before

    # the cache `koperasi run` fills vouches for the files unchanged since: only the new one is read
    read.clear()
    write(folder / "005_new.txt", "Koperasi baru: ada 12 koperasi di Kota Solok.")
    articles_fingerprint(folder, digests_path(published))
    edited = folder / "002_82492c8ef8a6e8c6.txt"
    write(edited, edited.read_bytes().replace(b"koperasi", b"Koperasi", 1))  # same size, after the cache
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    assert sorted(read) == ["002_82492c8ef8a6e8c6.txt", "005_new.txt"]
    after = {row[0]: row for row in query(published, table)}
    assert [after[row[0]] for row in before if row[0] != edited.stem] == [r for r in before if r[0] != edited.stem]
    edited_before = next(row for row in before if row[0] == edited.stem)
    assert after[edited.stem][1:3] != edited_before[1:3] and "005_new" in after  # new bytes, loaded now

    # another loader reads every file again; the rows it reads the same keep when they were loaded
    read.clear()
    articles_fingerprint(folder, digests_path(published))
    monkeypatch.setattr(raw, "loader_version", lambda: "another")
    assert dg.materialize([raw_articles], resources={"warehouse": warehouse}).success
    assert len(read) == len(after)
    assert query(published, table) == [(*row[:3], "another") for row in sorted(after.values())]
