# Défis: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
APP_LOCK := requirements/app.txt
DEV_LOCK := requirements/dev.txt
UPGRADE ?=
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

# Local services are used when they answer; the variables win when set.
define detect_services
if [ -z "$$DATABASE_URL" ]; then \
  if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/defis; \
  else \
    echo "NOTICE: no PostgreSQL on 127.0.0.1:5432 and no DATABASE_URL: the tests run on SQLite."; \
  fi; \
fi; \
if [ -z "$$REDIS_URL" ] && $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 6379), 1)" 2>/dev/null; then \
  export REDIS_URL=redis://127.0.0.1:6379/1; \
fi;
endef

.PHONY: install lock run worker beat test test-fast lint format bench messages clean

# The exact versions of the dev lock, checked against their hashes; nothing is resolved here.
$(STAMP): $(DEV_LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(DEV_LOCK)
	@test -f .env || printf '# Development settings of this checkout (see README, Configuration).\nDEBUG=1\n' > .env
	@touch $(STAMP)

install: $(STAMP)

# Both locks are resolved on PyPI for every platform from Python 3.11 on; the dev lock is
# constrained by the app lock, so the two always agree on the versions they share.
LOCK_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" \
	$(if $(filter all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package=,$(UPGRADE)))

## make lock: write pyproject.toml's ranges into the lock files, keeping every version already
## pinned; UPGRADE="name ..." moves those packages to their newest allowed release (UPGRADE=all: all)
lock: install
	$(LOCK_COMPILE) --output-file $(APP_LOCK)
	$(LOCK_COMPILE) --extra dev --constraint $(APP_LOCK) --output-file $(DEV_LOCK)
	@$(MAKE) --no-print-directory install

## make run: install, migrate, load the demo data and serve on http://$(HOST):$(PORT)
run: install
	export DEBUG=$${DEBUG:-1} HOST=$(HOST) PORT=$(PORT); \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py load_demo_data && \
	echo "Défis runs on http://$(HOST):$(PORT)/ (Ctrl-C to stop)" && \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make worker / make beat: a Celery worker and scheduler, when REDIS_URL is set
worker: install
	$(BIN)/celery -A innovation worker -Q default,mail,reports --loglevel=info

beat: install
	$(BIN)/celery -A innovation beat --loglevel=info

## make test: the whole suite (PostgreSQL, Redis and Chromium when present; REQUIRE_SERVICES=1 makes them mandatory)
test: install
	@$(detect_services) \
	$(BIN)/pytest $(PYTEST_ARGS)

## make test-fast: without the browser and worker tests
test-fast: install
	@$(detect_services) \
	$(BIN)/pytest -m "not e2e and not integration" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make bench: speed and memory measurements, printed as a table (not timed tests)
bench: install
	@$(detect_services) \
	$(BIN)/python -m tests.perf.bench $(BENCH)

## make messages: extract the strings to translate and compile the catalogues (needs gettext)
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l fr -l en --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=var
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var db.sqlite3 tests/artifacts
