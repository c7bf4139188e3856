"""The extractor's first look at each real-news batch, figure by figure: how publishing fares on
text it was never tuned on.

    .venv/bin/python tests/real_news_first_looks.py [--batches rk,rl,...]

A batch's first look is the extractor as it was when the batch was merged (the first commit whose
gold.csv holds the batch's first article), before any rule changed for it. For each batch, this
checks that commit out into a temporary worktree, reads the batch's *tuned* articles with it (the
held-out ones stay unseen), and scores every figure against today's gold. It then prints, over
all batches:

- the figures the extractor published at each first look, and how many were wrong;
- what today's publishing policy (publishing.toml) would have published of those same readings
  (the threshold on today's reliabilities, and the hold-backs their traces show);
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from real_news_set import GOLD, TEXTS, parts  # noqa: E402

from dagster_project import settings  # noqa: E402
from dagster_project.domain.extraction.calibration import held_back_otherwise  # noqa: E402
from dagster_project.domain.extraction.figure import FigureTrace  # noqa: E402
from dagster_project.domain.extraction.publishing import (  # noqa: E402
    Reliability,
    calibrate,
    read_policy,
    region_carried,
)
from dagster_project.domain.extraction.scoring import ScoredFigure, read_figures_csv, score  # noqa: E402

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


def _trace(stored: str | None) -> FigureTrace | None:
    if not stored:
        return None
    fields = json.loads(stored)
    events = tuple((field, by) for field, setters in fields.items() if isinstance(setters, list)
                   for by in setters if by != "not_stated")
    return FigureTrace(events, 0, 0)


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
        for row, figure in zip(rows, figures, strict=True):
            trace = _trace(row.get("trace"))  # type: ignore[arg-type]
            other = [r for r in str(row.get("held_back") or "").split("; ") if r and not r.startswith("confidence")]
            carried = trace is None or region_carried(trace) is not None
            found.append(FirstLookFigure(figure.article_id, figure.region_code, trace,
                                         "; ".join(other + (["region carried"] if carried else [])),
                                         bool(row.get("is_published")), id(figure) in matched))
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
    print(f"today's policy (threshold {policy.threshold}) on the same readings: {len(now)} published, "
          f"wrong {sum(not f.right for f in now)}")
    measured = calibrate([(f, f.right) for f in looked])  # type: ignore[misc]
    print(f"{'construction':<34} {'figures':>7} {'right':>6} {'first looks':>11} {'today':>6}")
    for name, r in sorted(measured.items(), key=lambda item: item[1].value):
        today = policy.reliabilities.get(name, Reliability(0, 0)).value
        print(f"{name:<34} {r.figures:>7} {r.confirmed:>6} {r.value:>11.3f} {today:>6.3f}")


if __name__ == "__main__":
    main()
