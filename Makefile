# SIKAP: `make run` sets everything up from a bare python3 and serves the demo; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_HOME := .tools
UV := $(UV_HOME)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON := $(shell command -v $(PYTHON))
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint typecheck bench setup assets migrate demo messages format check-deploy worker

$(UV):
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet
	touch $@

static/vendor/.stamps: assets.lock.json scripts/assets.py
	$(PYTHON) scripts/assets.py
	touch $@

setup: $(VENV)/.synced static/vendor/.stamps

assets: static/vendor/.stamps

migrate: setup
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo

run: demo
	@echo "SIKAP is at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: setup
	DEBUG=1 $(PY) manage.py db_worker --no-reload

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: setup
	DEBUG=1 $(VENV)/bin/mypy config sikap

messages: setup
	DEBUG=1 $(PY) manage.py makemessages -l id -l en --no-obsolete --ignore=.venv --ignore=.tools --ignore=var --ignore=static
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

bench: setup
	DEBUG=1 $(PY) bench/run.py

check-deploy: setup
	SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
	  DATABASE_URL=postgres://localhost/sikap ALLOWED_HOSTS=sikap.example.id SITE_URL=https://sikap.example.id \
	  $(PY) manage.py check --deploy --fail-level WARNING
