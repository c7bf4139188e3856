"""The extractor's version follows the modules it imports: editing any of them changes it,
editing scoring or anything the extractor does not import does not. Computed on a copy of the
tree, never the repository's files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import PUBLISH_EVERY_UNCONTRADICTED_FIGURE

from dagster_project import settings
from dagster_project.domain.extractor_version import (
    DBT_PROJECT_YML,
    REFERENCE_SEEDS,
    REPO_ROOT,
    extractor_version,
    project_modules,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "dagster_project", tmp_path / "dagster_project",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for seed in REFERENCE_SEEDS:
        (tmp_path / seed).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / seed, tmp_path / seed)
    shutil.copy2(REPO_ROOT / DBT_PROJECT_YML, tmp_path / DBT_PROJECT_YML)
    return tmp_path


def test_the_modules_are_those_python_imports() -> None:
    modules = project_modules()
    assert "dagster_project.domain.extraction.pipeline" in modules
    assert "dagster_project.domain.extraction.constructions.remainders" in modules  # `from package import module`
    assert "dagster_project.domain.numbers" in modules
    assert "dagster_project.domain.official_regions" in modules
    assert "dagster_project.domain.extraction.scoring" not in modules
    import dagster_project.domain.extraction  # noqa: F401  (loaded, so in sys.modules)

    loaded = {m for m in sys.modules if m.startswith("dagster_project.domain.extraction")}
    assert {m for m in modules if m.startswith("dagster_project.domain.extraction")} <= loaded


def test_a_copy_has_the_same_version(tree: Path) -> None:
    version = extractor_version()
    assert len(version) == 12 and extractor_version(tree) == version


def test_editing_any_imported_module_or_a_seed_it_reads_changes_the_version(tree: Path) -> None:
    before = extractor_version(tree)
    files = [*project_modules(tree).values(), *(tree / seed for seed in REFERENCE_SEEDS)]
    assert len(files) >= 10
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        assert extractor_version(tree) != before, path
        path.write_bytes(original)
    assert extractor_version(tree) == before


def test_a_new_import_joins_the_version(tree: Path) -> None:
    helper = tree / "dagster_project" / "domain" / "new_helper.py"
    helper.write_text("X = 1\n")
    before = extractor_version(tree)
    text = tree / "dagster_project" / "domain" / "extraction" / "text.py"
    text.write_text(text.read_text() + "\nfrom dagster_project.domain import new_helper\n")
    assert "dagster_project.domain.new_helper" in project_modules(tree)
    changed = extractor_version(tree)
    helper.write_text("X = 2\n")
    assert changed != before and extractor_version(tree) != changed


@pytest.mark.parametrize("path", ["domain/extraction/scoring.py", "cli.py", "assets/extraction.py",
                                  "domain/seeds.py"])
def test_editing_what_the_extractor_does_not_import_keeps_the_version(tree: Path, path: str) -> None:
    before = extractor_version(tree)
    file = tree / "dagster_project" / path
    file.write_text(file.read_text() + "\n# edited\n")
    assert extractor_version(tree) == before


def test_the_version_is_the_extraction_assets_code_version() -> None:
    from dagster_project.assets.extraction import raw_extraction

    assert set(raw_extraction.code_versions_by_key.values()) == {extractor_version()}


def test_another_publishing_policy_is_another_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is published is decided when figures are read: a new policy must read them again."""
    version = extractor_version()
    monkeypatch.setenv(settings.PUBLISHING_POLICY_ENV, str(PUBLISH_EVERY_UNCONTRADICTED_FIGURE))
    assert extractor_version() != version
