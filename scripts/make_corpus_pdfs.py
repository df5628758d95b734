#!/usr/bin/env python3
"""Make corpus/'s born-digital PDF, so that `make demo` shows a PDF beside the text exports.

    python3 scripts/make_corpus_pdfs.py   # needs chromium

It comes from the conformance generator (scripts/conformance/generate.py, seed 7), not from
LibreOffice like the test fixtures: corpus/niislel_2021_chromium.pdf is report r010 (a table
without ruling lines, the № and activity cells merged over each objective's rows) printed by
headless Chromium. (A scan joins it with the scan issue: scans of these generated reports are
not read well enough yet to show in the demo.)
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "conformance"))
import run as conformance  # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "conformance", "generate.py"),
                        "--seed", "7", "--n", "60", "--out", tmp], check=True, capture_output=True)
        corpus = os.path.join(ROOT, "corpus")
        conformance.chromium(os.path.join(tmp, "r010.html"),
                             os.path.join(corpus, "niislel_2021_chromium.pdf"), "portrait")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
