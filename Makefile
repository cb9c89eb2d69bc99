# diplograph: two commands from a fresh clone.
#   make demo   build the graph store of articles/ (and its files), answer a question, write the diagram
#   make test   run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test eval bench lint reference system-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/diplograph build articles --rebuild --out graphs/diplograph.ttl --out graphs/diplograph.trig
	$(BIN)/diplograph query memberships
	$(BIN)/diplograph viz --out graphs/diplograph.html
	@echo "open graphs/diplograph.html in a browser"

# Some tests use Debian packages: chromium (the diagram in a real browser), raptor2-utils (a second RDF
# parser), virtuoso-opensource-7-bin (a second triple store), default-jdk-headless (Java, for HermiT) and
# libowlapi-java (the OWL API: the OWL 2 DL profile check). They are installed here when we are root
# and they are missing; otherwise those tests are skipped with the reason.
system-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource-7-bin"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jdk-headless"; \
	[ -e /usr/share/java/owlapi-distribution.jar ] || missing="$$missing libowlapi-java"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || \
	      echo "could not install$$missing: the tests that need them will be skipped"; \
	  else echo "not installed:$$missing (needs root): the tests that need them will be skipped"; fi; \
	fi

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/pytest

# The extraction scored on real published news (tests/corpus): the development set, then the hold-out.
eval: $(STAMP)
	$(BIN)/diplograph eval tests/corpus/dev
	$(BIN)/diplograph eval tests/corpus/holdout

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Prints the tables and writes benchmarks/RESULTS.md (about 10 minutes on 2 cores, plus the store at 10,000
# articles: about half an hour), then the tests on large corpora (pytest -m slow).
bench: $(BENCH_STAMP) system-deps
	$(BIN)/python -m benchmarks
	$(BIN)/pytest -m slow

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

# pycountry (the reference extra) is installed with the test extra
reference: $(STAMP)
	$(BIN)/python scripts/build_reference.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
