//! The year-over-year view as text: a terminal table, CSV, JSON, or one self-contained HTML page
//! with an SVG line chart (plotters) of each agency's overall score by year.
//!
//! Enters: a [`Yoy`]. Leaves: strings.

use super::lang::Lang;
use super::{num, short};
use crate::yoy::{AgencyView, Cell, SeriesRow, Yoy, DROP_POINTS};
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use plotters::prelude::*;

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// "93.9 (-4.1 ▼)": a score with its change; ▼ marks a drop of DROP_POINTS or more.
fn cell_text(c: &Cell) -> String {
    let score = c.score.map(num).unwrap_or_else(|| "-".into());
    match c.change {
        Some(ch) if ch != 0.0 => {
            format!("{score} ({}{})", signed(ch), if c.drop { " ▼" } else { "" })
        }
        _ => score,
    }
}

fn series_table(rows: &[SeriesRow], years: &[i32], label: &str, lang: Lang) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(160);
    let mut head = vec![
        label.to_string(),
        lang.pick("text (latest)", "текст (сүүлийн)").into(),
    ];
    head.extend(years.iter().map(|y| y.to_string()));
    head.push(lang.pick("series", "цуваа").into());
    t.set_header(head);
    for r in rows {
        let mut line = vec![r.code.clone(), short(&r.text, 60)];
        for y in years {
            line.push(match r.years.get(y) {
                Some(c) if c.code != r.code => format!("{} [{}]", cell_text(c), c.code),
                Some(c) => cell_text(c),
                None if r.vanished.contains(y) => lang.pick("dropped", "хасагдсан").into(),
                None => "".into(),
            });
        }
        line.push(r.series_id.clone());
        t.add_row(line);
    }
    t
}

fn changes_lines(v: &AgencyView, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for r in &v.measures {
        for y in &r.appeared {
            out.push(format!(
                "  {}: {} {}",
                lang.pick(format!("added in {y}"), format!("{y} онд нэмэгдсэн")),
                r.years[y].code,
                short(&r.text, 90)
            ));
        }
        for y in &r.vanished {
            out.push(format!(
                "  {}: {} {} {}",
                lang.pick(format!("dropped in {y}"), format!("{y} онд хасагдсан")),
                r.code,
                lang.pick("(last in the year before)", "(өмнөх онд сүүлд байсан)"),
                short(&r.text, 80)
            ));
        }
    }
    out
}

