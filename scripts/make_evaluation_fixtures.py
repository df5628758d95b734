#!/usr/bin/env python3
"""Print and scan an evaluation summary for the PDF and OCR paths (issue 13).

    python3 scripts/make_evaluation_fixtures.py   # needs chromium, poppler-utils, Pillow

tests/fixtures/evaluations/variants/v03_six_bands_subtotals.html is printed by headless
Chromium (its border=1 table draws every cell's own frame: doubled rules) to
tests/fixtures/evaluations/pdf/v03_six_bands_subtotals.pdf, then scanned by the
conformance bed's scanner (scripts/conformance/scan.py: 200 dpi, seed 13, its skew, blur, noise
and JPEG drawn from the seed) to
tests/fixtures/evaluations/scan/v03_six_bands_subtotals_scan.pdf. Outputs are committed.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "conformance"))
import scan  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "tests", "fixtures", "evaluations")


def main():
    src = os.path.join(EVAL, "variants", "v03_six_bands_subtotals.html")
    pdf_dir = os.path.join(EVAL, "pdf")
    os.makedirs(pdf_dir, exist_ok=True)
    pdf = os.path.join(pdf_dir, "v03_six_bands_subtotals.pdf")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", src], check=True, stderr=subprocess.DEVNULL)
    scan_dir = os.path.join(EVAL, "scan")
    os.makedirs(scan_dir, exist_ok=True)
    params = scan.scan(pdf, os.path.join(scan_dir, "v03_six_bands_subtotals_scan.pdf"), 200, 13)
    print(params)


if __name__ == "__main__":
    main()
