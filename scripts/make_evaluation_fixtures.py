#!/usr/bin/env python3
"""Print and scan an evaluation summary for the PDF and OCR paths (issue 13).

    python3 scripts/make_evaluation_fixtures.py   # needs chromium, poppler-utils, Pillow

tests/fixtures/evaluations/variants/v03_six_bands_subtotals.html is printed by headless
Chromium twice, into tests/fixtures/evaluations/pdf/:
- v03_boxed.pdf: as written (border=1: every cell framed apart, so rules come doubled);
- v03_collapsed.pdf: with border-collapse (one rule between cells, as office suites print), its
  band columns so narrow that "тоо" and "100" stand 2.3 pt apart across a rule.
The collapsed print is then scanned by the conformance bed's scanner (scripts/conformance/
scan.py: 200 dpi, seed 13, skew, blur, noise and JPEG drawn from the seed) into
tests/fixtures/evaluations/scan/v03_collapsed_scan.pdf. Outputs are committed.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "conformance"))
import scan  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "tests", "fixtures", "evaluations")


def print_pdf(html, pdf):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html], check=True, stderr=subprocess.DEVNULL)


def main():
    src = os.path.join(EVAL, "variants", "v03_six_bands_subtotals.html")
    pdf_dir, scan_dir = os.path.join(EVAL, "pdf"), os.path.join(EVAL, "scan")
    os.makedirs(pdf_dir, exist_ok=True)
    os.makedirs(scan_dir, exist_ok=True)
    print_pdf(src, os.path.join(pdf_dir, "v03_boxed.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        collapsed = os.path.join(tmp, "v03_collapsed.html")
        with open(src, encoding="utf-8") as f:
            html = f.read().replace('<table border="1">', '<table border="1" style="border-collapse:collapse">')
        with open(collapsed, "w", encoding="utf-8") as f:
            f.write(html)
        print_pdf(collapsed, os.path.join(pdf_dir, "v03_collapsed.pdf"))
    params = scan.scan(os.path.join(pdf_dir, "v03_collapsed.pdf"), os.path.join(scan_dir, "v03_collapsed_scan.pdf"),
                       200, 13)
    print(params)


if __name__ == "__main__":
    main()
