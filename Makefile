# `make demo`: ingest corpus/ into out/demo and print the summary.
# `make test`: formatting, lints, unit and integration tests, the README's query examples.
SHELL := /bin/sh
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
DEMO_OUT ?= out/demo

.PHONY: demo test deps build fixtures bench

deps:
	@./scripts/deps.sh

build: deps
	$(CARGO) build --quiet

demo: build
	$(CARGO) run --quiet -- ingest corpus --out $(DEMO_OUT)
	python3 examples/query.py $(DEMO_OUT)

test: deps
	$(CARGO) fmt --check
	$(CARGO) clippy --quiet --all-targets -- -D warnings
	$(CARGO) test --quiet
	rm -rf out/test-readme
	$(CARGO) run --quiet -- ingest corpus --out out/test-readme >/dev/null
	python3 examples/query.py out/test-readme --check

# Rewrite the generated variants and bad inputs (committed; see scripts/make_fixtures.py).
fixtures:
	python3 scripts/make_fixtures.py

# Benchmarks (not tests): PDF pipeline against pdftotext -bbox-layout.
bench: deps
	$(CARGO) run --release --quiet --example bench_pdf
