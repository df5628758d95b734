# `make demo`: ingest corpus/ into out/demo, print the summary and the year-over-year view
# (out/demo-yoy.html: the page with the chart; out/demo-report.html: findings with their evidence).
# `make test`: formatting, lints, unit and integration tests, the README's query examples.
SHELL := /bin/sh
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
DEMO_OUT ?= out/demo

.PHONY: demo test deps build fixtures bench bench-ocr bench-scale fuzz conformance

deps:
	@./scripts/deps.sh

build: deps
	$(CARGO) build --quiet

demo: build
	./target/debug/biyelelt ingest corpus --out $(DEMO_OUT)
	python3 queries/explore.py $(DEMO_OUT)
	./target/debug/biyelelt yoy $(DEMO_OUT) --format html -o $(DEMO_OUT)-yoy.html --force
	./target/debug/biyelelt report $(DEMO_OUT) -o $(DEMO_OUT)-report.html --force
	./target/debug/biyelelt yoy $(DEMO_OUT)

test: deps
	$(CARGO) fmt --check
	$(CARGO) clippy --quiet --all-targets -- -D warnings
	$(CARGO) test --quiet
	rm -rf out/test-readme
	# The binary the integration tests built (cargo run would rebuild without dev-dependencies).
	./target/debug/biyelelt ingest corpus --out out/test-readme >/dev/null
	python3 queries/explore.py out/test-readme --check
	# The analysts' questions of the README in Python polars, DuckDB and Rust polars.
	python3 queries/questions.py out/test-readme --check
	python3 queries/duckdb_questions.py out/test-readme --check
	$(CARGO) run --quiet --manifest-path queries/rust/Cargo.toml -- out/test-readme --check
	# A fixed-seed slice of the conformance bed, text exports and their prints by headless
	# Chromium, WeasyPrint, wkhtmltopdf, LibreOffice from DOCX and from HTML (tables ruled, of
	# row rules only, without rules): every measure found, no false error or warning finding.
	./scripts/conformance/deps.sh
	python3 scripts/conformance/run.py --seed 7 --n 12 \
		--renderings html,chromium-portrait,weasyprint-portrait,wkhtmltopdf-landscape,libreoffice-docx-portrait,libreoffice-html-landscape,libreoffice-html-portrait \
		--bin ./target/debug/biyelelt --work out/conformance --min-measures 100 --max-false 0

# Rewrite the generated fixtures (committed). PDFs need libreoffice-writer-nogui, fonts-dejavu,
# qpdf; scans need imagemagick.
fixtures:
	python3 scripts/make_fixtures.py
	python3 scripts/make_series.py
	python3 scripts/make_pdfs.py
	python3 scripts/make_scans.py

# Benchmarks (not tests): PDF pipeline against pdftotext -bbox-layout; re-ingest of an unchanged
# archive against hashing it.
# The PDFs are the conformance generator's reports (BENCH_PDF_SEED, 20 of them) rendered by every
# PDF producer of scripts/conformance in both orientations; rendered once, under target/.
BENCH_PDF_SEED ?= 7
PDF_RENDERINGS = $(shell python3 -c "import sys; sys.path.insert(0, 'scripts/conformance'); \
	from run import PRODUCERS; print(','.join(p + '-' + o for p in PRODUCERS for o in ('portrait', 'landscape')))")
bench: deps
	./scripts/conformance/deps.sh
	$(CARGO) build --release --quiet
	python3 scripts/conformance/run.py --seed $(BENCH_PDF_SEED) --n 20 --renderings $(PDF_RENDERINGS) > /dev/null
	$(CARGO) run --release --quiet --example bench_pdf -- --dir target/conformance/seed$(BENCH_PDF_SEED)-n20
	$(CARGO) run --release --quiet --example bench_archive

# Benchmark: archives of BENCH_SIZES generated text reports ingested into new datasets: wall
# time, time per report, peak RSS, re-ingest, files and bytes written, the analysts' query in
# polars and DuckDB, linking the measures alone (examples/bench_link). Work files under
# target/bench-scale/.
BENCH_SIZES ?= 1000,5000,10000,20000
bench-scale: deps
	$(CARGO) build --release --quiet
	$(CARGO) build --release --quiet --example bench_link
	python3 scripts/bench/scale.py --bin target/release/biyelelt --sizes $(BENCH_SIZES) \
		--link-bin target/release/examples/bench_link

# Benchmark: scans, time per page against plain tesseract, 2 workers vs 1, character error rate.
bench-ocr: deps
	$(CARGO) build --release --quiet
	$(CARGO) run --release --quiet --example bench_ocr

# Fuzzing (cargo-fuzz, libFuzzer): the text reader, the PDF reader and segmentation, each for
# FUZZ_SECONDS; crashes are kept in fuzz/artifacts/. `make test` runs seeded mutations instead.
FUZZ_SECONDS ?= 60
fuzz: deps
	./scripts/fuzz.sh $(FUZZ_SECONDS)

# Conformance: CONF_N generated reports (seed CONF_SEED) as HTML and printed by five PDF
# producers in two orientations, and the first 40 scanned at 150, 200 and 300 dpi, ingested and
# scored against their truth (a benchmark, not a test: the table is the result). Work files
# under target/conformance/, outside git. The scans' OCR takes most of the time.
CONF_SEED ?= 7
CONF_N ?= 60
conformance: deps
	./scripts/conformance/deps.sh
	$(CARGO) build --release --quiet
	python3 scripts/conformance/run.py --seed $(CONF_SEED) --n $(CONF_N)
