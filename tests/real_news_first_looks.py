"""The extractor's first look at each real-news batch, figure by figure: how publishing fares on
text it was never tuned on.

    .venv/bin/python tests/real_news_first_looks.py [--batches rk,rl,...]

A batch's first look is the extractor as it was when the batch was merged (the first commit whose
gold.csv holds the batch's first article), before any rule changed for it. For each batch, this
checks that commit out into a temporary worktree, reads the batch's *tuned* articles with it (the
held-out ones stay unseen), and scores every figure against today's gold. It then prints, over
all batches:

- the figures the extractor published at each first look, and how many were wrong;
- what today's publishing policy would have published of those same readings: today's threshold
  with the hold-backs of their time (as their traces and reasons show), and today's `assess`,
  every rule of publishing.py applied again (so a hold-back rule in the working tree is measured
  on pages it was not written for);
- each construction's reliability measured on first looks, beside today's (measured on the
  tuned articles after their rules were written).

It needs the git history and the real-news texts (data/real_news/texts), and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from real_news_set import GOLD, TEXTS, parts  # noqa: E402

from dagster_project import settings  # noqa: E402
from dagster_project.domain.articles import read_articles  # noqa: E402
from dagster_project.domain.extraction.calibration import held_back_otherwise  # noqa: E402
from dagster_project.domain.extraction.figure import ExtractedFigure, FigureTrace  # noqa: E402
from dagster_project.domain.extraction.gazetteer import default_gazetteer  # noqa: E402
from dagster_project.domain.extraction.publishing import (  # noqa: E402
    Reliability,
    assess,
    calibrate,
    read_policy,
    region_carried,
)
from dagster_project.domain.extraction.scoring import ScoredFigure, read_figures_csv, score  # noqa: E402
from dagster_project.domain.vocabulary import CooperativeType, Scope, Status, Unit  # noqa: E402

# Run inside the old worktree (its own code on its own path): every figure of the given articles,
# as JSON lines, with the trace as the warehouse stores it.
_EXTRACT_AT_COMMIT = """
import dataclasses, json, sys
from pathlib import Path
from dagster_project.domain.articles import read_articles
from dagster_project.domain.extraction import extract_figures
wanted = set(sys.argv[2].split(","))
for article in read_articles(Path(sys.argv[1])).articles:
    if article.article_id in wanted:
        for figure in extract_figures(article.article_id, article.text, article.header_date):
            row = {k: v for k, v in dataclasses.asdict(figure).items() if k != "trace"}
            row["trace"] = figure.trace.to_json() if figure.trace is not None else None
            row["number_at"] = [getattr(figure.trace, "number_start", 0), getattr(figure.trace, "number_end", 0)] \
                if figure.trace is not None else None
            print(json.dumps(row, default=str, ensure_ascii=False))
"""


@dataclass
class FirstLookFigure:
    """A figure read at a batch's first look, shaped as calibration reads figures."""

    article_id: str
    region_code: str
    trace: FigureTrace | None
    held_back: str
    published_then: bool
    right: bool
    published_today: bool = False  # by today's `assess`, every rule applied again


def merge_commit(batch: str) -> str | None:
    found = subprocess.run(["git", "log", "--reverse", "--format=%h", "-S", f"{batch}01", "--", str(GOLD)],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return found[0] if found else None


def read_at(commit: str, article_ids: list[str]) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), commit], cwd=REPO, check=True)
        try:
            out = subprocess.run([sys.executable, "-c", _EXTRACT_AT_COMMIT, str(TEXTS), ",".join(article_ids)],
                                 cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
                                 capture_output=True, text=True, check=True).stdout
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=True)
    return [json.loads(line) for line in out.splitlines()]


def _trace(stored: str | None, number_at: list[int] | None = None) -> FigureTrace | None:
    if not stored:
        return None
    fields = json.loads(stored)
    events = tuple((field, by) for field, setters in fields.items() if isinstance(setters, list)
                   for by in setters if by != "not_stated")
    start, end = number_at or (0, 0)
    return FigureTrace(events, start, end, fields.get("whole"))


