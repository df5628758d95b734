//! Metrics: the numbers in a measure's target and implementation texts.
//!
//! Enters: normalized field texts (decimal commas already points). Leaves: [`Metric`]s — value
//! after its multiplier (мянга ×1e3, сая ×1e6, тэрбум ×1e9), unit, the noun it counts in its
//! dictionary form, qualifier ("гаруй", "орчим", "-аас доошгүй"), the raw snippet. Numbers that
//! are not quantities are tagged (years, references such as "159 тоот" or "А/50", phone numbers)
//! or skipped (dates, ranges, list numbering, scores in slashes), never counted as people.

use crate::model::{Metric, Qualifier, Report, Source, Unit};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Word(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

/// Split text into numbers (digits with inner "." "," "-" kept for classification), words
/// (letters, with a hyphenated case ending as its own word "-аас"), and punctuation.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_ascii_digit() {
            let start = i;
            while let Some(c) = at(i) {
                let inner =
                    matches!(c, '.' | ',' | '-') && at(i + 1).is_some_and(|n| n.is_ascii_digit());
                if c.is_ascii_digit() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            // Thousands separated by spaces: "19 489 620.4" (groups of exactly three digits).
            let plain = !text[byte(start)..byte(i)].contains(['.', ',']);
            if plain && i - start <= 3 {
                let mut grouped = false;
                while at(i) == Some(' ')
                    && (1..=3).all(|k| at(i + k).is_some_and(|c| c.is_ascii_digit()))
                    && !at(i + 4).is_some_and(|c| c.is_ascii_digit())
                {
                    i += 4;
                    grouped = true;
                }
                if grouped
                    && at(i).is_some_and(|c| matches!(c, '.' | ','))
                    && at(i + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    i += 1;
                    while at(i).is_some_and(|c| c.is_ascii_digit()) {
                        i += 1;
                    }
                }
            }
            out.push(Token {
                tok: Tok::Num(text[byte(start)..byte(i)].to_string()),
                start: byte(start),
                end: byte(i),
            });
        } else if crate::normalize::is_letter(c)
            || (c == '-'
                && at(i + 1).is_some_and(crate::normalize::is_letter)
                && i > 0
                && chars[i - 1].1.is_ascii_digit())
        {
            let start = i;
            i += 1;
            while at(i).is_some_and(crate::normalize::is_letter) {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Word(text[byte(start)..byte(i)].to_string()),
                start: byte(start),
                end: byte(i),
            });
        } else {
            if !c.is_whitespace() {
                out.push(Token {
                    tok: Tok::Punct(c),
                    start: byte(i),
                    end: byte(i + 1),
                });
            }
            i += 1;
        }
    }
    out
}

/// Nouns reports count, with the stem their case forms share ("иргэдэд" → "иргэн").
const NOUNS: &[(&str, &str)] = &[
    ("албан хаагч", "албан хаагч"),
    ("ажил олгогч", "ажил олгогч"),
    ("татвар төлөгч", "татвар төлөгч"),
    ("иргэ", "иргэн"),
    ("даатгуулагч", "даатгуулагч"),
    ("байцаагч", "байцаагч"),
    ("ажилт", "ажилтан"),
    ("хандалт", "хандалт"),
    ("хэрэглэгч", "хэрэглэгч"),
    ("байгуулла", "байгууллага"),
    ("сувг", "суваг"),
    ("суваг", "суваг"),
    ("програм", "програм"),
    ("программ", "программ"),
    ("сургалт", "сургалт"),
    ("мэдээл", "мэдээлэл"),
    ("санал", "санал"),
    ("өргөд", "өргөдөл"),
    ("гомдол", "гомдол"),
    ("дуудлага", "дуудлага"),
    ("тайлан", "тайлан"),
    ("лавлагаа", "лавлагаа"),
    ("аймаг", "аймаг"),
    ("дүүрэг", "дүүрэг"),
    ("дүүргий", "дүүрэг"),
    ("төрл", "төрөл"),
    ("төрөл", "төрөл"),
    ("хүн", "хүн"),
    ("асуулт", "асуулт"),
    ("гэрээ", "гэрээ"),
    ("мэдүүл", "мэдүүлэг"),
    ("тендер", "тендер"),
    ("нэгж", "нэгж"),
    ("хувилбар", "хувилбар"),
    ("шалгалт", "шалгалт"),
    ("аудит", "аудит"),
    ("зөрчил", "зөрчил"),
    ("зөрчл", "зөрчил"),
    ("машин", "машин"),
];

