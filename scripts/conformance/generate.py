#!/usr/bin/env python3
"""Seeded random reports of the genre, with their truth: the conformance test bed.

    python3 scripts/conformance/generate.py --seed 7 --n 60 --out DIR

writes DIR/rNNN.html (the report as an HTML export, which the renderers print to PDF) and
DIR/rNNN.truth.json (header, objectives, measures with codes and scores, planted findings).
Every choice a real report varies on is drawn at random from the seed (nothing here is tuned
to what biyelelt reads well): agency and year (2012-2025); 3-9 objectives of 1-5 measures;
5-8 columns (the activity, target, "Хариуцах нэгж" and "Хугацаа" columns present or not, one
score column or two); № and activity cells merged across an objective's rows or repeated; one
row per measure or several measures in one cell; scores on every row or only on an objective's
row; codes of two or three levels written in the cells or not; scores written 95, 95.0, 95%,
"95 хувь", with a decimal comma or point; header dates in four forms; band headings as headings,
plain lines, bold lines or table rows; narrative items with or without emphasis; planted
inconsistencies of the checkable kinds, or none (a clean report).

Same seed, same files, byte for byte.
"""
import argparse
import html
import json
import os
import random

AGENCIES = [
    # (name, ablative: "...-аас" as the title uses it, addressee's head title)
    ("Татварын ерөнхий газар", "Татварын ерөнхий газраас", "ДАРГА"),
    ("Гаалийн ерөнхий газар", "Гаалийн ерөнхий газраас", "ДАРГА"),
    ("Сангийн яам", "Сангийн яамнаас", "ТӨРИЙН НАРИЙН БИЧГИЙН ДАРГА"),
    ("Эрүүл мэндийн яам", "Эрүүл мэндийн яамнаас", "ТӨРИЙН НАРИЙН БИЧГИЙН ДАРГА"),
    ("Боловсролын ерөнхий газар", "Боловсролын ерөнхий газраас", "ДАРГА"),
    ("Нийслэлийн Засаг даргын Тамгын газар", "Нийслэлийн Засаг даргын Тамгын газраас", "ДАРГА"),
    ("Улсын бүртгэлийн ерөнхий газар", "Улсын бүртгэлийн ерөнхий газраас", "ДАРГА"),
    ("Шүүхийн шийдвэр гүйцэтгэх ерөнхий газар", "Шүүхийн шийдвэр гүйцэтгэх ерөнхий газраас", "ДАРГА"),
    ("Мэргэжлийн хяналтын ерөнхий газар", "Мэргэжлийн хяналтын ерөнхий газраас", "ДАРГА"),
    ("Газрын харилцаа, геодези, зураг зүйн газар", "Газрын харилцаа, геодези, зураг зүйн газраас", "ДАРГА"),
    ("Дархан-Уул аймгийн Засаг даргын Тамгын газар", "Дархан-Уул аймгийн Засаг даргын Тамгын газраас", "ДАРГА"),
    ("Уул уурхай, хүнд үйлдвэрийн яам", "Уул уурхай, хүнд үйлдвэрийн яамнаас", "ТӨРИЙН НАРИЙН БИЧГИЙН ДАРГА"),
]

ACTIVITIES = [
    "Төрийн байгууллагын ил тод, нээлттэй байдлыг хангах",
    "Төрийн албан хаагчдын ёс зүйг төлөвшүүлэх",
    "Ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх",
    "Төрийн худалдан авах ажиллагааг цахимжуулах",
    "Иргэдийн оролцоог нэмэгдүүлэх",
    "Дотоод хяналт шалгалтыг бэхжүүлэх",
    "Авлигын эрсдэлийг үнэлэх, бууруулах",
    "Хүний нөөцийн бодлогыг шударга хэрэгжүүлэх",
    "Төсвийн зарцуулалтын хяналтыг сайжруулах",
    "Цахим үйлчилгээг өргөжүүлэх",
    "Олон нийтийн мэдлэг, хандлагыг төлөвшүүлэх",
    "Гомдол, мэдээллийг шуурхай шийдвэрлэх",
]

