# diplograph: two commands from a fresh clone.
#   make demo   build the graph of articles/, answer a question, write the diagram
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint reference browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/diplograph build articles --out graphs/diplograph.ttl --out graphs/diplograph.trig
	$(BIN)/diplograph query memberships --data graphs/diplograph.ttl
	$(BIN)/diplograph viz --data graphs/diplograph.ttl --out graphs/diplograph.html
	@echo "open graphs/diplograph.html in a browser"

# Browser tests need Debian's chromium; installed here when we are root and it is missing, else skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will be skipped"; }

test: $(STAMP) browser
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks

reference: $(STAMP)
	$(BIN)/python scripts/build_reference.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