def _figure(row: dict[str, object]) -> ExtractedFigure:
    """A figure as read then, for today's `assess` (its publication fields are assessed again)."""
    date = row.get("as_of_date")
    return ExtractedFigure(
        str(row["article_id"]), str(row["region_name"]), str(row["region_code"]), Scope(str(row["scope"])),
        Status(str(row["status"])), CooperativeType(str(row["cooperative_type"])), Unit(str(row["unit"])),
        float(row["value"]), bool(row["is_approximate"]), bool(row.get("is_lower_bound", False)),
        None if date in (None, "None") else str(date), str(row["evidence"]),
        _trace(row.get("trace"), row.get("number_at")))  # type: ignore[arg-type]


@cache
def _article_dates() -> dict[str, str | None]:
    return {a.article_id: a.header_date for a in read_articles(TEXTS).articles}


def published_today(rows: list[dict[str, object]]) -> list[bool]:
    """Whether today's policy publishes each figure read then: `assess` (every rule of
    publishing.py, its contradictions computed again) on each article's figures, with the
    article's DATE header."""
    dates = _article_dates()
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_article[str(row["article_id"])].append(index)
    published = [False] * len(rows)
    for article_id, indexes in by_article.items():
        assessed = assess([_figure(rows[i]) for i in indexes], default_gazetteer().parent_of,
                          published=dates.get(article_id))
        for index, figure in zip(indexes, assessed, strict=True):
            published[index] = figure.is_published
    return published


def first_looks(batches: list[str]) -> list[FirstLookFigure]:
    gold = read_figures_csv(GOLD)
    tuned_of: dict[str, list[str]] = defaultdict(list)
    for article_id, part in parts().items():
        if part == "tuned":
            tuned_of[article_id[:2]].append(article_id)
    found: list[FirstLookFigure] = []
    for batch in batches:
        commit = merge_commit(batch)
        if commit is None or not tuned_of[batch]:
            continue
        rows = read_at(commit, sorted(tuned_of[batch]))
        figures = [ScoredFigure(str(r["article_id"]), str(r["region_code"]), str(r["scope"]), str(r["status"]),
                                str(r["cooperative_type"]), str(r["unit"]), float(r["value"]), str(r["evidence"]))
                   for r in rows]
        matched = {id(f) for _, f in score([g for g in gold if g.article_id in tuned_of[batch]], figures).matched}
        for row, figure, today in zip(rows, figures, published_today(rows), strict=True):
            trace = _trace(row.get("trace"), row.get("number_at"))  # type: ignore[arg-type]
            other = [r for r in str(row.get("held_back") or "").split("; ") if r and not r.startswith("confidence")]
            carried = trace is None or region_carried(trace) is not None
            found.append(FirstLookFigure(figure.article_id, figure.region_code, trace,
                                         "; ".join(other + (["region carried"] if carried else [])),
                                         bool(row.get("is_published")), id(figure) in matched, today))
        print(f"{batch} at {commit}: {len(rows)} figures of {len(tuned_of[batch])} tuned articles", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", help="comma-separated batch codes (default: every batch of the set)")
    args = parser.parse_args()
    batches = args.batches.split(",") if args.batches else sorted({a[:2] for a in parts()})
    looked = first_looks(batches)
    then = [f for f in looked if f.published_then]
    print(f"first looks at {len(batches)} batches: {len(looked)} figures, {sum(f.right for f in looked)} right")
    print(f"published then: {len(then)}, wrong {sum(not f.right for f in then)}")
    policy = read_policy(settings.publishing_policy_path())
    now = [f for f in looked if f.trace is not None and not held_back_otherwise(f)  # type: ignore[arg-type]
           and policy.confidence(f.trace) >= policy.threshold]
    print(f"today's threshold ({policy.threshold}) with the hold-backs of their time: {len(now)} published, "
          f"wrong {sum(not f.right for f in now)}")
    today = [f for f in looked if f.published_today]
    print(f"today's policy, every rule of publishing.py applied again: {len(today)} published, "
          f"wrong {sum(not f.right for f in today)}")
    measured = calibrate([(f, f.right) for f in looked])  # type: ignore[misc]
    print(f"{'construction':<34} {'figures':>7} {'right':>6} {'first looks':>11} {'today':>6}")
    for name, r in sorted(measured.items(), key=lambda item: item[1].value):
        today = policy.reliabilities.get(name, Reliability(0, 0)).value
        print(f"{name:<34} {r.figures:>7} {r.confirmed:>6} {r.value:>11.3f} {today:>6.3f}")


if __name__ == "__main__":
    main()
