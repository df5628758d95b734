#!/usr/bin/env python3
"""Make scanned-report fixtures from the born-digital PDFs (tests/fixtures/pdf/).

    python3 scripts/make_scans.py    # needs poppler-utils (pdftoppm) and imagemagick (convert)

Each page is rendered gray with pdftoppm, then ImageMagick gives it what a photocopier and a
scanner do — a slight rotation, noise, JPEG compression — and the pages go back into a PDF that
holds nothing but the page images (no text layer). Outputs, committed, under tests/fixtures/scan/:
- tatvar_scan.pdf: variant A at 200 dpi, rotated 0.3°, light noise, JPEG quality 60;
- sample_scan.pdf: the sample at 200 dpi, rotated -0.2°, light noise, JPEG quality 60;
- gaali_scan.pdf: variant B (markdown export, portrait, no evaluation), rotated 0.4°;
- tatvar_noborders_scan.pdf: variant A without ruling lines, not rotated.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pdfs import image_pdf  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tests", "fixtures", "pdf")
OUT = os.path.join(ROOT, "tests", "fixtures", "scan")


def scan(name, src, dpi, angle, quality):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", os.path.join(SRC, src), os.path.join(tmp, "p")],
                       check=True)
        pages = []
        for n in sorted(f for f in os.listdir(tmp) if f.endswith(".pgm")):
            out = os.path.join(tmp, n + ".jpg")
            subprocess.run(["convert", os.path.join(tmp, n), "-seed", "7", "-background", "white", "-rotate", str(angle),
                            "-attenuate", "0.15", "+noise", "Gaussian", "-quality", str(quality), out],
                           check=True)
            pages.append(open(out, "rb").read())
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(image_pdf(pages, dpi, gray=True))


def main():
    scan("tatvar_scan.pdf", "tatvar_landscape.pdf", 200, 0.3, 60)
    scan("sample_scan.pdf", "sample_landscape.pdf", 200, -0.2, 60)
    scan("gaali_scan.pdf", "gaali_portrait.pdf", 200, 0.4, 60)
    scan("tatvar_noborders_scan.pdf", "tatvar_noborders.pdf", 200, 0.0, 60)


if __name__ == "__main__":
    main()
