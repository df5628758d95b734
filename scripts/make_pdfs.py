#!/usr/bin/env python3
"""Render text-form reports to born-digital PDFs (LibreOffice headless, DejaVu fonts).

    python3 scripts/make_pdfs.py        # needs: apt-get install libreoffice-writer-nogui fonts-dejavu

Each report of the sample's form (blocks, tab-separated rows with HTML cells) is written as a
flat ODT document (exact page size, bordered table, header row repeated on every page, a running
footer with the page number) and converted with `soffice --headless --convert-to pdf`.
The text form's page-break continuation rows are joined back into their logical rows first, so
the PDF's own page breaks (wherever LibreOffice puts them) are the only ones.

Outputs, committed under tests/fixtures/pdf/:
- sample_landscape.pdf, sample_portrait.pdf: the sample on A4 landscape and portrait;
- tatvar_landscape.pdf: variant A (corpus/tatvar_2021.txt);
- gaali_portrait.pdf: variant B (corpus/gaali_2020.md, a markdown export without evaluation);
- tatvar_noborders.pdf: variant A with no ruling lines (the table rebuilt from alignment);
- tatvar_monfont.pdf: variant A whose text layer holds Latin-1 codes for Cyrillic, as PDFs typed
  in legacy "Mon" fonts do ("НИЙТ" reads "ÍÈÉÒ");
- not_a_report.pdf: a one-page letter without a plan table;
- bad/encrypted_empty_password.pdf (opens with an empty user password), bad/encrypted_password.pdf
  (needs one), bad/truncated.pdf (the first 40% of a PDF), bad/image_only.pdf (page images, no
  text layer: needs OCR). These need qpdf and pdftoppm (poppler-utils).
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "pdf")


class CellParser(HTMLParser):
    """Paragraphs of an HTML cell fragment: <p>, <li> and loose text."""

    BLOCK = {"p", "li", "div", "ol", "ul"}

    def __init__(self):
        super().__init__()
        self.paras, self.cur = [], ""

    def flush(self):
        if self.cur.strip():
            self.paras.append(" ".join(self.cur.split()))
        self.cur = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        self.cur += data


def cell_paragraphs(fragment):
    p = CellParser()
    p.feed(fragment.replace("**", ""))
    p.flush()
    return p.paras


def continues(prev, nxt, prose):
    """The same rule as the segmenter's: a paragraph cut by a page break goes on."""
    first = next((c for c in nxt if c.isalnum()), "")
    if first and first.islower():
        return True
    last = prev.rstrip()[-1:] if prev.strip() else ""
    if last in (",", "-", "/"):
        return True
    return prose and last not in (".", "!", "?", ":", ";")


def parse_text_form(text):
    """Blocks of the sample's form: ('p', text, bold) and ('table', rows of cell paragraph lists)."""
    blocks, para, table, blank = [], [], None, False
    n_cols = None

    def flush_para():
        if para:
            raw = "\n".join(para)
            bold = raw.lstrip().startswith("**") or raw.lstrip().startswith("#")
            clean = re.sub(r"^#+\s*", "", raw.strip()).replace("**", "").replace("\\_", "_")
            clean = re.sub(r"^- \*?", "- ", clean)
            clean = clean.replace("*", "")
            blocks.append(("p", clean, bold))
            para.clear()

    for line in text.split("\n"):
        pipe = line.strip().startswith("|") and line.strip().endswith("|")
        if pipe and set(line.strip()) <= set("|-: "):
            continue  # a markdown table's separator row
        if "\t" in line or pipe:
            flush_para()
            if pipe:
                cells = [c.strip().replace("<br>", "</p><p>") for c in line.strip()[1:-1].split("|")]
                cells = [f"<p>{c}</p>" if c else "" for c in cells]
            else:
                cells = line.split("\t")
            if table is None:
                table, n_cols = [], len(cells)
                table.append([cell_paragraphs(c) for c in cells])
                blank = False
                continue
            if len(cells) < n_cols:
                # A converter dropped the № cell when the row ends with the (empty) score cell.
                if cells[-1] == "":
                    cells = [""] * (n_cols - len(cells)) + cells
                else:
                    cells = cells + [""] * (n_cols - len(cells))
            paras = [cell_paragraphs(c) for c in cells[:n_cols]]
            if blank and table:
                # A page-break continuation: join it to the logical row above.
                prev = table[-1]
                for c, ps in enumerate(paras):
                    if not ps:
                        continue
                    prose = c not in (0, 2, len(paras) - 1)
                    if prev[c] and continues(prev[c][-1], ps[0], prose):
                        prev[c][-1] = prev[c][-1] + " " + ps[0]
                        prev[c].extend(ps[1:])
                    else:
                        prev[c].extend(ps)
            else:
                table.append(paras)
            blank = False
            continue
        if not line.strip():
            if table is not None:
                blank = True
            else:
                flush_para()
            continue
        if table is not None:
            blocks.append(("table", table))
            table, blank = None, False
        if para and (line.lstrip().startswith(("- ", "#", "**")) or re.match(r"^\d{1,2}\. ", line)):
            flush_para()
        para.append(line.rstrip())
    flush_para()
    if table is not None:
        blocks.append(("table", table))
    return blocks