/// Case endings and plural markers, longest first, stripped when no known noun matches.
const ENDINGS: &[&str] = &[
    "уудын",
    "үүдийн",
    "уудад",
    "үүдэд",
    "уудыг",
    "үүдийг",
    "чуудын",
    "гийн",
    "ийн",
    "ийг",
    "ын",
    "ыг",
    "ний",
    "ны",
    "аас",
    "ээс",
    "оос",
    "өөс",
    "аар",
    "ээр",
    "оор",
    "өөр",
    "тай",
    "тэй",
    "той",
    "ууд",
    "үүд",
    "нд",
];

/// Particles and conjunctions that stand between a number and the noun it counts.
const PARTICLES: &[&str] = &["нь", "ба", "болон", "бүгд", "нийт", "нийтдээ", "орчим"];

fn lemma(word: &str, next: Option<&str>) -> String {
    let w = word.to_lowercase();
    let pair = next.map(|n| format!("{w} {}", n.to_lowercase()));
    for (stem, lemma) in NOUNS {
        let hit = if stem.contains(' ') {
            pair.as_deref().is_some_and(|p| p.starts_with(stem))
        } else {
            w.starts_with(stem)
        };
        if hit {
            return lemma.to_string();
        }
    }
    for e in ENDINGS {
        if let Some(stem) = w.strip_suffix(e) {
            if stem.chars().count() >= 3 {
                return stem.to_string();
            }
        }
    }
    w
}

fn multiplier(word: &str) -> Option<f64> {
    let w = word.to_lowercase();
    if w.starts_with("мянга") || w == "мянган" {
        Some(1e3)
    } else if w == "сая" || w.starts_with("саяы") || w == "саяар" {
        Some(1e6)
    } else if w.starts_with("тэрбум") {
        Some(1e9)
    } else {
        None
    }
}

/// Parse "2673.4", "1,191,140,600.00", "25,761", "19 489 620.4" to a value; `None` for dates
/// and other dotted codes.
fn parse_number(raw: &str) -> Option<f64> {
    let s = raw.replace(' ', "");
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let cleaned = if commas > 0 {
        // Commas are thousands separators here: decimal commas were made points by normalize.
        let groups_ok = s
            .split('.')
            .next()
            .unwrap_or("")
            .split(',')
            .skip(1)
            .all(|g| g.len() == 3);
        if !groups_ok || dots > 1 {
            return None;
        }
        s.replace(',', "")
    } else {
        if dots > 1 {
            return None;
        }
        s
    };
    cleaned.parse().ok()
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub value: f64,
    pub unit: Unit,
    pub noun: Option<String>,
    pub qualifier: Option<Qualifier>,
    pub raw: String,
    pub offset: usize,
}

