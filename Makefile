# Cities4Cities developer commands. The first two are all you need:
#   make run     migrate, seed demo data, then the site on http://localhost:8000/ (+ worker, beat)
#   make test    ruff and the test suite; pytest arguments via ARGS="-k matching -x"
# PostgreSQL and Redis: see scripts/devenv (local servers if they answer, else embedded ones).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Reinstalled whenever requirements-dev.lock is newer than this stamp.
STAMP := $(VENV)/.installed
LANGUAGES := uk de fr pl
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint format lock messages env stop bench-api

help:
	@echo "make run        the site on http://localhost:8000/ with worker and beat (Ctrl-C stops)"
	@echo "make test       ruff check + format check + pytest (ARGS=... for pytest)"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make format     ruff format + ruff check --fix"
	@echo "make lock       regenerate requirements.lock and requirements-dev.lock from pyproject.toml"
	@echo "make messages   update the uk/de/fr/pl catalogues and compile them"
	@echo "make env        export lines for your shell: eval \"\$$(make -s env)\""
	@echo "make stop       stop the embedded PostgreSQL/Redis that 'make env' left running"
	@echo "make bench-api  the REST API under load (scratch database, gunicorn; ARGS=--help)"

$(PY):
	$(PYTHON) -m venv $(VENV)

# pip's output goes to stderr so that `eval "$(make -s env)"` stays clean on a fresh clone.
$(STAMP): requirements-dev.lock | $(PY)
	$(PY) -m pip install --require-hashes -r requirements-dev.lock 1>&2
	@touch $@

run: $(STAMP)
	$(PY) scripts/devenv run

test: $(STAMP)
	$(PY) scripts/devenv test $(ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

LOCK_FLAGS := --python-version 3.11 --generate-hashes --quiet

lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements-dev.lock

messages: $(STAMP)
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGES)) --no-obsolete \
		--ignore=.venv --ignore=.local
	$(PY) manage.py compile_translations

env: $(STAMP)
	@$(PY) scripts/devenv env

stop: $(STAMP)
	$(PY) scripts/devenv stop

# A scratch database of its own (created and dropped), the app under gunicorn on loopback.
bench-api: $(STAMP)
	eval "$$($(PY) scripts/devenv env)" && $(PY) benchmarks/bench_api.py $(ARGS)