def mon_font(s):
    """Cyrillic as a legacy Mon font's text layer shows it in Latin-1."""
    out = []
    for ch in s:
        special = {"Ө": "ª", "ө": "º", "Ү": "¯", "ү": "¿"}
        if ch in special:
            out.append(special[ch])
        elif "А" <= ch <= "я":
            out.append(chr(0xC0 + ord(ch) - ord("А")))
        else:
            out.append(ch)
    return "".join(out)


def fodt(blocks, landscape, borders=True, transform=lambda s: s):
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    usable = 26.7 if landscape else 18.0
    border = "0.5pt solid #000000" if borders else "none"
    esc = lambda s: html.escape(transform(s), quote=False)
    body = []
    for block in blocks:
        if block[0] == "p":
            _, text, bold = block
            style = "B" if bold else "P"
            lines = "<text:line-break/>".join(esc(line.strip()) for line in text.split("\n"))
            body.append(f'<text:p text:style-name="{style}">{lines}</text:p>')
            continue
        rows = block[1]
        n = max(len(r) for r in rows)
        weights = [0.5, 2.5, 2.5, 2.0, 5.0, 1.0] if n == 6 else [1.0] * n
        if n == 9:
            weights = [5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.2]
        total = sum(weights)
        tname = f"T{len(body)}"
        cols = "".join(
            f'<table:table-column table:style-name="{tname}C{i}"/>' for i in range(n)
        )
        styles = "".join(
            f'<style:style style:name="{tname}C{i}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{usable * w / total:.2f}cm"/></style:style>'
            for i, w in enumerate(weights)
        )
        body.append(f"<!--STYLES {styles}-->")
        out_rows = []
        for r in rows:
            cells = []
            filled = [c for c in range(n) if c < len(r) and r[c]]
            if filled == [0, n - 1] and n > 2:
                # A label row ("Дундаж үнэлгээ"): the label spans the columns up to the last.
                ps = "".join(f'<text:p text:style-name="P">{esc(p)}</text:p>' for p in r[0])
                cells.append(f'<table:table-cell table:style-name="Cell" table:number-columns-spanned="{n - 1}" office:value-type="string">{ps}</table:table-cell>')
                cells.extend("<table:covered-table-cell/>" for _ in range(n - 2))
                ps = "".join(f'<text:p text:style-name="P">{esc(p)}</text:p>' for p in r[n - 1])
                cells.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{ps}</table:table-cell>')
                out_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
                continue
            for c in range(n):
                paras = r[c] if c < len(r) else []
                ps = "".join(f'<text:p text:style-name="P">{esc(p)}</text:p>' for p in paras) or '<text:p text:style-name="P"/>'
                cells.append(f'<table:table-cell table:style-name="Cell" office:value-type="string">{ps}</table:table-cell>')
            out_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        header = f"<table:table-header-rows>{out_rows[0]}</table:table-header-rows>"
        body.append(
            f'<table:table table:name="{tname}" table:style-name="Tbl">{cols}{header}{"".join(out_rows[1:])}</table:table>'
        )
        body.append('<text:p text:style-name="P"/>')
    col_styles = "".join(re.findall(r"<!--STYLES (.*?)-->", "".join(body)))
    body = [b for b in body if not b.startswith("<!--STYLES")]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="8pt"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{width}" fo:page-height="{height}" style:print-orientation="{'landscape' if landscape else 'portrait'}" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"/>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.12cm"/></style:style>
