# koperasi-warehouse: two commands, `make run` and `make test` (`make test-fast` while working).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export KOPERASI_WAREHOUSE ?= $(CURDIR)/data/warehouse.duckdb
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
DAGSTER_PORT ?= 3000
APP_PORT ?= 8501
DOCS_PORT ?= 8080

.PHONY: install run test test-fast dev app docs summary manifest clean

# The environment, rebuilt when the dependencies change. Every version is pinned in constraints.txt.
$(BIN)/.installed: pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# The project's own bytecode, as pip writes it for installed packages: a run then does not
# recompile every module in each of its processes (dbt's, the extraction workers'), even where
# PYTHONDONTWRITEBYTECODE is set. Up to date, it takes a tenth of a second.
install: $(BIN)/.installed
	@$(BIN)/python -m compileall -q dagster_project

$(DAGSTER_HOME)/dagster.yaml: dagster_project/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp $< $@

## Build the warehouse: materialize every asset into $(KOPERASI_WAREHOUSE) and print a summary.
run: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/koperasi run

## The whole dbt build with all tests on a scratch warehouse, then pytest.
test: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	KOPERASI_WAREHOUSE=$$scratch/warehouse.duckdb DAGSTER_HOME= $(BIN)/koperasi run && \
	$(BIN)/python -m pytest

## The unit tests alone (no dbt, no warehouse, no processes): under a minute.
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

## The Dagster UI on http://127.0.0.1:$(DAGSTER_PORT) (webserver + daemon).
dev: install $(DAGSTER_HOME)/dagster.yaml manifest
	$(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p $(DAGSTER_PORT)

## The analyst's app on http://127.0.0.1:$(APP_PORT): charts, findings, the review queue (reads the warehouse).
app: install
	DAGSTER_PORT=$(DAGSTER_PORT) DOCS_PORT=$(DOCS_PORT) $(BIN)/streamlit run dagster_project/app/main.py \
		--server.address 127.0.0.1 --server.port $(APP_PORT) --server.headless true \
		--browser.gatherUsageStats false --client.toolbarMode viewer

## The dbt docs site of the warehouse, generated and served on http://127.0.0.1:$(DOCS_PORT).
docs: install
	$(BIN)/dbt docs generate --project-dir dbt --profiles-dir dbt
	$(BIN)/dbt docs serve --project-dir dbt --profiles-dir dbt --host 127.0.0.1 --port $(DOCS_PORT) --no-browser

## The summary of the existing warehouse.
summary: install
	$(BIN)/koperasi summary

## dbt/target/manifest.json, which the Dagster definitions read (dagster_project/dbt_project.py).
manifest: install
	$(BIN)/python -m dagster_project.dbt_project

clean:
	rm -rf $(VENV) dbt/target dbt/logs .dagster_home *.egg-info