fn word_at(toks: &[Token], i: usize) -> Option<&str> {
    match toks.get(i).map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

fn punct_at(toks: &[Token], i: usize) -> Option<char> {
    match toks.get(i).map(|t| &t.tok) {
        Some(Tok::Punct(c)) => Some(*c),
        _ => None,
    }
}

/// Every number of a text, classified.
pub fn extract(text: &str) -> Vec<Found> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Num(raw) = &t.tok else { continue };
        let prev_punct = i.checked_sub(1).and_then(|j| punct_at(&toks, j));
        let next_punct = punct_at(&toks, i + 1);
        let prev_word = i.checked_sub(1).and_then(|j| word_at(&toks, j));
        let digits_only = raw.chars().all(|c| c.is_ascii_digit());
        let found = |value: f64, unit: Unit, end: usize| Found {
            value,
            unit,
            noun: None,
            qualifier: None,
            raw: text[t.start..end].to_string(),
            offset: t.start,
        };

        // Phone numbers: "7777-1289", "77771289" (eight digits), "(976-11) 32 07 16".
        let is_phone = raw.len() == 9
            && raw.as_bytes()[4] == b'-'
            && raw.replace('-', "").chars().all(|c| c.is_ascii_digit())
            || (digits_only && raw.len() == 8 && matches!(raw.as_bytes()[0], b'5'..=b'9'));
        if is_phone {
            out.push(found(
                raw.replace('-', "").parse().unwrap_or(0.0),
                Unit::Phone,
                t.end,
            ));
            continue;
        }
        // Ranges ("90-95 хувийн") and hyphenated codes ("11-11 төв", "976-11"): not quantities.
        if raw.contains('-') {
            continue;
        }
        // Scores and codes in slashes: "/93.9/", "А/50", "13/1", "1/233".
        let adjacent = |a: usize, b: usize| match (toks.get(a), toks.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        };
        if next_punct == Some('/')
            && adjacent(i, i + 1)
            && adjacent(i + 1, i + 2)
            && toks
                .get(i + 2)
                .is_some_and(|n| matches!(n.tok, Tok::Num(_)))
        {
            out.push(found(
                parse_number(raw).unwrap_or(0.0),
                Unit::Reference,
                t.end,
            ));
            continue;
        }
        // Codes: "А-02", "НД47": a number glued to letters or to a letter and a hyphen.
        let glued_to_letters = t.start > 0
            && text[..t.start]
                .chars()
                .next_back()
                .is_some_and(crate::normalize::is_letter);
        let letter_hyphen = prev_punct == Some('-')
            && adjacent(i - 1, i)
            && i >= 2
            && adjacent(i - 2, i - 1)
            && matches!(toks[i - 2].tok, Tok::Word(_));
        if glued_to_letters || letter_hyphen {
            out.push(found(
                parse_number(raw).unwrap_or(0.0),
                Unit::Reference,
                t.end,
            ));
            continue;
        }
        if prev_punct == Some('/') && adjacent(i - 1, i) {
            let before = i.checked_sub(2).map(|j| &toks[j].tok);
            if matches!(before, Some(Tok::Word(_))) || matches!(before, Some(Tok::Num(_))) {
                out.push(found(
                    parse_number(raw).unwrap_or(0.0),
                    Unit::Reference,
                    t.end,
                ));
            }
            continue;
        }
        if prev_punct == Some('№') {
            out.push(found(
                parse_number(raw).unwrap_or(0.0),
                Unit::Reference,
                t.end,
            ));
            continue;
        }
        let Some(mut value) = parse_number(raw) else {
            continue; // dates and dotted codes
        };
        // List numbering: "1." or "1)" at the start of the text or of a sentence.
        let at_start = i == 0 || prev_punct.is_some();
        if at_start && digits_only && raw.len() <= 2 && matches!(next_punct, Some('.' | ')')) {
            continue;
        }
        let mut j = i + 1;
        let mut qualifier = None;
        if matches!(
            prev_word.map(str::to_lowercase).as_deref(),
            Some("ойролцоогоор")
        ) {
            qualifier = Some(Qualifier::About);
        }
        // A case ending written on the number: "3-аас доошгүй", "10-аад".
        if let Some(w) = word_at(&toks, j).filter(|w| w.starts_with('-')) {
            let w = w.to_lowercase();
            if w.ends_with("аад") || w.ends_with("ээд") || w.ends_with("оод") || w.ends_with("өөд")
            {
                qualifier = Some(Qualifier::About);
            } else if ["-аас", "-ээс", "-оос", "-өөс"].contains(&w.as_str())
                && word_at(&toks, j + 1).is_some_and(|n| n.to_lowercase() == "доошгүй")
            {
                qualifier = Some(Qualifier::AtLeast);
                j += 1;
            } else if w == "-р" || w == "- р" {
                out.push(found(value, Unit::Reference, toks[j].end));
                continue;
            }
            j += 1;
        }
        // Qualifiers and multipliers after the number, in either order ("2.0 гаруй мянган").
        let mut end = t.end;
        loop {
            match word_at(&toks, j).map(str::to_lowercase) {
                Some(w) if w == "гаруй" => {
                    qualifier = Some(Qualifier::MoreThan);
                }
                Some(w) if w == "орчим" => {
                    qualifier = Some(Qualifier::About);
                }
                Some(w) if multiplier(&w).is_some() => {
                    value *= multiplier(&w).unwrap_or(1.0);
                }
                _ => break,
            }
            end = toks[j].end;
            j += 1;
        }
        // Multiplying "2673.4" by 1e3 leaves float dust; six decimals are plenty.
        value = (value * 1e6).round() / 1e6;
        let mut next = word_at(&toks, j).map(str::to_lowercase);
        // "135450 нь дуудлаганд": look past particles for the noun.
        while next.as_deref().is_some_and(|w| PARTICLES.contains(&w))
            && word_at(&toks, j + 1).is_some()
        {
            j += 1;
            next = word_at(&toks, j).map(str::to_lowercase);
        }
        let (unit, noun) = if punct_at(&toks, j) == Some('%') {
            end = toks[j].end;
            (Unit::Percent, None)
        } else if punct_at(&toks, j) == Some('₮') {
            end = toks[j].end;
            (Unit::CurrencyMnt, None)
        } else if let Some(w) = next.as_deref() {
            let unit =
                if (w.starts_with("хувь") || w.starts_with("хувий") || w.starts_with("хуваа"))
                    || matches!(w, "хувиар" | "хувиас")
                {
                    Unit::Percent
                } else if w.starts_with("төгрөг") || w == "төг" {
                    Unit::CurrencyMnt
                } else if w.starts_with("удаа") {
                    Unit::Times
                } else if w.starts_with("хоног") || w.starts_with("өдөр") || w.starts_with("өдр")
                {
                    Unit::Days
                } else if digits_only
                    && raw.len() == 4
                    && (1990.0..=2100.0).contains(&value)
                    && w.starts_with("он")
                {
                    Unit::Year
                } else if ["тоот", "дугаар", "дүгээр", "дугаартай", "тогтоол", "тушаал"]
                    .iter()
                    .any(|r| w.starts_with(r))
                {
                    Unit::Reference
                } else if w.starts_with("сар") || w.starts_with("жил") || w.starts_with("цаг")
                {
                    Unit::Other
                } else {
                    Unit::Count
                };
            if w == "буюу" {
                // "2305 буюу 94.1 хувь": a count whose noun stands elsewhere.
                (Unit::Count, None)
            } else {
                end = toks[j].end;
                let noun = (unit == Unit::Count).then(|| lemma(w, word_at(&toks, j + 1)));
                (unit, noun)
            }
        } else {
            (Unit::Other, None)
        };
        out.push(Found {
            value,
            unit,
            noun,
            qualifier,
            raw: text[t.start..end].to_string(),
            offset: t.start,
        });
    }
    out
}