MEASURE_VERBS = ["зохион байгуулах", "хэрэгжүүлэх", "сайжруулах", "нэвтрүүлэх", "хянах",
                 "байршуулах", "шинэчлэх", "сургах", "хэлэлцүүлэх", "тайлагнах"]
MEASURE_OBJECTS = ["сургалт, сурталчилгааг", "мэдээллийн санг", "цахим системийг",
                   "дотоод журмыг", "хөрөнгийн мэдүүлгийг", "худалдан авах ажиллагааг",
                   "иргэдийн санал хүсэлтийг", "хяналт шалгалтыг", "ил тод байдлын мэдээллийг",
                   "ёс зүйн дүрмийг", "эрсдэлийн үнэлгээг", "хэлэлцүүлгийг"]
QUALIFIERS = ["албан хаагчдад чиглэсэн", "байгууллагын хэмжээнд", "улирал бүр",
              "шилэн дансаар дамжуулан", "салбарын хэмжээнд", "орон нутагт"]
UNITS = ["Хяналт-шинжилгээ, үнэлгээний хэлтэс", "Захиргааны газар", "Хүний нөөцийн хэлтэс",
         "Санхүүгийн хэлтэс", "Дотоод аудитын алба", "Хууль зүйн хэлтэс"]
NOUNS = ["албан хаагч", "иргэн", "байгууллага", "мэдүүлэг", "гомдол", "сургалт", "тендер"]

BAND_SCALES = [
    # (label, lower bound) from the top; the not-due band is added when used.
    [(100, 90), (70, 60), (40, 31), (0, 0)],
    [(100, 90), (70, 70), (30, 30), (0, 0)],
    [(100, 90), (90, 70), (70, 50), (50, 30), (30, 10), (0, 0)],
]

PLANT_KINDS = ["measure_score_conflict", "objective_score_mismatch", "overall_score_mismatch",
               "measure_count_mismatch", "bucket_count_mismatch", "score_out_of_range"]


def fmt_number(x, comma):
    s = f"{x:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return s.replace(".", ",") if comma else s


def fmt_score(x, style, comma):
    """A measure's score as the cell writes it."""
    if x is None:
        return "/-/"
    base = fmt_number(x, comma)
    if style == "decimal" and "." not in base and "," not in base:
        base = f"{x:.1f}".replace(".", "," if comma else ".")
    return {"plain": base, "decimal": base, "percent": base + "%", "khuv": base + " хувь"}[style]


def fmt_date(rng, y, m, d):
    return rng.choice([
        f"{y}.{m:02d}.{d:02d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{y} оны {m:02d} дүгээр сарын {d:02d}-ны өдөр",
        f"{y} оны {m}-р сарын {d}",
    ])


def measure_text(rng):
    return f"{rng.choice(QUALIFIERS).capitalize()} {rng.choice(MEASURE_OBJECTS)} {rng.choice(MEASURE_VERBS)}"


def implementation(rng, score):
    n = rng.randint(2, 40) * 10
    part = round(n * (score if score is not None else 50) / 100)
    noun = rng.choice(NOUNS)
    if score is None:
        return f"Хугацаа болоогүй. Ажлын төлөвлөгөөг {rng.randint(2, 5)} удаа хэлэлцсэн."
    pct = fmt_number(round(part / n * 100, 1), comma=rng.random() < 0.5)
    return rng.choice([
        f"Нийт {n} {noun}ийн {part} буюу {pct} хувьд хүрсэн.",
        f"{rng.randint(2, 12)} удаагийн сургалтад {n} гаруй {noun} хамрагдсан.",
        f"Ажлыг {rng.randint(1, 4)}-р улиралд зохион байгуулж, {rng.randint(1, 900)} сая төгрөгийн зардал гарсан.",
        f"Тайланг хагас жил тутам гаргаж, {rng.randint(2, 9)} удаа хэлэлцүүлсэн.",
    ])


