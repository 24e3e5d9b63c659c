# Thirds: two commands for a newcomer (`make run`, `make test`); the rest for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-long bench lint screenshots samples clean

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian/Ubuntu install the venv module first (apt-get install python3-venv), then run make again."; exit 1; }
	$(PY) -m pip install --quiet -e '.[test]'
	@$(PY) -m gui.system_libs --install
	@$(PY) tests/postgres_server.py --install || true  # for the records tests, which say so if it is missing
	@touch $(STAMP)

run: $(STAMP)
	@[ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] || $(PY) -m gui.system_libs --install --window
	@$(PY) -m gui || [ $$? -eq 3 ]  # 3: no display, already said in one line

# three workers on two cores: many tests wait on processes they start (two windows, kills, servers)
test: $(STAMP)
	$(PY) -m pytest -q -n 3

# The long forms: many more property examples, and the crash and concurrency loops at full length.
test-long: $(STAMP)
	THIRDS_PROPERTY_EXAMPLES=600 THIRDS_LONG=1 $(PY) -m pytest -q -n 3

bench: $(STAMP)
	$(PY) benchmarks/engine.py
	@for b in startup pdf records taps; do [ ! -f benchmarks/$$b.py ] || $(PY) benchmarks/$$b.py || exit 1; done

LINT_STAMP := $(VENV)/.lint-stamp

$(LINT_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,lint]'
	@touch $(LINT_STAMP)

lint: $(LINT_STAMP)
	$(PY) -m ruff check core gui tests benchmarks
	$(PY) -m mypy core
	$(PY) -m mypy gui
	$(VENV)/bin/lint-imports

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m gui.screenshots docs/screenshots

samples: $(STAMP)
	$(PY) -m core.samples docs/samples

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