/// Metrics of every measure of a report.
pub fn for_report(report: &Report) -> Vec<Metric> {
    let mut out = Vec::new();
    for m in report.measures() {
        for (field, text) in [
            ("target", &m.target.text),
            ("implementation", &m.implementation.text),
        ] {
            for f in extract(text) {
                out.push(Metric {
                    objective_no: m.objective_no,
                    measure_no: m.measure_no,
                    code: m.code.clone(),
                    field: field.into(),
                    value: f.value,
                    unit: f.unit,
                    noun: f.noun,
                    qualifier: f.qualifier,
                    raw: f.raw,
                    offset: f.offset,
                    source: Source {
                        page: m.source.page,
                        line: m.source.line,
                        span: m.source.span,
                    },
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn one(text: &str) -> Found {
        let found = extract(&normalize(text));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn units(text: &str) -> Vec<(f64, Unit)> {
        extract(&normalize(text))
            .into_iter()
            .map(|f| (f.value, f.unit))
            .collect()
    }

    #[test]
    fn counts_with_nouns_in_dictionary_form() {
        let f = one("5892 иргэн, даатгуулагч");
        assert_eq!(
            (f.value, f.unit, f.noun.as_deref()),
            (5892.0, Unit::Count, Some("иргэн"))
        );
        assert_eq!(one("5524 иргэнд лавлагаа").noun.as_deref(), Some("иргэн"));
        assert_eq!(
            one("95240 даатгуулагчийн мэдээлэлд").noun.as_deref(),
            Some("даатгуулагч")
        );
        assert_eq!(
            one("13231 албан хаагчийг").noun.as_deref(),
            Some("албан хаагч")
        );
    }

    #[test]
    fn percents_decimal_comma_and_point() {
        assert_eq!(one("88,1 хувь буюу").value, 88.1);
        assert_eq!(one("88,1 хувь").unit, Unit::Percent);
        let f = one("92,1% нь маш сайн");
        assert_eq!((f.value, f.unit), (92.1, Unit::Percent));
        assert_eq!(one("79,3 % нь").unit, Unit::Percent);
        assert_eq!(one("94.1 хувийг").unit, Unit::Percent);
        assert_eq!(one("98.2 хувьтай").unit, Unit::Percent);
    }

    #[test]
    fn multipliers() {
        let f = one("2673.4 мянган хандалтыг");
        assert_eq!(
            (f.value, f.unit, f.noun.as_deref()),
            (2673400.0, Unit::Count, Some("хандалт"))
        );
        assert_eq!(one("133.1 мянган даатгуулагч").value, 133100.0);
        assert_eq!(one("1.5 сая төгрөг").value, 1_500_000.0);
        assert_eq!(one("1.5 сая төгрөг").unit, Unit::CurrencyMnt);
        assert_eq!(one("2 тэрбум төгрөг").value, 2e9);
        let f = one("4.0 мянга гаруй иргэний");
        assert_eq!((f.value, f.qualifier), (4000.0, Some(Qualifier::MoreThan)));
        let f = one("2.0 гаруй мянган даатгуулагчийн");
        assert_eq!((f.value, f.qualifier), (2000.0, Some(Qualifier::MoreThan)));
    }

    #[test]
    fn qualifiers() {
        let f = one("80 гаруй хувь нь");
        assert_eq!(
            (f.value, f.unit, f.qualifier),
            (80.0, Unit::Percent, Some(Qualifier::MoreThan))
        );
        assert_eq!(one("80 орчим хувийг").qualifier, Some(Qualifier::About));
        assert_eq!(
            one("ойролцоогоор 300 иргэн").qualifier,
            Some(Qualifier::About)
        );
        assert_eq!(
            one("10-аад төрийн байгууллага").qualifier,
            Some(Qualifier::About)
        );
        assert_eq!(
            one("3-аас доошгүй сувгаар").qualifier,
            Some(Qualifier::AtLeast)
        );
        assert_eq!(one("3-аас доошгүй сувгаар").value, 3.0);
    }

    #[test]
    fn thousands() {
        assert_eq!(one("1,191,140,600.00 төгрөг").value, 1_191_140_600.0);
        assert_eq!(one("19 489 620,4 мянган төгрөг").value, 19_489_620_400.0);
        assert_eq!(one("25,761 иргэн").value, 25761.0);
    }

    #[test]
    fn not_counts_years_references_phones_dates_ranges_lists() {
        assert_eq!(
            units("2017 оны 159 тоот тогтоол"),
            vec![(2017.0, Unit::Year), (159.0, Unit::Reference)]
        );
        assert_eq!(units("А/50 дугаар тушаал"), vec![(50.0, Unit::Reference)]);
        assert_eq!(units("77771289 утасны"), vec![(77771289.0, Unit::Phone)]);
        assert_eq!(
            units("7777-1289 дугаар утсанд"),
            vec![(77771289.0, Unit::Phone)]
        );
        assert!(units("2020.01.30-ны").is_empty());
        assert!(units("90-95 хувийн").is_empty());
        assert!(units("/93.9/").is_empty());
        assert_eq!(units("51-р тогтоол"), vec![(51.0, Unit::Reference)]);
        assert!(units("байна. 2. Хөдөлмөр").is_empty());
        assert!(units("1.Нийгмийн даатгал").is_empty());
        assert_eq!(units("ажлын 5 хоногт"), vec![(5.0, Unit::Days)]);
        assert_eq!(units("3 удаа зохион"), vec![(3.0, Unit::Times)]);
        assert!(units("11-11 төвөөр").is_empty());
        assert_eq!(
            units("2019 оны А-02/НД47 тоот"),
            vec![
                (2019.0, Unit::Year),
                (2.0, Unit::Reference),
                (47.0, Unit::Reference)
            ]
        );
        assert_eq!(units("/нийт 1535/ 4. Мөн"), vec![(1535.0, Unit::Other)]);
        assert!(units("цахим хуудас, 2. 77771289 лавлах")
            .iter()
            .all(|u| u.1 == Unit::Phone));
        assert_eq!(units("16 хувилбараар"), vec![(16.0, Unit::Count)]);
        assert_eq!(
            one("нийтдээ 135450 нь дуудлаганд").noun.as_deref(),
            Some("дуудлага")
        );
    }
}