/// The terminal view.
pub fn terminal(y: &Yoy, lang: Lang) -> String {
    let l = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let mut out = String::new();
    if y.agencies.is_empty() {
        out.push_str(l(
            "no report with an agency and a year in the dataset\n",
            "өгөгдөлд байгууллага, он нь тодорхой тайлан алга\n",
        ));
    }
    for v in &y.agencies {
        let years: Vec<i32> = v.years.iter().map(|r| r.year).collect();
        out.push_str(&format!(
            "\n{} — {} {}\n",
            v.agency,
            years.len(),
            l("report year(s)", "тайлант он")
        ));
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED);
        t.set_header(vec![
            l("year", "он"),
            l("overall", "нийт"),
            l("change", "өөрчлөлт"),
            l("measures", "арга хэмжээ"),
            l("findings", "зөрүү"),
            l("errors", "алдаа"),
            l("report", "тайлан"),
        ]);
        for r in &v.years {
            t.add_row(vec![
                r.year.to_string(),
                r.overall.map(num).unwrap_or_else(|| "-".into()),
                r.change
                    .map(|c| format!("{}{}", signed(c), if r.drop { " ▼" } else { "" }))
                    .unwrap_or_default(),
                r.n_measures.to_string(),
                r.n_findings.to_string(),
                r.n_errors.to_string(),
                match r.report_kind.as_str() {
                    "plan_report" | "" => r.source_path.clone(),
                    kind => format!("{} ({})", r.source_path, super::lang::term(kind, lang)),
                },
            ]);
        }
        out.push_str(&format!("{t}\n"));
        if years.len() > 1 {
            out.push_str(&format!(
                "{}\n",
                series_table(&v.objectives, &years, l("objective", "зорилт"), lang)
            ));
            out.push_str(&format!(
                "{}\n",
                series_table(&v.measures, &years, l("measure", "арга хэмжээ"), lang)
            ));
            let changes = changes_lines(v, lang);
            if !changes.is_empty() {
                out.push_str(l(
                    "measures added and dropped:\n",
                    "нэмэгдсэн, хасагдсан арга хэмжээ:\n",
                ));
                out.push_str(&changes.join("\n"));
                out.push('\n');
            }
        } else {
            out.push_str(l(
                "one report year: nothing to compare yet\n",
                "ганц тайлант он: харьцуулах зүйл алга\n",
            ));
        }
        for n in &v.notes {
            out.push_str(&format!("{} {}\n", l("note:", "тэмдэглэл:"), n.get(lang)));
        }
    }
    if !y.drops.is_empty() {
        out.push_str(&lang.pick(
            format!(
                "\nfalls of {} points or more, largest first:\n",
                num(DROP_POINTS)
            ),
            format!(
                "\n{} ба түүнээс дээш нэгжийн бууралт, ихээс нь:\n",
                num(DROP_POINTS)
            ),
        ));
        for d in &y.drops {
            out.push_str(&format!(
                "  {} {} {} {}→{}: {} → {} ({})\n",
                d.agency,
                super::lang::term(d.level, lang),
                d.code.clone().unwrap_or_default(),
                d.from_year,
                d.to_year,
                num(d.from),
                num(d.to),
                signed(d.change)
            ));
        }
    }
    for n in &y.notes {
        out.push_str(&format!("{} {}\n", l("note:", "тэмдэглэл:"), n.get(lang)));
    }
    out
}

