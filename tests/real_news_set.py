"""The real-news dev set (data/real_news/): check its texts, and score the extractor on it.

    .venv/bin/python tests/real_news_set.py check            # texts present, hashes and evidence offsets right
    .venv/bin/python tests/real_news_set.py score [--part tuned|held_out|all] [--batch re]
    .venv/bin/python tests/real_news_set.py errors [ARTICLE_ID ...]   # tuned part only

The texts are third-party pages and are not in git (data/real_news/texts/, ignored); the
manifest, the gold figures and the split are. `score` prints, for the part asked, precision,
recall and F1 of every figure the extractor reads, then of the published ones only (published
precision, and published recall: the share of gold figures published correctly), and how many
published figures match their gold but date it to another year (a match does not compare dates),
and how many extra figures are of districts, which the gold leaves out by design;
`--batch` keeps the articles of one annotator's batch (their ids' prefix), for its first look.
`errors` lists the missed and extra figures of tuned articles, and the published ones of another
year (`year*`), with their evidence: never of held-out ones, whose errors nobody may read before
the rules are final.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from dagster_project.domain.articles import read_articles  # noqa: E402
from dagster_project.domain.extraction import ExtractedFigure, extract_figures  # noqa: E402
from dagster_project.domain.extraction.scoring import Score, read_figures_csv, same_year, score  # noqa: E402
from dagster_project.domain.official_regions import is_district_code  # noqa: E402

SET_DIR = REPO / "data" / "real_news"
TEXTS = SET_DIR / "texts"
MANIFEST = SET_DIR / "manifest.csv"
GOLD = SET_DIR / "gold.csv"
SPLIT = SET_DIR / "split.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def manifest() -> list[dict[str, str]]:
    return read_rows(MANIFEST)


def part_of(article_id: str) -> str:
    """The set's split, fixed before any rule changed: held out when the sha256 of the id is divisible by 3."""
    return "held_out" if int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "tuned"


def parts() -> dict[str, str]:
    return {row["article_id"]: row["part"] for row in read_rows(SPLIT)}


def missing_texts() -> list[str]:
    return [row["article_id"] for row in manifest() if not (TEXTS / f"{row['article_id']}.txt").is_file()]


# The pages reserved for the project's own evaluation (the developers' guide): never in this set,
# under any of their addresses (`?page=all`, `amp.`, a trailing slash).
EXCLUSIONS = REPO.parent / "shared" / "real_news_exclusions.csv"


# Query parameters that change how a page is shown, not which page it is ("?page=all", "?m=1",
# trackers); the others name the page ("?p=5372" and "?p=81080" are two articles)
_PRESENTATION_PARAMETER_RE = re.compile(r"^(?:page|m|amp|output|utm_\w+|fbclid|gclid|ref|source)$")


def page_address(url: str) -> str:
    """A page's address, whatever way it was reached: scheme, www./m./amp. host, /amp, a final
    slash, a fragment and presentation parameters left out."""
    address = re.sub(r"^(?:www|m|amp)\.", "", re.sub(r"^https?://", "", url.strip().lower()))
    path, _, query = address.split("#")[0].partition("?")
    kept = sorted(p for p in query.split("&") if p and not _PRESENTATION_PARAMETER_RE.match(p.partition("=")[0]))
    return re.sub(r"/amp$", "", path.rstrip("/")) + ("?" + "&".join(kept) if kept else "")


def reserved_addresses() -> set[str]:
    """The reserved pages' addresses, where the reserved list is at hand (not in CI)."""
    return {page_address(row["url"]) for row in read_rows(EXCLUSIONS)} if EXCLUSIONS.is_file() else set()


