#!/usr/bin/env python3
"""Make corpus/'s born-digital PDF and scan, so that `make demo` shows both beside the text
exports.

    python3 scripts/make_corpus_pdfs.py   # needs chromium, poppler-utils and Pillow

Both come from the conformance generator (scripts/conformance/generate.py, seed 7), not from
LibreOffice like the test fixtures:
- corpus/niislel_2021_chromium.pdf is report r010 (a table without ruling lines, the № and
  activity cells merged over each objective's rows) printed by headless Chromium;
- corpus/gazar_2018_scan.pdf is report r022 (its measure 1.3 planted with two scores, 100 in
  the plan table and 40 in the evaluation) printed by Chromium and scanned by
  scripts/conformance/scan.py at 200 dpi, seed 11 (skew, blur, noise, JPEG).
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
import scan  # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "conformance", "generate.py"),
                        "--seed", "7", "--n", "60", "--out", tmp], check=True, capture_output=True)
        corpus = os.path.join(ROOT, "corpus")
        conformance.chromium(os.path.join(tmp, "r010.html"),
                             os.path.join(corpus, "niislel_2021_chromium.pdf"), "portrait")
        printed = os.path.join(tmp, "r022.pdf")
        conformance.chromium(os.path.join(tmp, "r022.html"), printed, "portrait")
        scan.scan(printed, os.path.join(corpus, "gazar_2018_scan.pdf"), 200, 11)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
