# Everything starts from a fresh machine with only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help install run test check bench soak schema clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) ## Create .venv and install the project with its dev tools

run: $(STAMP) ## Run the gateway (embedded PostgreSQL unless DATABASE_URL is set)
	$(BIN)/gateway serve

test: $(STAMP) ## Run the test suite (embedded PostgreSQL unless TEST_DATABASE_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

check: $(STAMP) ## Format, lint, types, import contracts, schema drift
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/gateway export-schema --check

bench: $(STAMP) ## Run the benchmarks and print figures and ratios
	$(BIN)/python -m bench

soak: $(STAMP) ## Load (100 clients, 60 s) on serve --workers 2, PostgreSQL restarted midway
	$(BIN)/python -m bench.soak

schema: $(STAMP) ## Rewrite schema.graphql from the code
	$(BIN)/gateway export-schema

clean: ## Remove the virtualenv and caches (not the data directory)
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
