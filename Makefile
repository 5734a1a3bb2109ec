# Two commands matter: `make serve` and `make test`. Both bootstrap what they need on a fresh clone:
# a virtual environment from the hashed lock files, and the npm tools the tests use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Reproducible output (sitemap dates, archives): the date of the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve test exercise build downloads check-data lint bench mutation diagrams previews lock clean

serve: $(VENV)/.site-installed  ## Build and serve the site on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Two workers (pytest-xdist): the browser and build tests keep both cores busy, as CI's two cores.
test: $(VENV)/.test-installed node_modules/.installed  ## Run the whole test suite, exactly as CI does
	$(BIN)/python -m pytest -n 2

# A learner's run: the check of one red-first exercise against the starter they edited (see exercises/).
exercise: $(VENV)/.test-installed  ## Check your answer to an exercise: make exercise ID=area/lesson/exercise
	@test -n "$(ID)" || { echo "usage: make exercise ID=<area>/<lesson>/<exercise> (the id the lesson gives)"; exit 2; }
	@test -f "exercises/$(ID)/test_check.py" || { echo "no exercise '$(ID)': see exercises/ for the ids"; exit 2; }
	$(BIN)/python -m pytest "exercises/$(ID)" --exercise-answer=starter -p no:cacheprovider -q

# Capstones (capstones/README.md): grade a running service, or every reference and broken variant.
grade: $(VENV)/.test-installed  ## Grade a running service: make grade CAPSTONE=tasks-api URL=http://127.0.0.1:8080
	@test -n "$(CAPSTONE)" -a -n "$(URL)" || { echo "usage: make grade CAPSTONE=<id> URL=<base url> [RESTART='<command>']"; exit 2; }
	$(BIN)/python -m capstones.grader --capstone "$(CAPSTONE)" --url "$(URL)" --json grader-report.json --html grader-report.html \
		$(if $(RESTART),--restart-command "$(RESTART)")

capstones: $(VENV)/.test-installed node_modules/.installed  ## Start and grade every capstone reference and broken variant
	$(BIN)/python -m capstones.harness

build: $(VENV)/.site-installed  ## Build the site into site/ with strict validation
	$(BIN)/mkdocs build --strict

# The books are printed by Chromium from the print pages, so the site is built first; CI's deploy job runs this.
downloads: build $(VENV)/.test-installed  ## Build the site, then the PDF and EPUB books into site/downloads/ (Chromium)
	$(BIN)/python -m tools.downloads site

check-data: $(VENV)/.site-installed  ## Validate data files and lesson front matter without building
	$(BIN)/python -m macros.site.check

lint: $(VENV)/.test-installed node_modules/.installed  ## Only the linters (ruff, codespell, markdown, workflows)
	$(BIN)/python -m pytest tests/test_lint.py tests/test_workflows.py

bench: $(VENV)/.test-installed node_modules/.installed benchmarks/node_modules/.installed  ## Build time, page weight, Lighthouse, scaling
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Not part of `make test`: about an hour on two cores. mutmut works in mutants/ (git-ignored).
mutation: $(VENV)/.test-installed  ## Mutation testing of the input guard; reports the score and unexplained survivors
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/mutation.lock
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python -m tools.mutation_report

diagrams: $(VENV)/.test-installed  ## Draw new or changed mermaid diagrams into diagrams/ (Chromium), drop unused ones
	$(BIN)/python -m macros.render.diagrams

previews: $(VENV)/.test-installed  ## Redraw the link-preview cards in docs/assets/previews/ (needs Chromium)
	$(BIN)/python scripts/make_previews.py

lock:  ## Re-resolve the lock files after editing pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 -o requirements/test.lock
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -c requirements/test.lock -o requirements/site.lock
	uv pip compile pyproject.toml --extra mutation --generate-hashes --python-version 3.11 -c requirements/test.lock -o requirements/mutation.lock
	uv pip compile pyproject.toml --extra freshness --generate-hashes --python-version 3.11 -c requirements/test.lock -o requirements/freshness.lock
	echo "flit_core>=3.12,<5" | uv pip compile - --generate-hashes --python-version 3.11 -c requirements/test.lock -o requirements/build.lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The project itself is installed editable, without dependencies, so that MkDocs finds its plugin by
# entry point (pyproject.toml); the build backend comes from a hashed lock file too.
INSTALL_PROJECT = $(BIN)/python -m pip install --quiet --require-hashes -r requirements/build.lock && \
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .

$(VENV)/.site-installed: requirements/site.lock requirements/build.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.lock
	$(INSTALL_PROJECT)
	touch $@

$(VENV)/.test-installed: requirements/test.lock requirements/build.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	$(INSTALL_PROJECT)
	touch $@ $(VENV)/.site-installed

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lighthouse is only for the benchmark, so it has its own lock file and stays out of the test install.
benchmarks/node_modules/.installed: benchmarks/package-lock.json
	npm ci --prefix benchmarks --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .cache node_modules benchmarks/node_modules benchmarks/out $(VENV)
