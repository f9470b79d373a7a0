# marketbrief: every target installs what it needs first, so `make run` and `make test`
# work on a fresh machine that has only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv is much faster than pip; when it is not on PATH we bootstrap it from PyPI into .tools/.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: install run test test-bare lint bench bench-llm bench-shared llm-server eval clean

install: $(STAMP)

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

# Bytecode is compiled once here (the venv's packages, then ours), so a command does not compile
# pandas, chromadb & co. on every start where PYTHONDONTWRITEBYTECODE is set (containers often
# set it): `marketbrief search` starts in about half the time there.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --extra dev --compile-bytecode --python $(PYTHON)
	$(BIN)/python -m compileall -q assistant ingest tools ui
	@touch $(STAMP)

run: install
	$(BIN)/marketbrief ui --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# `make test` as on a bare machine (fresh clone, empty HOME, no CJK font, no chromium); root.
test-bare:
	tests/bare-machine $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install
	$(BIN)/python -m benchmarks

# Answer quality of the offline path over our own question set (benchmarks/eval/questions.yaml)
# and retrieval hit@5 against a plain BM25, on a library built from ../shared.
eval: install
	$(BIN)/python -m benchmarks.eval

# A real OpenAI-compatible server (llama.cpp serving SmolLM2-135M) in .tools/llama, for the
# real-model tests and benchmark; built from source once (15-20 minutes on two cores).
llm-server:
	.ci/llm-server

# LLM mode against that real model over 20 eval questions (opt-in: minutes on two cores).
bench-llm: install llm-server
	$(BIN)/python -m benchmarks.bench_real_llm

# The shared deployment (a throwaway PostgreSQL and Chroma server): answers per second with 1, 2
# and 4 processes, ingest of 50,000 articles, search at 100,000 chunks (opt-in: ~15 minutes).
bench-shared: install
	$(BIN)/python -m benchmarks shared

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache
