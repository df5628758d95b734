#!/usr/bin/env python3
"""`make conformance`: generated reports in every rendering, ingested, scored against truth.

    python3 scripts/conformance/run.py --seed 7 --n 60 [--renderings html,chromium-portrait,...]
                                       [--work target/conformance] [--bin target/release/biyelelt]

Steps: generate.py writes the reports and their truth (cached per seed and n under --work,
outside git); each rendering prints every report's HTML to PDF with one producer and one
orientation; biyelelt ingests each rendering's folder into its own dataset; score.py compares
each dataset with the truth. Prints one table, rendering x figure, then the worst reports.
A producer that is not installed is skipped with a line saying so.

Producers (each draws tables its own way): headless Chromium (Skia), WeasyPrint (Cairo),
wkhtmltopdf (Qt WebKit), LibreOffice from the HTML, LibreOffice from a DOCX built with
python-docx (Word-style tables).

Scans (`scan-150`, `scan-200`, `scan-300`, the first --scan-n reports): each report's PDF from a
producer drawn from the seed, rasterized at that dpi and degraded page by page (scan.py: skew up
to 2 degrees, blur, noise, specks, uneven light, faint rules, JPEG 50-80), a PDF of images with no
text layer; the folder's scans.json says what each page got.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import score  # noqa: E402

PAGE_CSS = {"portrait": "@page { size: A4 portrait; margin: 15mm; }",
            "landscape": "@page { size: A4 landscape; margin: 15mm; }"}


def with_page(html_text, orientation):
    return html_text.replace("</style>", PAGE_CSS[orientation] + "</style>", 1)


def chromium(src, dst, orientation):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise FileNotFoundError("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "page.html")
        open(page, "w", encoding="utf-8").write(with_page(open(src, encoding="utf-8").read(), orientation))
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={tmp}/profile",
                        "--no-pdf-header-footer", f"--print-to-pdf={dst}", page],
                       check=True, capture_output=True, timeout=120)


def weasyprint(src, dst, orientation):
    import weasyprint as wp  # noqa: F401  (ImportError: not installed)
    html_text = with_page(open(src, encoding="utf-8").read(), orientation)
    wp.HTML(string=html_text).write_pdf(dst)


def wkhtmltopdf(src, dst, orientation):
    exe = shutil.which("wkhtmltopdf")
    if not exe:
        raise FileNotFoundError("wkhtmltopdf")
    subprocess.run([exe, "-q", "-O", orientation.capitalize(), "-s", "A4", src, dst],
                   check=True, capture_output=True, timeout=120)


def soffice(src, dst, orientation, filt=None):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.splitext(os.path.basename(src))[0]
        ext = os.path.splitext(src)[1]
        page = os.path.join(tmp, name + ext)
        if ext == ".html":
            open(page, "w", encoding="utf-8").write(with_page(open(src, encoding="utf-8").read(), orientation))
        else:
            shutil.copy(src, page)
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
               "pdf:writer_pdf_Export" if filt is None else filt, "--outdir", tmp, page]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        shutil.move(os.path.join(tmp, name + ".pdf"), dst)


def docx_of(src, dst_docx, orientation):
    """A Word-style document of the report: paragraphs, and tables with merged cells."""
    import docx  # python-docx (ImportError: not installed)
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt
    from html.parser import HTMLParser

    class Parse(HTMLParser):
        def __init__(self):
            super().__init__()
            self.blocks, self.table, self.row, self.cell, self.text = [], None, None, None, None
            self.bold = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "table":
                self.table = []
            elif tag == "tr":
                self.row = []
            elif tag in ("td", "th"):
                self.cell = {"paras": [], "rowspan": int(a.get("rowspan", 1)),
                             "colspan": int(a.get("colspan", 1)), "cur": ""}
            elif tag in ("p", "h3", "h4"):
                self.text = ""
                self.bold = tag != "p"
            elif tag == "b":
                self.bold = True

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.cell is not None:
                if self.cell["cur"].strip():
                    self.cell["paras"].append(self.cell["cur"].strip())
                self.row.append(self.cell)
                self.cell = None
            elif tag == "tr" and self.row is not None:
                self.table.append(self.row)
                self.row = None
            elif tag == "table":
                self.blocks.append(("table", self.table))
                self.table = None
            elif tag in ("p", "h3", "h4"):
                if self.cell is not None:
                    self.cell["paras"].append(self.cell["cur"].strip())
                    self.cell["cur"] = ""
                elif self.text is not None:
                    self.blocks.append(("p", self.text.strip(), self.bold))
                self.text = None
                self.bold = False

        def handle_data(self, data):
            if self.cell is not None:
                self.cell["cur"] += data
            elif self.text is not None:
                self.text += data

    p = Parse()
    p.feed(open(src, encoding="utf-8").read())
    d = docx.Document()
    sec = d.sections[0]
    if orientation == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    style = d.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(9)
    for b in p.blocks:
        if b[0] == "p":
            run = d.add_paragraph().add_run(b[1])
            run.bold = b[2]
            continue
        rows = b[1]
        n_cols = max(sum(c["colspan"] for c in r) for r in rows)
        t = d.add_table(rows=len(rows), cols=n_cols)
        t.style = "Table Grid"
        covered = set()
        for i, r in enumerate(rows):
            j = 0
            for c in r:
                while (i, j) in covered:
                    j += 1
                if j >= n_cols:
                    break
                cell = t.cell(i, j)
                cell.text = c["paras"][0] if c["paras"] else ""
                for extra in c["paras"][1:]:
                    cell.add_paragraph(extra)
                i2, j2 = i + c["rowspan"] - 1, j + c["colspan"] - 1
                for ii in range(i, min(i2, len(rows) - 1) + 1):
                    for jj in range(j, min(j2, n_cols - 1) + 1):
                        covered.add((ii, jj))
                if (i2, j2) != (i, j):
                    cell.merge(t.cell(min(i2, len(rows) - 1), min(j2, n_cols - 1)))
                j = j2 + 1
    d.save(dst_docx)


def docx_libreoffice(src, dst, orientation):
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.splitext(os.path.basename(src))[0]
        path = os.path.join(tmp, name + ".docx")
        docx_of(src, path, orientation)
        soffice(path, dst, orientation)


PRODUCERS = {
    "chromium": chromium,
    "weasyprint": weasyprint,
    "wkhtmltopdf": wkhtmltopdf,
    "libreoffice-html": soffice,
    "libreoffice-docx": docx_libreoffice,
}


# What a scan is made from, one per report drawn from the seed: producers whose tables are
# ruled, unruled or ruled in rows only, in both orientations (not LibreOffice from HTML in
# portrait, which may leave a too-wide table's last column out).
SCAN_SOURCES = ["chromium-portrait", "chromium-landscape", "weasyprint-portrait", "weasyprint-landscape",
                "wkhtmltopdf-landscape", "libreoffice-docx-portrait", "libreoffice-docx-landscape",
                "libreoffice-html-landscape"]


def scan_sources(base, sources, seed):
    """Report id -> the born-digital PDF its scans are made from (rendered when missing)."""
    import random
    rnd = random.Random(seed)
    out = {}
    for src in sources:
        rid = os.path.basename(src).replace(".html", "")
        name = rnd.choice(SCAN_SOURCES)
        producer, orientation = name.rsplit("-", 1)
        pdf = os.path.join(base, name, rid + ".pdf")
        if not os.path.exists(pdf):
            os.makedirs(os.path.dirname(pdf), exist_ok=True)
            PRODUCERS[producer](src, pdf, orientation)
        out[rid] = pdf
    return out


def render_scans(name, base, sources, seed, out_dir):
    """`scan-DPI`: each report's born-digital PDF scanned at DPI (scan.py), its pages degraded
    each their own way; what was done is kept in the folder's scans.json."""
    import scan
    dpi = int(name.split("-")[1])
    made = scan_sources(base, sources, seed)
    os.makedirs(out_dir, exist_ok=True)
    log_path = os.path.join(out_dir, "scans.json")
    log = json.load(open(log_path)) if os.path.exists(log_path) else {}
    todo = [rid for rid in sorted(made) if not os.path.exists(os.path.join(out_dir, rid + ".pdf"))]

    def one(rid):
        pages = scan.scan(made[rid], os.path.join(out_dir, rid + ".pdf"), dpi, f"{seed}-{rid}-{dpi}")
        return rid, {"from": os.path.relpath(made[rid], base), "pages": pages}

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        for rid, entry in ex.map(one, todo):
            log[rid] = entry
    json.dump(log, open(log_path, "w"), indent=1)
    return made


