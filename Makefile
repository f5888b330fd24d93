# entente: the two commands a new user needs are `make demo` and `make test`.
# Everything is installed by these targets: a uv-managed virtual environment from the committed
# lock file (uv.lock), and, for the browser tests, Debian's chromium.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
TOOLS   := .tools
UV      := $(TOOLS)/bin/uv
STAMP   := $(VENV)/.installed
DB      ?= entente.duckdb
SHARED  ?= ../shared
PYTEST_ARGS ?=

.PHONY: demo test setup browsers lint model bench clean help

help:
	@echo "make demo   set up and code the bundled sample articles into $(DB)"
	@echo "make test   set up (Python packages, chromium) and run the whole test suite"
	@echo "make model  retrain the bundled English pipeline from $(SHARED)/corpora"
	@echo "make bench  run the benchmarks in bench/"

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

# The environment is rebuilt when the project's dependencies or lock file change.
$(STAMP): pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --all-extras --python $(PY)
	touch $(STAMP)

setup: $(STAMP)

# Debian's chromium for the Playwright browser tests (no browser download).
browsers:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	fi

# The project's seed article (Turkey-Azerbaijan, undated; mid-2021) joins the demo when ../shared
# is there; a user's clone codes the bundled samples alone.
SEED    := $(wildcard $(SHARED)/samples/seed_article.html)

demo: setup
	$(BIN)/entente code samples $(SEED) $(if $(SEED),--published 2021-08-10) --db $(DB) --out demo.jsonl
	@echo "records: demo.jsonl"
	@echo "explore: $(BIN)/entente events --db $(DB)   $(BIN)/entente trends --db $(DB)   $(BIN)/entente serve --db $(DB)"

test: setup browsers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/mypy

model: setup
	$(MAKE) -C training SHARED=$(abspath $(SHARED)) PYTHON=$(abspath $(BIN)/python)

bench: setup
	$(BIN)/python bench/run.py --shared $(SHARED)

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache demo.jsonl $(DB) $(DB).wal
