#!/bin/sh
# Fuzz the text reader, the PDF reader and segmentation with cargo-fuzz (libFuzzer), each for
# SECONDS (default 60), seeded from corpus/ and tests/fixtures/. Prints, per target, the
# executions run and the crashes found (their inputs are kept in fuzz/artifacts/TARGET/).
# The machine's Rust is stable: RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags.
set -e
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
TARGETS=${FUZZ_TARGETS:-"text_reader pdf_reader segment"}
seed() {
    mkdir -p "fuzz/corpus/$1"
    for f in $2; do [ -f "$f" ] && cp "$f" "fuzz/corpus/$1/seed-$(basename "$f")"; done
    return 0
}
seed text_reader "corpus/* tests/fixtures/bad/* tests/fixtures/findings/*"
seed segment "corpus/*.txt corpus/*.md tests/fixtures/findings/*"
seed pdf_reader "tests/fixtures/pdf/*.pdf tests/fixtures/pdf/bad/*.pdf"
cargo fuzz build -O -s none 2>&1 | tail -1
for t in $TARGETS; do
    mkdir -p "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t.log"
    cargo fuzz run -O -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$SECONDS_PER_TARGET" \
        -rss_limit_mb=2048 -timeout=30 -max_len=262144 -print_final_stats=1 >"$log" 2>&1 || true
    execs=$(grep -h "stat::number_of_executed_units" "$log" | awk '{s+=$2} END {print s+0}')
    crashes=$(ls "fuzz/artifacts/$t" | grep -c -E '^(crash|timeout|oom|leak)-' || true)
    echo "$t: ${SECONDS_PER_TARGET}s, $execs executions, $crashes crash/timeout/oom input(s) in fuzz/artifacts/$t"
done