def render(name, sources, out_dir):
    producer, orientation = name.rsplit("-", 1)
    fn = PRODUCERS[producer]
    os.makedirs(out_dir, exist_ok=True)
    todo = [s for s in sources
            if not os.path.exists(os.path.join(out_dir, os.path.basename(s).replace(".html", ".pdf")))]
    serial = producer.startswith("libreoffice")  # one soffice at a time per profile is safest

    def one(src):
        fn(src, os.path.join(out_dir, os.path.basename(src).replace(".html", ".pdf")), orientation)

    if serial:
        for s in todo:
            one(s)
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
            list(ex.map(one, todo))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "conformance"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "biyelelt"))
    ap.add_argument("--renderings", default="html," + ",".join(
        f"{p}-{o}" for p in PRODUCERS for o in ("portrait", "landscape")) + ",scan-150,scan-200,scan-300")
    ap.add_argument("--scan-n", type=int, default=40,
                    help="scan renderings (scan-150, scan-200, scan-300) take the first this many reports")
    ap.add_argument("--json", help="write the table as JSON here too")
    ap.add_argument("--min-measures", type=float,
                    help="exit 1 when a rendering finds fewer measures (%%) than this")
    ap.add_argument("--max-false", type=int,
                    help="exit 1 when a rendering has more false error/warning findings than this")
    a = ap.parse_args()
    base = os.path.join(a.work, f"seed{a.seed}-n{a.n}")
    src = os.path.join(base, "src")
    if not os.path.exists(os.path.join(src, f"r{a.n - 1:03d}.truth.json")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--seed", str(a.seed),
                        "--n", str(a.n), "--out", src], check=True)
    sources = sorted(glob.glob(os.path.join(src, "*.html")))
    table = {}
    for name in a.renderings.split(","):
        folder = src if name == "html" else os.path.join(base, name)
        made = None
        try:
            if name.startswith("scan-"):
                made = render_scans(name, base, sources[:a.scan_n], a.seed, folder)
            elif name != "html":
                render(name, sources, folder)
        except (FileNotFoundError, ImportError, OSError) as e:
            print(f"{name}: skipped, producer not installed ({e})", file=sys.stderr)
            continue
        ds = os.path.join(base, f"ds-{name}")
        shutil.rmtree(ds, ignore_errors=True)
        inputs = sorted(glob.glob(os.path.join(folder, "*.pdf" if name != "html" else "*.html")))
        subprocess.run([a.bin, "ingest", *inputs, "--out", ds], check=True, capture_output=True)
        if made is not None:
            table[name] = score.score(src, ds, ids=set(made), source_pdfs=made)
        else:
            table[name] = score.score(src, ds, None if name == "html" else folder)
    cols = ["reports", "measures", "scores", "texts", "objectives", "header", "planted", "false", "lossy"]
    print(f"seed {a.seed}, {a.n} reports; figures in % of the truth, 'false' = error/warning findings on clean reports")
    print("| rendering | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for name, row in table.items():
        print(f"| {name} | " + " | ".join("-" if row[c] is None else str(row[c]) for c in cols) + " |")
    print("\nworst reports:")
    for name, row in table.items():
        for w in row["worst"]:
            print(f"  {name}: {w}")
    if a.json:
        json.dump(table, open(a.json, "w"), ensure_ascii=False, indent=1)
    short = [f"{name}: measures {row['measures']}% < {a.min_measures}%" for name, row in table.items()
             if a.min_measures is not None and (row["measures"] or 0) < a.min_measures]
    short += [f"{name}: {row['false']} false findings > {a.max_false}" for name, row in table.items()
              if a.max_false is not None and row["false"] > a.max_false]
    if short:
        sys.exit("conformance below the bar: " + "; ".join(short))


if __name__ == "__main__":
    main()
