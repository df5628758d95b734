#!/usr/bin/env python3
"""A seeded national archive of text reports for the scale benchmark (not a test bed of truth).

    python3 scripts/bench/make_archive.py --seed 1 --n 20000 --out DIR

writes DIR/<agency-no>_<year>[_h].html: N reports (HTML exports, the conformance generator's
layouts and wording) from a pool of agencies shaped like a national archive: every aimag's
and the capital's departments and every soum's governor's office, each reporting on its own
plan year after year (some twice a year). An agency's plan keeps most of its measures from one
year to the next, rewords some, drops and adds a few, and renumbers now and then, so series
are linked within agencies; national programme activities and common wording link some across
agencies. The files are distinct (no copies of one report) and the same seed gives the same
files, byte for byte. DIR/order.lst lists the files in the order they were made: its first K
are an archive of K reports (every agency's first years, as a growing archive has them).
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "conformance"))
import generate as g  # noqa: E402

AIMAGS = ["Архангай", "Баян-Өлгий", "Баянхонгор", "Булган", "Говь-Алтай", "Говьсүмбэр",
          "Дархан-Уул", "Дорноговь", "Дорнод", "Дундговь", "Завхан", "Орхон", "Өвөрхангай",
          "Өмнөговь", "Сүхбаатар", "Сэлэнгэ", "Төв", "Увс", "Ховд", "Хөвсгөл", "Хэнтий"]
# (department, ablative): every aimag has them.
DEPARTMENTS = [
    ("Засаг даргын Тамгын газар", "Засаг даргын Тамгын газраас"),
    ("Татварын хэлтэс", "Татварын хэлтсээс"),
    ("Гаалийн газар", "Гаалийн газраас"),
    ("Эрүүл мэндийн газар", "Эрүүл мэндийн газраас"),
    ("Боловсрол, соёлын газар", "Боловсрол, соёлын газраас"),
    ("Мэргэжлийн хяналтын газар", "Мэргэжлийн хяналтын газраас"),
    ("Газрын харилцааны газар", "Газрын харилцааны газраас"),
    ("Санхүүгийн хэлтэс", "Санхүүгийн хэлтсээс"),
    ("Нийгмийн даатгалын хэлтэс", "Нийгмийн даатгалын хэлтсээс"),
    ("Хөдөлмөр, халамжийн хэлтэс", "Хөдөлмөр, халамжийн хэлтсээс"),
    ("Онцгой байдлын газар", "Онцгой байдлын газраас"),
    ("Цагдаагийн газар", "Цагдаагийн газраас"),
    ("Статистикийн хэлтэс", "Статистикийн хэлтсээс"),
    ("Худалдан авах ажиллагааны алба", "Худалдан авах ажиллагааны албанаас"),
    ("Шүүхийн шийдвэр гүйцэтгэх алба", "Шүүхийн шийдвэр гүйцэтгэх албанаас"),
    ("Улсын бүртгэлийн хэлтэс", "Улсын бүртгэлийн хэлтсээс"),
]
SOUM_PARTS = ["Баян", "Цагаан", "Их", "Бага", "Хар", "Шарга", "Өлзий", "Мөрөн", "Тэс", "Хан",
              "Жаргалант", "Эрдэнэ", "Буянт", "Тариат", "Алтан", "Сайхан"]
SOUM_ENDS = ["дэлгэр", "нуур", "булаг", "уул", "хайрхан", "мандал", "цагаан", "өндөр", "тал"]

# More wording than the conformance bed, so that plans of different agencies differ as real
# ones do; the national programme's activities (generate.ACTIVITIES) stay shared.
QUALIFIERS = g.QUALIFIERS + ["сум, багийн түвшинд", "хагас жил тутам", "төрийн албан хаагчдын",
                             "удирдах албан тушаалтнуудын", "залуучуудын дунд", "иргэдэд нээлттэй",
                             "хууль тогтоомжийн дагуу", "хамтран ажиллах гэрээний хүрээнд",
                             "төсвийн хөрөнгөөр", "олон нийтийн оролцоотойгоор"]
OBJECTS = g.MEASURE_OBJECTS + ["ажлын байрны тодорхойлолтыг", "гэрээний хэрэгжилтийг",
                               "санхүүгийн тайланг", "хөрөнгө оруулалтын төлөвлөгөөг",
                               "зөвлөмжийн биелэлтийг", "хэрэглэгчийн үнэлгээг", "мэдээллийн самбарыг",
                               "шилэн дансны мэдээллийг", "сургалтын хөтөлбөрийг",
                               "хяналтын хуудсыг", "үйлчилгээний стандартыг", "дотоод хяналтын журмыг"]
VERBS = g.MEASURE_VERBS + ["боловсруулах", "баталгаажуулах", "үнэлэх", "шалгах",
                           "сурталчлах", "түгээх"]


def agencies():
    out = []
    for a in AIMAGS:
        for d, abl in DEPARTMENTS:
            out.append((f"{a} аймгийн {d}", f"{a} аймгийн {abl}", "ДАРГА"))
    for a in AIMAGS:
        for p in SOUM_PARTS:
            for e in SOUM_ENDS[:3]:
                name = f"{a} аймгийн {p}{e} сумын Засаг даргын Тамгын газар"
                out.append((name, name[:-len("газар")] + "газраас", "ДАРГА"))
    out.extend(g.AGENCIES)
    return out


def text(rng):
    return f"{rng.choice(QUALIFIERS).capitalize()} {rng.choice(OBJECTS)} {rng.choice(VERBS)}"


def plan_of(rng):
    """An agency's plan: activities with their measure texts."""
    acts = rng.sample(g.ACTIVITIES, k=rng.randint(3, 7))
    return [[a, [text(rng) for _ in range(rng.randint(1, 5))]] for a in acts]


