"""An annotator's tools for a new batch of the real-news dev set (data/real_news/ANNOTATING.md).

    .venv/bin/python tests/real_news_batch.py save BATCH_DIR ARTICLE_ID TITLE URL DATE
    .venv/bin/python tests/real_news_batch.py check BATCH_DIR
    .venv/bin/python tests/real_news_batch.py merge BATCH_DIR

`save` writes BATCH_DIR/texts/ARTICLE_ID.txt from BATCH_DIR/in/ARTICLE_ID.json, a JSON object
{"excerpt": "..."} holding the search result's excerpt as the tool's JSON gives it, in the
manifest's text format (TITLE, SOURCE, DATE lines, a blank line, the excerpt verbatim, no final
newline), and prints its sha256 and the excerpt's length in UTF-8 bytes. `check` checks the
batch's manifest.csv, texts and gold.csv the way `real_news_set.py check` checks the set, and
also the vocabulary, the official region codes, districts, and pages reserved or already used.
Neither reads the extractor: an annotator stays blind. `merge` (for whoever adds the batch, after
`check` passes) appends the batch's manifest and gold rows to the set's, gives each article its
part by the set's fixed rule (`part_of`) and copies its texts into the set's ignored folder.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from real_news_set import GOLD, MANIFEST, SPLIT, TEXTS, page_address, part_of, read_rows
from real_news_set import problems as set_problems

from dagster_project.domain.official_regions import is_district_code, official_regions
from dagster_project.domain.vocabulary import COLUMN_VOCABULARIES

MANIFEST_COLUMNS = ["article_id", "url", "title", "site", "province", "year", "query", "sha256", "date"]
GOLD_COLUMNS = ["article_id", "region_name", "region_code", "scope", "status", "cooperative_type", "unit", "value",
                "is_approximate", "is_lower_bound", "as_of_date", "evidence", "evidence_start", "breakdown_complete"]
BOOLEAN_COLUMNS = ("is_approximate", "is_lower_bound", "breakdown_complete")
VOCABULARIES = {column: [member.value for member in vocabulary] for column, vocabulary in COLUMN_VOCABULARIES.items()}


def text_of(title: str, url: str, date: str, excerpt: str) -> str:
    return f"TITLE: {title}\nSOURCE: {url}\nDATE: {date}\n\n{excerpt}"


def save(batch: Path, article_id: str, title: str, url: str, date: str) -> str:
    excerpt = json.loads((batch / "in" / f"{article_id}.json").read_text(encoding="utf-8"))["excerpt"]
    data = text_of(title, url, date, excerpt).encode("utf-8")
    (batch / "texts").mkdir(parents=True, exist_ok=True)
    (batch / "texts" / f"{article_id}.txt").write_bytes(data)
    return f"{article_id}: sha256 {hashlib.sha256(data).hexdigest()}, excerpt {len(excerpt.encode('utf-8'))} bytes"


def _columns(path: Path, columns: list[str]) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    return [] if header == columns else [f"{path}: the columns must be {','.join(columns)}"]


def problems(batch: Path) -> list[str]:
    """The set's own checks (hashes, evidence offsets, reserved pages), then the annotator's."""
    found = set_problems(batch) + _columns(batch / "manifest.csv", MANIFEST_COLUMNS)
    found += _columns(batch / "gold.csv", GOLD_COLUMNS)
    in_the_set = read_rows(MANIFEST)
    used = {page_address(row["url"]) for row in in_the_set}
    used_ids = {row["article_id"] for row in in_the_set}
    codes = {r.region_code for r in official_regions()} | {"ID"}
    manifest = read_rows(batch / "manifest.csv")
    for row in manifest:
        path = batch / "texts" / f"{row['article_id']}.txt"
        if page_address(row["url"]) in used:
            found.append(f"{row['article_id']}: its page is in the dev set already")
        if row["article_id"] in used_ids:  # a batch merged twice, or an id taken: it would overwrite a text
            found.append(f"{row['article_id']}: the dev set has an article of that id already")
        if path.is_file() and not path.read_text(encoding="utf-8").startswith(
                text_of(row["title"], row["url"], row["date"], "")):
            found.append(f"{path}: its TITLE, SOURCE and DATE lines differ from the manifest row")
    ids = {row["article_id"] for row in manifest}
    for line, row in enumerate(read_rows(batch / "gold.csv"), start=2):
        where = f"{batch / 'gold.csv'}:{line}"
        if row["article_id"] not in ids:
            found.append(f"{where}: {row['article_id']} is not in the manifest")
            continue
        found += [f"{where}: {column} {row[column]!r} is none of {', '.join(vocabulary)}"
                  for column, vocabulary in VOCABULARIES.items() if row[column] not in vocabulary]
        found += [f"{where}: {column} must be true or false" for column in BOOLEAN_COLUMNS
                  if row[column] not in ("true", "false")]
        if row["region_code"] not in codes:
            found.append(f"{where}: {row['region_code']} is no official region code")
        elif is_district_code(row["region_code"]):
            found.append(f"{where}: {row['region_code']} is a district: district figures are left out")
        if not re.fullmatch(r"\d+(\.\d+)?", row["value"]):
            found.append(f"{where}: value {row['value']!r} is no plain number (3.027 is 3027, 43,8 % is 43.8)")
        if row["as_of_date"] and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", row["as_of_date"]):
            found.append(f"{where}: as_of_date {row['as_of_date']!r} is not ISO (2024, 2024-06, 2024-06-13) or empty")
        if row["is_lower_bound"] == "true" and row["is_approximate"] != "true":
            found.append(f"{where}: a lower bound is approximate too")
    return found


def _append(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns, lineterminator="\n").writerows(rows)


def merge(batch: Path) -> str:
    found = problems(batch)
    if found:
        raise SystemExit("\n".join(found + [f"{batch}: not merged: mend the problems above first"]))
    manifest, gold = read_rows(batch / "manifest.csv"), read_rows(batch / "gold.csv")
    TEXTS.mkdir(exist_ok=True)
    for row in manifest:
        shutil.copyfile(batch / "texts" / f"{row['article_id']}.txt", TEXTS / f"{row['article_id']}.txt")
    _append(MANIFEST, manifest, MANIFEST_COLUMNS)
    _append(GOLD, gold, GOLD_COLUMNS)
    parts = [{"article_id": row["article_id"], "part": part_of(row["article_id"])} for row in manifest]
    _append(SPLIT, parts, ["article_id", "part"])
    held_out = sum(part["part"] == "held_out" for part in parts)
    return f"merged {len(manifest)} articles ({len(manifest) - held_out} tuned, {held_out} held out), {len(gold)} gold"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    saving = commands.add_parser("save")
    for name in ("batch", "article_id", "title", "url", "date"):
        saving.add_argument(name, type=Path if name == "batch" else str)
    commands.add_parser("check").add_argument("batch", type=Path)
    commands.add_parser("merge").add_argument("batch", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        print(save(args.batch, args.article_id, args.title, args.url, args.date))
        return 0
    if args.command == "merge":
        print(merge(args.batch))
        return 0
    found = problems(args.batch)
    print("\n".join(found) or f"OK: {args.batch}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
