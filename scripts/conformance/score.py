#!/usr/bin/env python3
"""Compare a dataset biyelelt wrote with the generator's truth: one row of figures.

    python3 scripts/conformance/score.py TRUTH_DIR DATASET_DIR [PDF_DIR] [--json]

Figures, each a share of what the truth holds (reports are matched by file name stem):
- measures: truth measures found (same objective number and code);
- scores: truth measures found with the right score (within 0.05; not-due ones found not due;
  a measure sharing its cell's one score with others may also have none);
- texts: truth measures found whose text equals the truth's (spaces and a leading code aside);
- objectives: truth objectives found with their number;
- header: reports whose agency, year, letter number and date are all right;
- planted: planted findings recalled (a finding of that kind, error or warning);
- false: error and warning findings on clean reports (a count, not a share; should be 0).
  A report whose planted mistake cannot be found from what it prints (truth "unverifiable")
  counts neither as planted nor as clean.
- lossy: reports whose PDF lacks figures its source holds (given the PDF folder): the digits of
  the source's text are compared with those of every text object in the PDF, on the page or past
  its edge (pdftotext over a crop far larger than the page). A producer that drops what does not
  fit (LibreOffice drops a too-wide table's last column) leaves nothing any reader can recover:
  such a report's scores and planted findings are left out of those two figures and counted
  here instead; its measures, texts, objectives, header and false findings still count.
The worst reports (most measures missed or wrong) are listed for a look.
"""
import glob
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter

import polars as pl


def norm(text):
    text = re.sub(r"^\s*(\d+\.)+\d*\.?\s*", "", text or "")
    return re.sub(r"\s+", " ", text).strip().lower()


def source_text(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", " ", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def pdf_text_all(path):
    """Every text object of the PDF, also past the page's edge (a crop far larger than the page)."""
    return subprocess.run(["pdftotext", "-q", "-x", "-3000", "-y", "-3000", "-W", "9000", "-H", "9000",
                           path, "-"], capture_output=True, text=True).stdout


def digits_lost(source, pdf):
    """How many digits of the source's text the PDF does not hold (0 for a faithful rendering)."""
    digits = lambda text: Counter(re.findall(r"\d", text))
    return sum((digits(source_text(source)) - digits(pdf_text_all(pdf))).values())


def scan(ds, table):
    return pl.read_parquet(os.path.join(ds, table, "**", "*.parquet"), hive_partitioning=True)


def score(truth_dir, ds, pdf_dir=None, ids=None, source_pdfs=None):
    """`ids`: score only these reports (a rendering of the first few); `source_pdfs`: report id
    -> the born-digital PDF a scan was made from, for the lossy test (a scan has no text)."""
    truths = {}
    for f in sorted(glob.glob(os.path.join(truth_dir, "*.truth.json"))):
        t = json.load(open(f, encoding="utf-8"))
        if ids is None or t["id"] in ids:
            truths[t["id"]] = t
    reports = scan(ds, "reports")
    stem = lambda p: os.path.basename(p).split(".")[0]
    doc_of = {stem(p): d for p, d in zip(reports["source_path"], reports["doc_id"])}
    rep_by_doc = {r["doc_id"]: r for r in reports.to_dicts()}
    measures = scan(ds, "measures").to_dicts()
    objectives = scan(ds, "objectives").to_dicts()
    findings = scan(ds, "findings").to_dicts()
    by_doc = lambda rows: {d: [r for r in rows if r["doc_id"] == d] for d in set(r["doc_id"] for r in rows)}
    m_by, o_by, f_by = by_doc(measures), by_doc(objectives), by_doc(findings)

    lossy = set()
    if pdf_dir or source_pdfs:
        for rid in truths:
            pdf = source_pdfs.get(rid, "") if source_pdfs else os.path.join(pdf_dir, rid + ".pdf")
            source = os.path.join(truth_dir, rid + ".html")
            if os.path.exists(pdf) and os.path.exists(source) and digits_lost(source, pdf):
                lossy.add(rid)

    n = {"measures": 0, "scores": 0, "objectives": 0, "reports": 0, "planted": 0}
    ok = {"measures": 0, "scores": 0, "texts": 0, "objectives": 0, "header": 0, "planted": 0}
    false_findings = 0
    worst = []
    for rid, t in truths.items():
        doc = doc_of.get(rid)
        got_m = {}
        for m in m_by.get(doc, []):
            got_m.setdefault((m["objective_no"], m["code"]), m)
        got_o = {o["objective_no"] for o in o_by.get(doc, [])}
        missed = wrong = 0
        for o in t["objectives"]:
            n["objectives"] += 1
            ok["objectives"] += o["no"] in got_o
            for m in o["measures"]:
                n["measures"] += 1
                g = got_m.get((o["no"], m["code"]))
                if g is None:
                    missed += 1
                    continue
                ok["measures"] += 1
                ok["texts"] += norm(g["text"]) == norm(m["text"])
                if rid in lossy:
                    continue
                n["scores"] += 1
                if m["not_due"]:
                    right = bool(g["not_due"])
                elif m.get("score_shared") and g["score"] is None:
                    right = True
                else:
                    right = g["score"] is not None and abs(g["score"] - m["score"]) < 0.05
                ok["scores"] += right
                wrong += not right
        n["reports"] += 1
        r = rep_by_doc.get(doc, {})
        h = t["header"]
        ok["header"] += (r.get("agency") == h["agency"] and r.get("year") == h["year"]
                         and r.get("letter_no") == h["letter_no"]
                         and str(r.get("report_date")) == h["date"])
        serious = [f for f in f_by.get(doc, []) if f["severity"] in ("error", "warning")]
        for kind in ([] if rid in lossy else t["planted"]):
            n["planted"] += 1
            ok["planted"] += any(f["kind"] == kind for f in serious)
        if not t["planted"] and not t.get("unverifiable"):
            false_findings += len(serious)
        worst.append((missed + wrong, rid, missed, wrong, r.get("status"), len(serious)))
    pct = lambda k, d: round(100.0 * ok[k] / n[d], 1) if n[d] else None
    row = {
        "reports": n["reports"],
        "measures": pct("measures", "measures"),
        "scores": pct("scores", "scores"),
        "texts": pct("texts", "measures"),
        "objectives": pct("objectives", "objectives"),
        "header": pct("header", "reports"),
        "planted": pct("planted", "planted"),
        "false": false_findings,
        "lossy": len(lossy),
    }
    worst.sort(reverse=True)
    row["worst"] = [f"{rid}: {mi} missed, {wr} wrong, {st}" for bad, rid, mi, wr, st, _ in worst[:3] if bad]
    row["worst"] += [f"{rid}: lossy rendering (digits of the source missing from the PDF)" for rid in sorted(lossy)]
    return row


if __name__ == "__main__":
    r = score(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else None)
    print(json.dumps(r, ensure_ascii=False) if "--json" in sys.argv else r)