<style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.12cm"/><style:text-properties fo:font-weight="bold" fo:font-size="10pt"/></style:style>
<style:style style:name="F" style:family="paragraph"><style:text-properties fo:font-size="7pt"/></style:style>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{usable}cm" table:align="left"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="{border}" fo:padding="0.08cm"/></style:style>
{col_styles}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="F">{esc("Авлигатай тэмцэх үндэсний хөтөлбөрийн биелэлт")} — <text:page-number text:select-page="current"/></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


def render(name, document):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui fonts-dejavu")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, f"{name}.fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(document)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.makedirs(OUT, exist_ok=True)
        shutil.copy(os.path.join(tmp, f"{name}.pdf"), os.path.join(OUT, f"{name}.pdf"))


def jpeg_size(data):
    """Width and height of a JPEG from its SOF marker."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
        i += 2 + length
    raise ValueError("no SOF marker")


def image_pdf(jpegs, dpi, gray=False):
    """A PDF whose pages are JPEG images and nothing else (what a scanner writes)."""
    objects = []
    kids = []
    for data in jpegs:
        w, h = jpeg_size(data)
        pw, ph = w * 72 / dpi, h * 72 / dpi
        img = len(objects) + 3
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s "
                       b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, b"DeviceGray" if gray else b"DeviceRGB", len(data))
                       + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        page = len(objects) + 3
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                       % (pw, ph, img, img + 1))
        kids.append(page)
    head = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(head + objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return bytes(out)


def bad_pdfs():
    src = os.path.join(OUT, "tatvar_landscape.pdf")
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    subprocess.run(["qpdf", "--encrypt", "", "owner-secret", "128", "--use-aes=y", "--", src,
                    os.path.join(bad, "encrypted_empty_password.pdf")], check=True)
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "128", "--use-aes=y", "--", src,
                    os.path.join(bad, "encrypted_password.pdf")], check=True)
    data = open(src, "rb").read()
    with open(os.path.join(bad, "truncated.pdf"), "wb") as f:
        f.write(data[: len(data) * 4 // 10])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "60", "-jpeg", "-f", "1", "-l", "2", src, os.path.join(tmp, "p")], check=True)
        pages = [open(os.path.join(tmp, n), "rb").read() for n in sorted(os.listdir(tmp))]
    with open(os.path.join(bad, "image_only.pdf"), "wb") as f:
        f.write(image_pdf(pages, 60))


def main():
    sample = open(os.path.join(ROOT, "corpus", "000_ef92a22f4dcf0ecd.txt"), encoding="utf-8").read()
    tatvar = open(os.path.join(ROOT, "corpus", "tatvar_2021.txt"), encoding="utf-8").read()
    render("sample_landscape", fodt(parse_text_form(sample), landscape=True))
    render("sample_portrait", fodt(parse_text_form(sample), landscape=False))
    render("tatvar_landscape", fodt(parse_text_form(tatvar), landscape=True))
    gaali = open(os.path.join(ROOT, "corpus", "gaali_2020.md"), encoding="utf-8").read()
    render("gaali_portrait", fodt(parse_text_form(gaali), landscape=False))
    render("tatvar_noborders", fodt(parse_text_form(tatvar), landscape=True, borders=False))
    render("tatvar_monfont", fodt(parse_text_form(tatvar), landscape=True, transform=mon_font))
    letter = [("p", "Улаанбаатар хотод өнөөдөр цас орно.", False),
              ("p", "Агаарын температур -15 хэм байна.", False)]
    render("not_a_report", fodt(letter, landscape=False))
    bad_pdfs()


if __name__ == "__main__":
    main()