/// Long CSV: one row per agency, level, series and year.
pub fn csv(y: &Yoy) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "agency",
        "level",
        "series_id",
        "code",
        "text",
        "year",
        "score",
        "change",
        "flag",
        "n_findings",
        "n_errors",
        "doc_id",
    ])?;
    let f = |x: Option<f64>| x.map(num).unwrap_or_default();
    for v in &y.agencies {
        for r in &v.years {
            w.write_record([
                v.agency.as_str(),
                "overall",
                "",
                "",
                "",
                &r.year.to_string(),
                &f(r.overall),
                &f(r.change),
                if r.drop { "drop" } else { "" },
                &r.n_findings.to_string(),
                &r.n_errors.to_string(),
                &r.doc_id,
            ])?;
        }
        let doc_of = |year: i32| {
            v.years
                .iter()
                .find(|r| r.year == year)
                .map(|r| r.doc_id.clone())
                .unwrap_or_default()
        };
        for (level, rows) in [("objective", &v.objectives), ("measure", &v.measures)] {
            for s in rows {
                for (year, c) in &s.years {
                    let flag = if s.appeared.contains(year) {
                        "added"
                    } else if c.drop {
                        "drop"
                    } else {
                        ""
                    };
                    w.write_record([
                        v.agency.as_str(),
                        level,
                        &s.series_id,
                        &c.code,
                        &s.text,
                        &year.to_string(),
                        &f(c.score),
                        &f(c.change),
                        flag,
                        "",
                        "",
                        &doc_of(*year),
                    ])?;
                }
                for year in &s.vanished {
                    w.write_record([
                        v.agency.as_str(),
                        level,
                        &s.series_id,
                        &s.code,
                        &s.text,
                        &year.to_string(),
                        "",
                        "",
                        "dropped",
                        "",
                        "",
                        &doc_of(*year),
                    ])?;
                }
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings"))
}

pub fn json(y: &Yoy) -> String {
    serde_json::to_string_pretty(y).expect("the view serializes")
}

/// Colors of the agencies' lines, in the order of `Yoy::agencies`.
pub fn line_color(i: usize) -> RGBColor {
    let c = Palette99::pick(i).to_rgba();
    RGBColor(c.0, c.1, c.2)
}

/// Agencies named in the chart's legend (the rest are counted).
const LEGEND_ROWS: usize = 16;

/// SVG line chart of each agency's overall score by year.
pub fn chart_svg(y: &Yoy, lang: Lang) -> Result<String, String> {
    let years: Vec<i32> = y
        .agencies
        .iter()
        .flat_map(|v| v.years.iter().map(|r| r.year))
        .collect();
    let (Some(&lo), Some(&hi)) = (years.iter().min(), years.iter().max()) else {
        return Ok(String::new());
    };
    let max_score = y
        .agencies
        .iter()
        .flat_map(|v| v.years.iter().filter_map(|r| r.overall))
        .fold(100.0f64, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 420)).into_drawing_area();
        let e = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.fill(&WHITE).map_err(e)?;
        // The legend has an area of its own beside the plot, so it never covers a line.
        let (plot, legend) = root.split_horizontally(610);
        let mut chart = ChartBuilder::on(&plot)
            .caption(
                lang.pick("Overall score by year", "Нийт биелэлт, оноор"),
                ("sans-serif", 22),
            )
            .margin(16)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d((lo - 1)..(hi + 1), 0f64..(max_score + 5.0))
            .map_err(e)?;
        chart
            .configure_mesh()
            .x_labels(((hi - lo) as usize + 3).min(20))
            .x_label_formatter(&|x| x.to_string())
            .y_desc(lang.pick("score, %", "оноо, %"))
            .draw()
            .map_err(e)?;
        for (i, v) in y.agencies.iter().enumerate() {
            let color = line_color(i);
            let points: Vec<(i32, f64)> = v
                .years
                .iter()
                .filter_map(|r| r.overall.map(|o| (r.year, o)))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))
                .map_err(e)?;
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 5, color.filled())))
                .map_err(e)?;
            let row = 56 + 22 * i as i32;
            if i == LEGEND_ROWS {
                let more = format!(
                    "… {} {}",
                    lang.pick("more:", "бусад:"),
                    y.agencies.len() - LEGEND_ROWS
                );
                legend
                    .draw(&Text::new(more, (8, row - 7), ("sans-serif", 13)))
                    .map_err(e)?;
            }
            if i >= LEGEND_ROWS {
                continue;
            }
            legend
                .draw(&PathElement::new(
                    vec![(8, row), (32, row)],
                    color.stroke_width(3),
                ))
                .map_err(e)?;
            legend
                .draw(&Text::new(
                    short(&v.agency, 40),
                    (40, row - 7),
                    ("sans-serif", 13),
                ))
                .map_err(e)?;
        }
        root.present().map_err(e)?;
    }
    Ok(svg)
}

