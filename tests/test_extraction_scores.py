"""The extractor scored against gold figures: the five source articles and the dev corpus.

The five articles must come out exactly as the hand seeds (precision and recall 1.00). The
dev corpus (`../shared/dev_corpus`, outside the project) is split in two halves by file name
order: the rules were developed on the even-numbered files and scored on the odd-numbered
ones only at the end of the first extraction session. That first unseen score was precision
0.56, recall 0.72. The held-out half has been studied since (its failure classes led to
general constructions: elided nouns, relative clauses, continuations over time, ...), so it
is no longer unseen; both halves now must reach the issue's targets (precision 0.95, recall
0.90). An unseen estimate needs articles nobody worked on (see the issue notes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_project import settings
from dagster_project.domain.articles import read_article, read_articles
from dagster_project.domain.extraction import ExtractedFigure, extract_figures
from dagster_project.domain.extraction.scoring import Score, read_figures_csv, score

DEV_CORPUS = settings.REPO_ROOT.parent / "shared" / "dev_corpus"
SEEDS = settings.DBT_PROJECT_DIR / "seeds" / "cooperative_figures.csv"


def extract_folder(paths: list[Path]) -> list[ExtractedFigure]:
    found: list[ExtractedFigure] = []
    for path in paths:
        article = read_article(path)
        found += extract_figures(article.article_id, article.text, article.header_date)
    return found


def report(name: str, result: Score) -> str:
    lines = [f"{name}: precision {result.precision:.3f}, recall {result.recall:.3f}, F1 {result.f1:.3f}"]
    lines += [f"  missed {f.article_id} {f.region_code} {f.scope} {f.status} {f.cooperative_type} "
              f"{f.unit} {f.value:g}" for f in result.misses]
    lines += [f"  extra  {f.article_id} {f.region_code} {f.scope} {f.status} {f.cooperative_type} "
              f"{f.unit} {f.value:g}" for f in result.extras]
    return "\n".join(lines)


def test_the_five_source_articles_come_out_as_the_hand_seeds() -> None:
    articles = read_articles(settings.REPO_ROOT / "data" / "articles").articles
    extracted = [f for a in articles for f in extract_figures(a.article_id, a.text, a.header_date)]
    result = score(read_figures_csv(SEEDS), extracted)
    assert (result.precision, result.recall) == (1.0, 1.0), report("five articles", result)


def test_every_extracted_figure_quotes_its_article() -> None:
    for path in sorted((settings.REPO_ROOT / "data" / "articles").glob("*.txt")):
        article = read_article(path)
        for figure in extract_figures(article.article_id, article.text, article.header_date):
            assert figure.evidence in article.text, figure


def dev_half(which: str) -> tuple[list[Path], set[str]]:
    paths = sorted((DEV_CORPUS / "articles").glob("*.txt"))
    chosen = paths[0::2] if which == "tuned" else paths[1::2]
    return chosen, {p.stem for p in chosen}


TARGETS = {"tuned": (0.95, 0.90), "held_out": (0.95, 0.90)}  # the targets


@pytest.mark.parametrize("which", ["tuned", "held_out"])
def test_dev_corpus_scores(which: str) -> None:
    if not (DEV_CORPUS / "figures.csv").is_file():
        pytest.skip(f"no dev corpus at {DEV_CORPUS}: it lives outside the project (../shared/dev_corpus)")
    paths, ids = dev_half(which)
    gold = [f for f in read_figures_csv(DEV_CORPUS / "figures.csv") if f.article_id in ids]
    result = score(gold, extract_folder(paths))
    print(report(f"dev corpus, {which} half ({len(paths)} articles, {len(gold)} figures)", result))
    precision, recall = TARGETS[which]
    assert result.precision >= precision and result.recall >= recall, report(which, result)