def problems(set_dir: Path = SET_DIR) -> list[str]:
    """Every way a set's saved texts and gold disagree with its manifest, and reserved pages.

    `set_dir` holds manifest.csv, gold.csv and texts/: the dev set, or a new batch
    (tests/real_news_batch.py check)."""
    reserved = reserved_addresses()
    found = []
    for row in read_rows(set_dir / "manifest.csv"):
        path = set_dir / "texts" / f"{row['article_id']}.txt"
        if page_address(row["url"]) in reserved:
            found.append(f"{row['article_id']}: its page is RESERVED for evaluation ({EXCLUSIONS}): "
                         "delete its text and gold unread")
        if not path.is_file():
            found.append(f"{path}: missing (rebuild it as data/real_news/README.md says)")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            found.append(f"{path}: sha256 differs from the manifest")
    gold = set_dir / "gold.csv"
    for line, row in enumerate(read_rows(gold), start=2):
        path = set_dir / "texts" / f"{row['article_id']}.txt"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            start = int(row["evidence_start"])
            if text[start:start + len(row["evidence"])] != row["evidence"]:
                found.append(f"{gold}:{line}: the evidence is not at offset {start} of {path.name} "
                             f"(it first occurs at {text.find(row['evidence'])})")
    return found


@dataclass(frozen=True)
class Result:
    all_figures: Score
    published: Score
    gold: int


def evaluate(part: str = "all", batch: str = "") -> Result:
    wanted = {a for a, p in parts().items() if part in ("all", p) and a.startswith(batch)}
    gold = [g for g in read_figures_csv(GOLD) if g.article_id in wanted]
    extracted: list[ExtractedFigure] = []
    for article in read_articles(TEXTS).articles:
        if article.article_id in wanted:
            extracted += extract_figures(article.article_id, article.text, article.header_date)
    return Result(score(gold, extracted), score(gold, [f for f in extracted if f.is_published]), len(gold))


def report(part: str, batch: str = "") -> str:
    result = evaluate(part, batch)
    a, p = result.all_figures, result.published
    return (f"{part}{f' of batch {batch}' if batch else ''}: {result.gold} gold figures\n"
            f"  every figure read: precision {a.precision:.2f}, recall {a.recall:.2f}, F1 {a.f1:.2f} "
            f"({len(a.matched)} matched, {len(a.misses)} missed, {len(a.extras)} extra)\n"
            f"  published only:    precision {p.precision:.2f}, recall {p.recall:.2f} "
            f"({len(p.matched) + len(p.extras)} published, {len(p.extras)} wrong)\n"
            f"  published and right, but of another year than the gold's (not counted wrong above): "
            f"{sum(not same_year(g, f) for g, f in p.matched)}\n"
            f"  extra figures of districts, which the gold leaves out by design (ANNOTATING.md; none is "
            f"published): {sum(is_district_code(f.region_code) for f in a.extras)}")


def errors(article_ids: list[str]) -> str:
    tuned = {a for a, p in parts().items() if p == "tuned"}
    refused = sorted(set(article_ids) - tuned)
    if refused:
        raise SystemExit(f"not tuned articles (held out or unknown): {', '.join(refused)}")
    wanted = set(article_ids) or tuned
    gold = [g for g in read_figures_csv(GOLD) if g.article_id in wanted]
    lines = []
    for article in read_articles(TEXTS).articles:
        if article.article_id not in wanted:
            continue
        result = score([g for g in gold if g.article_id == article.article_id],
                       extract_figures(article.article_id, article.text, article.header_date))
        other_year = [f for g, f in result.matched if getattr(f, "is_published", False) and not same_year(g, f)]
        for kind, figures in (("missed", result.misses), ("extra", result.extras), ("year", other_year)):
            for f in figures:
                label = f"{kind}*" if getattr(f, "is_published", False) else kind  # * published
                lines.append(f"{article.article_id} {label:6} {f.region_code:8} {f.scope}/{f.status}/"
                             f"{f.cooperative_type}/{f.unit} {f.value:g}  | {f.evidence[:160]}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "score", "errors"])
    parser.add_argument("article_ids", nargs="*", help="errors: the tuned articles to list (all tuned if none)")
    parser.add_argument("--part", default="all", choices=["all", "tuned", "held_out"])
    parser.add_argument("--batch", default="", help="score: only the articles whose id starts with this (re)")
    args = parser.parse_args()
    if args.command == "check":
        found = problems()
        print("\n".join(found) or f"{len(manifest())} texts present, hashes and evidence offsets agree")
        return 1 if found else 0
    print(errors(args.article_ids) if args.command == "errors" else report(args.part, args.batch))
    return 0


if __name__ == "__main__":
    sys.exit(main())

