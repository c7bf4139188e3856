"""`koperasi extract` and `koperasi score`: the extractor's CSV without a warehouse, and the
score of one CSV against another, computed by hand here."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from dagster_project.cli import csv_value, main
from dagster_project.domain.articles import read_article
from dagster_project.domain.extraction import FIGURE_COLUMNS, extract_figures
from dagster_project.domain.extraction.scoring import (
    ScoredFigure,
    ScoreInputError,
    read_figures_csv,
    same_year,
    score,
)

BLORA_TEXT = ("TITLE: Koperasi di Blora\n\n"
              "Di Kabupaten Blora tercatat 120 koperasi, terdiri dari 80 koperasi aktif dan 40 koperasi "
              "tidak aktif.\n")
KALSEL_TEXT = ("Sekda memaparkan, terdata ada 3.027 unit koperasi yang tersebar di 13 kabupaten kota "
               "se-Kalsel, dari jumlah tersebut sebanyak 1.944 merupakan koperasi aktif, sedangkan 1.083 "
               "unit koperasi berstatus tidak aktif.\n")


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def expected_rows(*paths: Path) -> list[dict[str, str]]:
    """What the extractor itself returns for the files, formatted as the CLI promises."""
    rows = []
    for path in paths:
        article = read_article(path)
        for figure in extract_figures(article.article_id, article.text, article.header_date):
            rows.append({c: csv_value(getattr(figure, c)) for c in FIGURE_COLUMNS})
    return rows


# --- extract -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [
    (120.0, "120"), (3027.0, "3027"), (50.5, "50.5"), (0.0, "0"), (True, "true"), (False, "false"),
    (None, ""), ("2023-06", "2023-06"),
])
def test_csv_values(value: object, text: str) -> None:
    assert csv_value(value) == text


def test_extract_folder_writes_the_figure_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    blora = write(folder / "b_blora.txt", BLORA_TEXT)
    kalsel = write(folder / "a_kalsel.txt", KALSEL_TEXT)
    write(folder / "notes.md", "not an article")  # only *.txt are read
    out = tmp_path / "out" / "figures.csv"

    assert main(["extract", str(folder), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(FIGURE_COLUMNS)
    rows = csv_rows(text)
    assert rows == expected_rows(kalsel, blora)  # sorted by file name, stem as article_id
    assert rows, "the extractor found no figure in two articles that state them plainly"
    assert {r["article_id"] for r in rows} <= {"a_kalsel", "b_blora"}
    for row in rows:
        assert row["is_approximate"] in ("true", "false")
        assert not row["value"].endswith(".0")
    assert capsys.readouterr().out == ""  # -o: nothing on stdout

    # stdout when no -o, the same CSV; a file path works as well as a folder
    assert main(["extract", str(kalsel), str(blora)]) == 0
    assert capsys.readouterr().out == text


def test_blora_sentence_gives_total_active_and_inactive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(write(tmp_path / "blora.txt", BLORA_TEXT))]) == 0
    rows = {(r["region_code"], r["scope"], r["status"], r["cooperative_type"], r["unit"], r["value"])
            for r in csv_rows(capsys.readouterr().out)}
    assert rows == {("33.16", "all", "all", "all", "count", "120"),
                    ("33.16", "all", "active", "all", "count", "80"),
                    ("33.16", "all", "inactive", "all", "count", "40")}


def test_a_broken_file_is_named_and_the_others_still_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    good = write(folder / "good.txt", KALSEL_TEXT)
    write(folder / "broken.txt", b"ada 3.027 koperasi \xff\xfe rusak")
    write(folder / "empty.txt", "")
    out = tmp_path / "figures.csv"

    assert main(["extract", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'broken.txt'}: not valid UTF-8" in err
    assert f"{folder / 'empty.txt'}: the file is empty" in err
    assert "2 of 3 files not extracted" in err
    assert csv_rows(out.read_text(encoding="utf-8")) == expected_rows(good)


def test_missing_path_and_duplicate_article_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nowhere")]) == 1
    assert "nowhere: no such file or folder" in capsys.readouterr().err
    assert main(["extract", str(write(tmp_path / "empty_dir" / "x.md", "x").parent)]) == 1
    assert "no .txt article files" in capsys.readouterr().err

    first = write(tmp_path / "one" / "same.txt", KALSEL_TEXT)
    second = write(tmp_path / "two" / "same.txt", BLORA_TEXT)
    assert main(["extract", str(first), str(second), str(first)]) == 1  # the same file twice is read once
    captured = capsys.readouterr()
    assert f"{second}: article id 'same' already read from {first}" in captured.err
    assert csv_rows(captured.out) == expected_rows(first)


# --- score -------------------------------------------------------------------------------------

GOLD = """article_id,region_name,region_code,scope,status,cooperative_type,unit,value,evidence
a1,Kalsel,63,all,all,all,count,3027,ada 3.027 unit koperasi
a1,Kalsel,63,all,active,all,count,1944,sebanyak 1.944 merupakan koperasi aktif
a1,Kalsel,63,all,inactive,all,count,1083,1.083 unit koperasi berstatus tidak aktif
a1,Kalsel,63,all,inactive,all,count,1083,stated twice in the gold
a2,Kaltim,64,all,active,all,percent,75,75 persen yang aktif
"""

# 3027.005 is within 0.01; 1944.02 is not; one 1083 for two gold rows; 75 as a count is another unit;
# a3 has no gold at all.
EXTRACTED = """article_id,region_code,scope,status,cooperative_type,unit,value,evidence
a1,63,all,all,all,count,3027.005,three thousand
a1,63,all,active,all,count,1944.02,nearly 1944
a1,63,all,inactive,all,count,1083,inactive
a2,64,all,active,all,percent,75,seventy-five percent
a2,64,all,active,all,count,75,seventy-five units
a3,33.16,all,all,all,count,120,Blora
"""


def test_score_by_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = write(tmp_path / "gold.csv", GOLD)
    extracted = write(tmp_path / "extracted.csv", EXTRACTED)
    result = score(read_figures_csv(gold), read_figures_csv(extracted))
    # matched: 3027 (~3027.005), 1083 (once), 75 percent -> 3 of 6 extracted, 3 of 5 gold
    assert len(result.matched) == 3
    assert result.precision == pytest.approx(3 / 6)
    assert result.recall == pytest.approx(3 / 5)
    assert result.f1 == pytest.approx(2 * 0.5 * 0.6 / (0.5 + 0.6))  # 0.5455
    assert sorted((m.status, m.value, m.evidence) for m in result.misses) == [
        ("active", 1944, "sebanyak 1.944 merupakan koperasi aktif"),
        ("inactive", 1083, "stated twice in the gold"),  # the duplicate is matched once only
    ]
    assert sorted((x.article_id, x.unit, x.value) for x in result.extras) == [
        ("a1", "count", 1944.02), ("a2", "count", 75), ("a3", "count", 120)]

    assert main(["score", str(gold), str(extracted)]) == 0
    out = capsys.readouterr().out
    assert "precision 0.5000" in out and "recall    0.6000" in out and "F1        0.5455" in out
    assert "missed (in gold, not extracted): 2" in out and "extra (extracted, not in gold): 3" in out
    assert "a1 63 scope=all status=active type=all count 1944: sebanyak 1.944 merupakan koperasi aktif" in out
    assert "a1 63 scope=all status=active type=all count 1944.02: nearly 1944" in out


def fig(value: float, unit: str = "count", article: str = "a") -> ScoredFigure:
    return ScoredFigure(article, "63", "all", "all", "all", unit, value)


@pytest.mark.parametrize(("gold", "extracted", "matches"), [
    (75, 75.01, True),    # the tolerance is inclusive, floating point notwithstanding
    (75, 74.99, True),
    (75, 75.02, False),
    (75, 75.011, False),
])
def test_value_tolerance_is_one_hundredth(gold: float, extracted: float, matches: bool) -> None:
    assert bool(score([fig(gold)], [fig(extracted)]).matched) is matches


def test_closest_values_are_paired_first() -> None:
    gold = [fig(100), fig(100.01)]
    result = score(gold, [fig(100.01)])
    assert result.matched == [(gold[1], fig(100.01))]
    assert result.misses == [gold[0]]


def test_every_key_column_must_be_equal() -> None:
    base = fig(10)
    for column in ("article_id", "region_code", "scope", "status", "cooperative_type", "unit"):
        other = ScoredFigure(**{**{f: getattr(base, f) for f in base.__slots__}, column: "other"})
        assert score([base], [other]).precision == 0, column


@pytest.mark.parametrize(("gold", "read", "same"), [
    ("2021-06", "2021-12-31", True), ("", "", True), ("2021", "2022-01-05", False), ("2021", "", False),
    ("", "2021", False)])
def test_a_match_compares_its_years_apart(gold: str, read: str, same: bool) -> None:
    """A date is no part of a match (the period is often the page's, which annotators read
    differently), but a match of another year is counted apart: a right number of the wrong year."""
    pair = ScoredFigure("a", "63", "all", "all", "all", "count", 5, as_of_date=gold), \
        ScoredFigure("a", "63", "all", "all", "all", "count", 5, as_of_date=read)
    assert len(score([pair[0]], [pair[1]]).matched) == 1
    assert same_year(*pair) is same


def test_empty_sets() -> None:
    nothing = score([], [])
    assert (nothing.precision, nothing.recall, nothing.f1, nothing.perfect) == (1.0, 1.0, 1.0, True)
    missed_all = score([fig(1)], [])
    assert (missed_all.precision, missed_all.recall, missed_all.f1) == (1.0, 0.0, 0.0)
    all_extra = score([], [fig(1)])
    assert (all_extra.precision, all_extra.recall, all_extra.f1) == (0.0, 1.0, 0.0)


@pytest.mark.parametrize(("content", "message"), [
    ("article_id,region_code,scope,status,cooperative_type,value\na,63,all,all,all,1\n",
     "missing column unit"),
    ("article_id,value\n", "missing columns region_code, scope, status, cooperative_type, unit"),
    ("", "the file is empty"),
    ("article_id,region_code,scope,status,cooperative_type,unit,value\na,63,all,all,all,count,3.027,x\n",
     "line 2: the number of fields does not match the header"),
    ("article_id,region_code,scope,status,cooperative_type,unit,value\na,63,all,all,all,count\n",
     "line 2: the number of fields does not match the header"),
    ("article_id,region_code,scope,status,cooperative_type,unit,value\na,63,all,all,all,count,banyak\n",
     "line 2: column value: 'banyak' is not a number"),
])
def test_malformed_csv_names_file_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = write(tmp_path / "bad.csv", content)
    with pytest.raises(ScoreInputError, match=f"^{re.escape(str(bad))}.*{re.escape(message)}"):
        read_figures_csv(bad)
    good = write(tmp_path / "gold.csv", GOLD)
    assert main(["score", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and message in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path / "gold.csv"), str(tmp_path / "x.csv")]) == 2
    assert f"{tmp_path / 'gold.csv'}: no such file" in capsys.readouterr().err


def test_hand_seeds_score_against_themselves() -> None:
    """The seeds (with their extra columns) are valid gold and extracted input alike."""
    from dagster_project import settings

    seeds = read_figures_csv(settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv")
    result = score(seeds, seeds)
    assert len(seeds) == 23 and result.perfect and result.f1 == 1.0


@pytest.mark.slow
def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`koperasi score ... | head -1` ends quietly: no traceback from the closed pipe."""
    import subprocess
    import sys

    from dagster_project import settings

    seeds = (settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv").read_text(encoding="utf-8")
    header, *rows = seeds.splitlines(keepends=True)
    many = write(tmp_path / "many.csv", header + "".join(f"copy{n}_{row}" for n in range(100) for row in rows))
    empty = write(tmp_path / "empty.csv", ",".join(FIGURE_COLUMNS) + "\n")  # 2 300 misses: more than a pipe holds
    koperasi = [sys.executable, "-c", "from dagster_project.cli import main; raise SystemExit(main())"]
    score_cmd = subprocess.Popen([*koperasi, "score", str(many), str(empty)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert score_cmd.stdout is not None and score_cmd.stdout.readline().startswith(b"gold 2300")
    score_cmd.stdout.close()  # the reader leaves after one line, as `head -1` does
    stderr = score_cmd.communicate()[1].decode()
    assert "Traceback" not in stderr and score_cmd.returncode in (0, 141), stderr