fn series_html(rows: &[SeriesRow], years: &[i32], label: &str, lang: Lang) -> Markup {
    html! {
        table {
            thead { tr {
                th { (label) } th { (lang.pick("text (latest)", "текст (сүүлийн)")) }
                @for y in years { th { (y) } }
            } }
            tbody {
                @for r in rows {
                    tr {
                        td { (r.code) }
                        td.text title=(r.series_id) { (short(&r.text, 120)) }
                        @for y in years {
                            @match r.years.get(y) {
                                Some(c) => td class=(if c.drop { "drop" } else if r.appeared.contains(y) { "added" } else { "" }) {
                                    (cell_text(c))
                                    @if c.code != r.code { " [" (c.code) "]" }
                                    @if r.appeared.contains(y) { " " (lang.pick("new", "шинэ")) }
                                },
                                None => td.gone { @if r.vanished.contains(y) { (lang.pick("dropped", "хасагдсан")) } },
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One self-contained page: the chart, the biggest drops, each agency's tables.
pub fn html(y: &Yoy, lang: Lang) -> Result<String, String> {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let svg = chart_svg(y, lang)?;
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                (PreEscaped(super::output::mark("yoy")))
                title { "biyelelt: " (t("year over year", "оноос онд")) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (t("Year over year", "Оноос онд")) }
                p.small { (t("Dataset", "Өгөгдөл")) " " code { (y.dataset) } ". "
                    (t("Scores in %; ▼ marks a fall of", "Оноо хувиар; ▼ нь байгууллагын өмнөх тайлангийн оноос")) " "
                    (num(DROP_POINTS)) " " (t("points or more from the agency's previous report year.", "ба түүнээс дээш нэгжээр буурсныг тэмдэглэнэ.")) }
                div #chart { (PreEscaped(svg)) }
                h2 { (t("Biggest drops", "Хамгийн их бууралт")) }
                @if y.drops.is_empty() { p { (t("No fall of", "Бууралт алга:")) " " (num(DROP_POINTS)) " " (t("points or more.", "ба түүнээс дээш нэгжийн.")) } }
                @else {
                    table #drops {
                        thead { tr { th { (t("agency", "байгууллага")) } th { (t("level", "түвшин")) } th { (t("code", "код")) } th { (t("text", "текст")) } th { (t("years", "он")) } th { (t("from", "өмнө")) } th { (t("to", "дараа")) } th { (t("change", "өөрчлөлт")) } } }
                        tbody {
                            @for d in y.drops.iter().take(20) {
                                tr {
                                    td { (d.agency) } td { (super::lang::term(d.level, lang)) } td { (d.code.clone().unwrap_or_default()) }
                                    td.text { (short(&d.text.clone().unwrap_or_default(), 100)) }
                                    td { (d.from_year) "→" (d.to_year) }
                                    td { (num(d.from)) } td { (num(d.to)) } td.drop { (signed(d.change)) }
                                }
                            }
                        }
                    }
                }
                @for v in &y.agencies {
                    @let years: Vec<i32> = v.years.iter().map(|r| r.year).collect();
                    section {
                        h2 { (v.agency) }
                        table {
                            thead { tr { th { (t("year", "он")) } th { (t("overall", "нийт")) } th { (t("change", "өөрчлөлт")) } th { (t("measures", "арга хэмжээ")) } th { (t("findings", "зөрүү")) } th { (t("errors", "алдаа")) } th { (t("report", "тайлан")) } } }
                            tbody {
                                @for r in &v.years {
                                    tr {
                                        td { (r.year) }
                                        td { (r.overall.map(num).unwrap_or_else(|| "-".into())) }
                                        td class=(if r.drop { "drop" } else { "" }) { (r.change.map(signed).unwrap_or_default()) }
                                        td { (r.n_measures) } td { (r.n_findings) } td { (r.n_errors) }
                                        td.small { (r.source_path) }
                                    }
                                }
                            }
                        }
                        @if years.len() > 1 {
                            h3 { (t("Objectives", "Зорилтууд")) }
                            (series_html(&v.objectives, &years, t("objective", "зорилт"), lang))
                            h3 { (t("Measures", "Арга хэмжээнүүд")) }
                            (series_html(&v.measures, &years, t("measure", "арга хэмжээ"), lang))
                        }
                        @for n in &v.notes { p.small { (t("Note:", "Тэмдэглэл:")) " " (n.get(lang)) } }
                    }
                }
                @for n in &y.notes { p.small { (t("Note:", "Тэмдэглэл:")) " " (n.get(lang)) } }
            }
        }
    };
    Ok(page.into_string())
}

const STYLE: &str =
    "body{font-family:'DejaVu Sans',sans-serif;margin:2em;color:#222;max-width:1200px}\
table{border-collapse:collapse;margin:.5em 0 1.5em}\
th,td{border:1px solid #ccc;padding:.25em .5em;font-size:13px;vertical-align:top}\
th{background:#f3f3f3}td.text{max-width:520px}.drop{background:#fde2e1;color:#a40000}\
.added{background:#e3f6e3}.gone{color:#888;font-style:italic}.small{font-size:12px;color:#555}\
#chart svg{max-width:100%;height:auto}";