def target(rng):
    return rng.choice([
        f"{rng.choice(NOUNS).capitalize()}ийн {rng.choice([80, 90, 100])} хувь хамрагдсан байна",
        f"{rng.randint(2, 6)}-аас доошгүй удаа зохион байгуулсан байна",
        "Тогтмол хэрэгжсэн байна",
    ])


def draw_score(rng, scale):
    r = rng.random()
    if r < 0.07:
        return None  # not yet due
    if r < 0.55:
        return 100.0
    top, low = rng.choice(scale[1:])
    return float(rng.choice([top, top, low + (top - low) // 2, round(rng.uniform(low, top), 1)]))


def band_of(score, scale):
    for label, low in scale:
        if score >= low:
            return label
    return scale[-1][0]


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def generate(rng, index):
    agency, ablative, head = rng.choice(AGENCIES)
    year = rng.randint(2012, 2025)
    letter_no = f"{rng.randint(1, 12)}/{rng.randint(10, 999)}"
    date_parts = (year + 1, rng.randint(1, 2), rng.randint(1, 28))
    scale = rng.choice(BAND_SCALES)
    layout = {
        "activity": rng.random() < 0.8,
        "target": rng.random() < 0.7,
        "unit": rng.random() < 0.4,
        "due": rng.random() < 0.4,
        "two_scores": rng.random() < 0.25,
        "merged": rng.random() < 0.6,
        "cell_mode": rng.choice(["row", "row", "cell"]),
        "codes": rng.choice(["none", "two", "three"]),
        "score_style": rng.choice(["plain", "decimal", "percent", "khuv"]),
        "comma": rng.random() < 0.5,
        "heading": rng.choice(["h4", "plain", "bold", "row"]),
        "emphasis": rng.random() < 0.5,
        "summary": rng.random() < 0.7,
        "rules": rng.choice(["all", "all", "none", "horizontal"]),
        "font": rng.choice(["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed"]),
    }
    # Several measures per cell share the objective's one score.
    if layout["cell_mode"] == "cell":
        layout["merged"] = True
    objectives = []
    used_activities = rng.sample(ACTIVITIES, k=rng.randint(3, min(9, len(ACTIVITIES))))
    for o, activity in enumerate(used_activities, start=1):
        n = rng.randint(1, 5)
        measures = []
        texts = set()
        for m in range(1, n + 1):
            text = measure_text(rng)
            while text in texts:
                text = measure_text(rng)
            texts.add(text)
            score = draw_score(rng, scale)
            measures.append({"code": f"{o}.{m}", "text": text, "score": score,
                             "not_due": score is None, "target": target(rng),
                             "implementation": implementation(rng, score)})
        if layout["cell_mode"] == "cell" and n > 1:
            # One score for the objective's cell: every measure carries it.
            shared = draw_score(rng, scale) or 100.0
            for ms in measures:
                ms["score"], ms["not_due"], ms["shared"] = shared, False, True
                ms["implementation"] = implementation(rng, shared)
        objectives.append({"no": o, "activity": activity, "measures": measures})
    planted = [] if rng.random() < 0.4 else [rng.choice(PLANT_KINDS)]
    return {
        "id": f"r{index:03d}",
        "header": {"agency": agency, "ablative": ablative, "year": year, "letter_no": letter_no,
                   "date": "%04d-%02d-%02d" % date_parts, "head": head,
                   "date_text": fmt_date(rng, *date_parts)},
        "layout": layout,
        "scale": scale,
        "objectives": objectives,
        "planted": planted,
    }


def stated_numbers(report):
    """What the report states (before any planted mistake): objective percents, overall."""
    for o in report["objectives"]:
        scores = [m["score"] for m in o["measures"] if not m["not_due"]]
        o["percent"] = round(mean(scores), 1) if scores else None
    all_scores = [m["score"] for o in report["objectives"] for m in o["measures"] if not m["not_due"]]
    report["overall"] = round(mean(all_scores), 1) if all_scores else None
    report["n_measures"] = sum(len(o["measures"]) for o in report["objectives"])


def plant(report, rng):
    """Apply the planted mistake; returns where it is."""
    kind = report["planted"][0] if report["planted"] else None
    obj = rng.choice(report["objectives"])
    scored = [m for m in obj["measures"] if not m["not_due"]]
    where = {}
    if kind == "measure_score_conflict" and scored and report["layout"]["cell_mode"] == "row":
        m = rng.choice(scored)
        m["narrative_score"] = 40.0 if m["score"] >= 70 else 100.0
        where = {"code": m["code"]}
    elif kind == "objective_score_mismatch" and obj.get("percent") is not None:
        obj["percent_stated"] = round(max(0.0, obj["percent"] - rng.choice([8.5, 12.0, 20.0])), 1)
        where = {"objective_no": obj["no"]}
    elif kind == "overall_score_mismatch" and report["overall"] is not None:
        report["overall_stated"] = round(max(0.0, report["overall"] - rng.choice([6.0, 9.3, 15.0])), 1)
    elif kind == "measure_count_mismatch":
        report["n_measures_stated"] = report["n_measures"] + rng.choice([1, 2, 3])
    elif kind == "bucket_count_mismatch" and report["layout"]["summary"] and scored:
        obj["bucket_delta"] = 1
        where = {"objective_no": obj["no"]}
    elif kind == "score_out_of_range" and scored and report["layout"]["cell_mode"] == "row":
        m = rng.choice(scored)
        m["score"] = 110.0 if m["score"] == 100.0 else 105.0
        where = {"code": m["code"]}
    else:
        report["planted"] = []
        return
    report["planted_where"] = where
    # A mistake the report never prints (an objective percent with no summary table) or that
    # needs scores the report does not give (band counts of measures sharing one cell's
    # score) cannot be found: such a report is neither planted nor clean.
    shared = report["layout"]["cell_mode"] == "cell" and len(obj["measures"]) > 1
    if (kind == "objective_score_mismatch" and not report["layout"]["summary"]) or (
            kind == "bucket_count_mismatch" and shared):
        report["unverifiable"] = kind
        report["planted"] = []


def cell(text):
    return html.escape(text)


def render_html(r):
    L = r["layout"]
    h = r["header"]
    comma = L["comma"]
    border = {"all": "td, th { border: 1px solid #000; }",
              "none": "td, th { border: none; }",
              "horizontal": "td, th { border: none; border-top: 1px solid #000; border-bottom: 1px solid #000; }"}[L["rules"]]
    style = (f"body {{ font-family: '{L['font']}'; font-size: 10pt; }} "
             f"table {{ border-collapse: collapse; width: 100%; }} td, th {{ vertical-align: top; padding: 2px 4px; }} {border}")
    out = ["<!DOCTYPE html>", f"<html><head><meta charset=\"utf-8\"><title>Биелэлт</title><style>{style}</style></head><body>"]
    out.append(f"<p><b>{cell(h['agency'].upper())}</b></p>")
    out.append(f"<p>{cell(h['date_text'])} № {cell(h['letter_no'])}</p>")
    out.append("<p>АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ</p>")
    out.append(f"<p>Авлигатай тэмцэх үндэсний хөтөлбөрийг хэрэгжүүлэх арга хэмжээний {h['year']} оны "
               "биелэлтийг хавсралтаар хүргүүлэв.</p>")
    out.append(f"<p>{cell(h['head'])}</p><p>Б.БАТ-ЭРДЭНЭ</p>")
    out.append(f"<h3>Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд {cell(h['ablative'])} {h['year']} онд "
               "хэрэгжүүлэх үйл ажиллагааны төлөвлөгөөний биелэлт</h3>")
    cols = ["№"]
    if L["activity"]:
        cols.append("Үйл ажиллагаа")
    cols.append("Хэрэгжүүлэх арга хэмжээ")
    if L["target"]:
        cols.append("Хүрэх түвшин")
    if L["unit"]:
        cols.append("Хариуцах нэгж")
    if L["due"]:
        cols.append("Хугацаа")
    cols.append("Биелэлт")
    cols.append("Үнэлгээ" if not L["two_scores"] else "Байгууллагын үнэлгээ")
    if L["two_scores"]:
        cols.append("Үнэлгээ")
    out.append("<table class=\"plan\">")
    out.append("<tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr>")
    out.append("<tr>" + "".join(f"<td>{i}</td>" for i in range(1, len(cols) + 1)) + "</tr>")

    def code_prefix(m, o):
        if L["codes"] == "none":
            return ""
        if L["codes"] == "two":
            return f"{m['code']}. "
        return f"{m['code']}.1. "

    def score_text(x):
        return fmt_score(x, L["score_style"], comma)

    for o in r["objectives"]:
        ms = o["measures"]
        if L["cell_mode"] == "cell":
            rows = [ms]
        else:
            rows = [[m] for m in ms]
        for i, group in enumerate(rows):
            tds = []
            first = i == 0
            span = f" rowspan=\"{len(rows)}\"" if L["merged"] and len(rows) > 1 else ""
            if first or not L["merged"]:
                tds.append(f"<td{span if first else ''}>{o['no']}</td>")
                if L["activity"]:
                    tds.append(f"<td{span if first else ''}>{cell(o['activity'])}</td>")
            paras = lambda key: "".join(f"<p>{cell(x)}</p>" for x in key)
            tds.append(f"<td>{paras([code_prefix(m, o) + m['text'] for m in group])}</td>")
            if L["target"]:
                tds.append(f"<td>{paras([m['target'] for m in group])}</td>")
            if L["unit"]:
                tds.append(f"<td>{cell(rng_unit(o, i))}</td>")
            if L["due"]:
                tds.append(f"<td>{'Жилдээ' if (o['no'] + i) % 2 else 'I-IV улирал'}</td>")
            tds.append(f"<td>{paras([m['implementation'] for m in group])}</td>")
            score = group[0]["score"] if not group[0]["not_due"] else None
            if L["two_scores"]:
                tds.append(f"<td>{score_text(min(100.0, score + 5) if score is not None and score <= 100 else score)}</td>")
            tds.append(f"<td>{score_text(score)}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
    overall = r.get("overall_stated", r["overall"])
    if overall is not None:
        out.append(f"<tr><td colspan=\"{len(cols) - 1}\"><b>Дундаж үнэлгээ</b></td>"
                   f"<td><b>{fmt_number(overall, comma)}</b></td></tr>")
    out.append("</table>")

    # The evaluation.
    out.append("<h3>ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТАЙЛАН</h3>")
    n_stated = r.get("n_measures_stated", r["n_measures"])
    out.append(f"<p>Төлөвлөгөөнд {len(r['objectives'])} зорилтын {n_stated} арга хэмжээ тусгагдсан.</p>")
    scale = r["scale"]
    labels = []
    for k, (label, low) in enumerate(scale):
        high = 100 if k == 0 else scale[k - 1][1] - 1
        labels.append((label, low, high))
    if L["summary"]:
        out.append("<table class=\"summary\">")
        out.append("<tr><th>Зорилт</th><th>Арга хэмжээний тоо</th>"
                   + "".join(f"<th>{lab} /{low}-{high}/</th>" for lab, low, high in labels)
                   + "<th>Хэрэгжилт хувь</th></tr>")
        for o in r["objectives"]:
            counts = {lab: 0 for lab, _, _ in labels}
            for m in o["measures"]:
                if not m["not_due"]:
                    counts[band_of(min(m["score"], 100.0), scale)] += 1
            if o.get("bucket_delta"):
                top = labels[0][0]
                counts[top] += 1
            percent = o.get("percent_stated", o["percent"])
            out.append(f"<tr><td>Зорилт {o['no']}: {cell(o['activity'])}</td><td>{len(o['measures'])}</td>"
                       + "".join(f"<td>{counts[lab] or ''}</td>" for lab, _, _ in labels)
                       + f"<td>{fmt_number(percent, comma) if percent is not None else '/-/'}</td></tr>")
        out.append("</table>")
    # Narrative list under band headings.
    if L["cell_mode"] == "row":
        by_band = {}
        for o in r["objectives"]:
            for m in o["measures"]:
                s = m.get("narrative_score", m["score"])
                if m["not_due"]:
                    continue
                by_band.setdefault(band_of(min(s, 100.0), scale), []).append((m, s))
        rows_html = []
        for lab, low, high in labels:
            items = by_band.get(lab)
            if not items:
                continue
            heading = f"{lab} /{low}-{high}/ хувийн биелэлттэй: {len(items)} арга хэмжээ"
            style = L["heading"]
            if style == "h4":
                out.append(f"<h4>{heading}</h4>")
            elif style == "bold":
                out.append(f"<p><b>{heading}</b></p>")
            elif style == "plain":
                out.append(f"<p>{heading}</p>")
            else:
                rows_html.append(f"<tr><td colspan=\"2\"><b>{heading}</b></td></tr>")
            for m, s in items:
                item = f"Зорилт {m['code']}. {cell(m['text'])} /{fmt_number(s, comma)}/"
                if style == "row":
                    rows_html.append(f"<tr><td>{m['code']}</td><td>{item}</td></tr>")
                elif L["emphasis"]:
                    out.append(f"<p><i>{item}</i></p>")
                else:
                    out.append(f"<p>{item}</p>")
        if rows_html:
            out.append("<table class=\"narrative\">" + "".join(rows_html) + "</table>")
    if overall is not None:
        out.append(f"<p>Дүгнэлт: Төлөвлөгөөний хэрэгжилт {fmt_number(overall, comma)} хувьтай байна.</p>")
    out.append("<p>ДОТООД АУДИТ, ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ХЭЛТСИЙН ДАРГА Д.СҮРЭН</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def rng_unit(o, i):
    return UNITS[(o["no"] * 7 + i) % len(UNITS)]


def truth(r):
    return {
        "id": r["id"],
        "header": {k: r["header"][k] for k in ("agency", "year", "letter_no", "date")},
        "layout": r["layout"],
        "objectives": [
            {"no": o["no"], "text": o["activity"], "percent": o["percent"],
             "measures": [{"code": m["code"], "text": m["text"],
                           "score": None if m["not_due"] else m["score"],
                           # One score printed for a cell of several measures: the
                           # objective's; a measure may carry it or none.
                           "score_shared": bool(m.get("shared")),
                           "not_due": m["not_due"]} for m in o["measures"]]}
            for o in r["objectives"]
        ],
        "n_measures": r["n_measures"],
        "overall": r["overall"],
        "planted": r["planted"],
        "planted_where": r.get("planted_where", {}),
        "unverifiable": r.get("unverifiable"),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.n):
        rng = random.Random(f"{a.seed}-{i}")
        r = generate(rng, i)
        stated_numbers(r)
        plant(r, rng)
        with open(os.path.join(a.out, f"{r['id']}.html"), "w", encoding="utf-8") as f:
            f.write(render_html(r))
        with open(os.path.join(a.out, f"{r['id']}.truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth(r), f, ensure_ascii=False, indent=1)
    print(f"{a.n} reports (seed {a.seed}) in {a.out}")


if __name__ == "__main__":
    main()
