#!/bin/sh
# Install what `make demo` and `make test` need, when it is missing. Runs as root on Debian.
set -e
need_apt=""
command -v cc >/dev/null 2>&1 || need_apt="$need_apt gcc libc6-dev"
command -v python3 >/dev/null 2>&1 || need_apt="$need_apt python3 python3-pip"
# Scanned reports: poppler renders the pages, Tesseract reads them with its Mongolian model.
command -v pdftoppm >/dev/null 2>&1 || need_apt="$need_apt poppler-utils"
command -v tesseract >/dev/null 2>&1 || need_apt="$need_apt tesseract-ocr"
{ tesseract --list-langs 2>/dev/null | grep -qx mon; } || need_apt="$need_apt tesseract-ocr-mon"
# Words a word processor broke at a narrow cell's edge are joined when Hunspell's Mongolian
# dictionary knows the whole word; hunspell-rs builds Hunspell (C++) with bindgen (libclang).
[ -f /usr/share/hunspell/mn_MN.dic ] || need_apt="$need_apt hunspell-mn"
command -v c++ >/dev/null 2>&1 || need_apt="$need_apt g++"
# libclang-cpp (pulled in by other packages) is not enough: bindgen loads libclang.so itself.
ls /usr/lib/llvm-*/lib/libclang.so >/dev/null 2>&1 || need_apt="$need_apt libclang-dev"
# The year-over-year page is checked in headless Chromium (tests/yoy.rs).
command -v chromium >/dev/null 2>&1 || need_apt="$need_apt chromium"
if [ -n "$need_apt" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt
fi
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: installing Rust with rustup" >&2
    command -v curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl ca-certificates; }
    curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
fi
# The README's query examples (Python polars, DuckDB) run in the test suite.
if ! python3 -c "import polars, duckdb" >/dev/null 2>&1; then
    python3 -m pip install --quiet polars duckdb 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages polars duckdb
fi
