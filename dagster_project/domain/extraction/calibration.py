"""Measure each construction's reliability on gold sets and choose the publishing threshold.

    python -m dagster_project.domain.extraction.calibration GOLD.csv:ARTICLES_DIR [...] [--target 0.95] [--write]

Every set is a gold CSV (the seed columns) and the folder of its articles. The extractor reads
every article; each figure it reads is confirmed or not by the gold (`scoring.score`); each
construction's reliability is the share of the figures it held a field of that were confirmed.
The threshold is the lowest confidence at which the published figures of these sets reach
`--target` precision (among the figures no other rule holds back), each article's figures scored by the reliabilities of the other articles
(leave one article out: an estimate of the precision on articles not calibrated on). `--write` stores both in publishing.toml. Calibrate on the sets you tune
on only, and measure the held-out set apart (`koperasi score` on the published rows).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from dagster_project.domain.articles import read_articles
from dagster_project.domain.extraction.figure import ExtractedFigure
from dagster_project.domain.extraction.pipeline import extract_figures
from dagster_project.domain.extraction.publishing import (
    Policy,
    Reliability,
    calibrate,
    write_policy,
)
from dagster_project.domain.extraction.scoring import read_figures_csv, score


def read_set(gold_csv: Path, folder: Path) -> list[tuple[ExtractedFigure, bool]]:
    """Every figure the extractor reads from the set's articles, and whether the gold confirms it."""
    gold = read_figures_csv(gold_csv)
    articles = read_articles(folder).articles
    wanted = {g.article_id for g in gold}
    extracted = [f for a in articles if a.article_id in wanted
                 for f in extract_figures(a.article_id, a.text, a.header_date)]
    confirmed = {id(e) for _, e in score(gold, extracted).matched}
    return [(f, id(f) in confirmed) for f in extracted]


NEVER_MEASURED = Reliability(0, 0).value


def choose_threshold(scored: Sequence[tuple[float, bool]], target: float) -> float:
    """The lowest confidence at which the figures at or above it are `target` precise; 1.0
    (nothing published) where no threshold reaches the target."""
    # above a never-measured construction's 0.5: a figure is published only when every step of
    # its reading has been measured better than a coin
    for threshold in sorted({confidence for confidence, _ in scored if confidence > NEVER_MEASURED}):
        published = [matched for confidence, matched in scored if confidence >= threshold]
        if published and sum(published) / len(published) >= target:
            return threshold
    return 1.0


def held_back_otherwise(figure: ExtractedFigure) -> bool:
    """Whether a rule other than the threshold holds the figure back (a contradiction in its
    article, a status its title leaves open): the threshold never decides those."""
    return any(not reason.startswith("confidence") for reason in (figure.held_back or "").split("; ") if reason)


def scored_leaving_each_article_out(read: Sequence[tuple[ExtractedFigure, bool]]) -> list[tuple[float, bool]]:
    """The confidence of each figure the threshold decides, under the reliabilities measured on
    every other article."""
    articles = sorted({f.article_id for f, _ in read})
    scored: list[tuple[float, bool]] = []
    for article in articles:
        others = Policy(1.0, calibrate([(f, m) for f, m in read if f.article_id != article]))
        scored += [(others.confidence(f.trace), m) for f, m in read
                   if f.article_id == article and not held_back_otherwise(f)]
    return scored


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", help="GOLD.csv:ARTICLES_DIR")
    parser.add_argument("--target", type=float, default=0.95)
    parser.add_argument("--write", action="store_true", help="store the result in publishing.toml")
    args = parser.parse_args(argv)
    read: list[tuple[ExtractedFigure, bool]] = []
    for item in args.sets:
        gold, folder = item.split(":", 1)
        read += read_set(Path(gold), Path(folder))
    reliabilities = calibrate(read)
    measured = Policy(1.0, reliabilities)
    scored = [(measured.confidence(f.trace), matched) for f, matched in read if not held_back_otherwise(f)]
    # The threshold is chosen on each article's figures scored by the reliabilities of the
    # other articles: scored by reliabilities that saw them, the tuned articles look more precise
    # than unseen ones will be.
    left_out = scored_leaving_each_article_out(read)
    threshold = choose_threshold(left_out, args.target)
    print(f"{'construction':<34} {'figures':>7} {'confirmed':>9} {'reliability':>11}")
    for name, r in sorted(reliabilities.items(), key=lambda item: item[1].value):
        print(f"{name:<34} {r.figures:>7} {r.confirmed:>9} {r.value:>11.3f}")
    for label, figures in (("in sample", scored), ("leaving each article out", left_out)):
        published = [matched for confidence, matched in figures if confidence >= threshold]
        print(f"threshold {threshold}, {label}: {len(published)} of {len(figures)} figures published, "
              f"{sum(published)} confirmed ({sum(published) / max(len(published), 1):.3f} precise)")
    if args.write:
        sets = [item.split(":", 1) for item in args.sets]
        write_policy(threshold, reliabilities, ", ".join(f"{Path(g).name} ({Path(a).name})" for g, a in sets))


if __name__ == "__main__":
    main()
