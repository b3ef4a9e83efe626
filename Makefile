# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

MUTDIR := .mutation

.PHONY: demo test lint format lab bench docs mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name campaign-eval --display-name "campaign-eval"
	touch $(STAMP)

$(DEVSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $(DEVSTAMP)

## demo: install, generate the synthetic CRM world, run every stage for params/demo.yaml
demo: $(STAMP)
	$(BIN)/campaign-eval demo

## test: ruff (lint + format check), mypy on src/ and the whole pytest suite
test: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint format: $(DEVSTAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## lab: JupyterLab on notebooks/ with the project's kernel
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

## bench: the benchmarks of benchmarks/README.md
bench: $(DEVSTAMP)
	$(BIN)/python benchmarks/run.py

## mutation: mutmut on src/campaign_eval/stats with tests/stats, in a scratch copy (by hand, not CI)
mutation: $(DEVSTAMP)
	$(BIN)/python -m pip install --quiet -e ".[mutation]"
	rm -rf $(MUTDIR) && mkdir -p $(MUTDIR) && git archive HEAD | tar -x -C $(MUTDIR)
	cd $(MUTDIR) && $(CURDIR)/$(BIN)/mutmut run --max-children 2; \
	  echo "survivors: cd $(MUTDIR) && $(CURDIR)/$(BIN)/mutmut results"

## docs: regenerate docs/params.md, docs/data_contract.md and the JSON Schema from the code
docs: $(STAMP)
	$(BIN)/campaign-eval docs docs/

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache $(MUTDIR)
