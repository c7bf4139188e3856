"""The extractor's version: a fingerprint of exactly what decides which figures come out.

That is the source of every project module the extractor imports, found by following the
imports of `dagster_project.domain.extraction` (read with `ast`, never executed, so a copied
tree can be fingerprinted too), plus the reference data those modules read: the region aliases
and region history seeds, the consistency tolerances of dbt_project.yml, the publishing policy in
force (what is published is decided when figures are read) and the version of the official region
list. A hand-kept list of files went stale once; the import graph cannot. `scoring.py` is not
imported by the extractor, so editing it does not re-extract anything.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from dagster_project import settings
from dagster_project.domain.official_regions import source_version

PACKAGE = "dagster_project"
EXTRACTOR = "dagster_project.domain.extraction"
REPO_ROOT = Path(__file__).resolve().parents[2]  # the folder holding dagster_project/
ALIASES_SEED = Path("dbt") / "seeds" / "region_aliases.csv"  # read by extraction/gazetteer.py, from here
REGION_HISTORY_SEED = Path("dbt") / "seeds" / "region_history.csv"  # likewise
REFERENCE_SEEDS = (ALIASES_SEED, REGION_HISTORY_SEED)  # the seeds the extractor reads
DBT_PROJECT_YML = Path("dbt") / "dbt_project.yml"  # the consistency tolerances, read by extraction/consistency.py


def _module_file(root: Path, module: str) -> Path | None:
    """The file of a project module under `root`, or None (not ours, or no such module)."""
    if module.split(".")[0] != PACKAGE:
        return None
    base = root.joinpath(*module.split("."))
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(root: Path, module: str, path: Path) -> set[str]:
    """Project modules `module` imports anywhere in its source (inside functions too), and the
    packages above each, whose `__init__` runs on import."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the package, up level - 1
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            # `from package import submodule` imports the submodule
            names.update(f"{base}.{alias.name}" for alias in node.names)
    found: set[str] = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if _module_file(root, prefix) is not None:
                found.add(prefix)
    return found


def project_modules(root: Path = REPO_ROOT, entry: str = EXTRACTOR) -> dict[str, Path]:
    """`entry` (the extractor by default) and every project module it imports, directly or not:
    name -> file."""
    seen: dict[str, Path] = {}
    todo = [entry]
    while todo:
        module = todo.pop()
        path = _module_file(root, module)
        if module in seen or path is None:
            continue
        seen[module] = path
        todo += sorted(_imported_modules(root, module, path) - seen.keys())
    return dict(sorted(seen.items()))


def extractor_version(root: Path = REPO_ROOT) -> str:
    """Fingerprint of the extractor's modules and reference data (12 hex digits)."""
    digest = hashlib.sha256(source_version().encode())
    files = [(name, path.read_bytes()) for name, path in project_modules(root).items()]
    for data in (*REFERENCE_SEEDS, DBT_PROJECT_YML):
        if (root / data).is_file():
            files.append((data.as_posix(), (root / data).read_bytes()))
    # What is published is decided when figures are read: a new policy reads them again.
    policy = settings.publishing_policy_path() if root == REPO_ROOT \
        else root / settings.DEFAULT_PUBLISHING_POLICY.relative_to(REPO_ROOT)
    if policy.is_file():
        files.append(("publishing policy", policy.read_bytes()))
    return _fingerprint(digest, files)


def modules_version(entry: str, root: Path = REPO_ROOT) -> str:
    """Fingerprint of a project module and every project module it imports (12 hex digits)."""
    return _fingerprint(hashlib.sha256(), [(name, path.read_bytes())
                                           for name, path in project_modules(root, entry).items()])


def _fingerprint(digest: hashlib._Hash, files: list[tuple[str, bytes]]) -> str:
    for name, content in files:
        digest.update(name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()[:12]