def next_year(plan, rng):
    """The plan a year on: most measures kept, some reworded, dropped or added."""
    new = []
    for act, texts in plan:
        kept = []
        for t in texts:
            r = rng.random()
            if r < 0.08:
                continue
            if r < 0.20:
                words = t.split(" ")
                words[-1] = rng.choice(VERBS)
                t = " ".join(words)
            kept.append(t)
        if rng.random() < 0.15 or not kept:
            kept.append(text(rng))
        new.append([act, kept[:5]])
    if rng.random() < 0.1:
        rng.shuffle(new)  # renumbered
    return new


def report(seed, agency, plan, year, half, index):
    rng = random.Random(f"{seed}-{index}")
    r = g.generate(rng, index)
    name, ablative, head = agency
    r["header"].update(agency=name, ablative=ablative, head=head, year=year)
    date_parts = (year + 1, rng.randint(1, 2), rng.randint(1, 28)) if not half else (year, 7, rng.randint(1, 28))
    r["header"]["date"] = "%04d-%02d-%02d" % date_parts
    r["header"]["date_text"] = g.fmt_date(rng, *date_parts)
    objectives = []
    for o, (act, texts) in enumerate(plan, start=1):
        measures = []
        for m, t in enumerate(texts, start=1):
            score = g.draw_score(rng, r["scale"])
            measures.append({"code": f"{o}.{m}", "text": t, "score": score, "not_due": score is None,
                             "target": g.target(rng), "implementation": g.implementation(rng, score)})
        objectives.append({"no": o, "activity": act, "measures": measures})
    r["objectives"] = objectives
    r["layout"]["cell_mode"] = "row"
    r["planted"] = [] if rng.random() < 0.7 else [rng.choice(g.PLANT_KINDS)]
    g.stated_numbers(r)
    g.plant(r, rng)
    return g.render_html(r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    pool = agencies()
    rng = random.Random(a.seed)
    # Agencies in a random order; each reports over a run of years from 2012 (a few twice a
    # year). Reports are taken agency by agency, year by year, until N.
    order = list(range(len(pool)))
    rng.shuffle(order)
    names = []
    k = 0
    years = range(2012, 2026)
    rounds = 0
    while len(names) < a.n:
        # Each round gives every agency one more year: an archive of K reports has every
        # agency's first years, as a growing national archive has.
        year = years[rounds % len(years)]
        for ai in order:
            if len(names) >= a.n:
                break
            arng = random.Random(f"{a.seed}-agency-{ai}-{rounds // len(years)}")
            plan = plan_of(arng)
            for _ in range(rounds % len(years)):
                plan = next_year(plan, arng)
            halves = [False, True] if random.Random(f"{a.seed}-half-{ai}-{year}").random() < 0.1 else [False]
            for half in halves:
                if len(names) >= a.n:
                    break
                name = f"a{ai:04d}_{year}{'_h' if half else ''}_{rounds // len(years)}.html"
                with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
                    f.write(report(a.seed, pool[ai], plan, year, half, k))
                names.append(name)
                k += 1
        rounds += 1
    with open(os.path.join(a.out, "order.lst"), "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"{len(names)} reports of {len(pool)} agencies (seed {a.seed}) in {a.out}")


if __name__ == "__main__":
    main()
