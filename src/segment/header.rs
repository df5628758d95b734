//! The report's header: the cover letter and the plan's title.
//!
//! Enters: the paragraphs before the plan table (letterhead, letter, title) and all paragraphs
//! (signatures stand after the table too). Leaves: [`Header`] — agency and addressee in the
//! nominative, letter number and date, reporting year, signatories.

use crate::layout::Paragraph;
use crate::model::{Header, Problem, Signatory, Source};
use crate::normalize::normalize;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// "2020.01.30 № 1/233", "2020-01-30-ны өдрийн № 1/233", "2020 оны 01 дүгээр сарын 30-ны
/// өдөр № 1/233", "2020 оны 1-р сарын 30 № 1/233"; OCR's `mon` model has no "№" and reads it
/// as "М" or "N" and a letter or mark for the raised "o" ("Мо", "Ме", "Мь", "Мс", "Мг", "No"),
/// which after a letter's date can be nothing else; OCR may also put a space after a date's
/// dots ("2019. 02. 05"), and a day in words as a letter it looks like ("сарын б" for 6, "З"
/// for 3). Groups: y m d (numeric date) or vy vm vd (date in words), then no.
static LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?P<y>\d{4})[.\-/ ]\s?(?P<m>\d{1,2})[.\-/ ]\s?(?P<d>\d{1,2})|(?P<vy>\d{4})\s*оны\s*(?P<vm>\d{1,2})\s*(?:-?\s*(?:дүгээр|дугаар|р)\s*)?сарын\s*(?P<vd>\d{1,2}|[бЗз]\d?|\d[бЗзО]))(?:\s*-?\s*(?:ны|ний|нд|оны)?\s*(?:өдрийн|өдөр)?)?\s*(?:Дугаар\s*)?(?P<sign>№|[NМХ][^\s\d]{0,2}|[^\s\d]{1,3})\.?\s*(?P<no>[0-9A-Za-zА-Яа-яӨөҮүЁё][0-9A-Za-zА-Яа-яӨөҮүЁё/\-.]*)",
    )
    .expect("valid regex")
});
/// "… 2019 онд хэрэгжүүлэх …", "2019 оны …".
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d{2})\s*(?:онд|оны|он)\b").expect("valid regex"));
/// "Д.ЗОРИГТ", "Ц.Алтангэрэл", "Б. Бат-Эрдэнэ".
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[А-ЯӨҮЁ]{1,2}\.\s?[А-ЯӨҮЁ][А-ЯӨҮЁа-яөүё]+(?:-[А-ЯӨҮЁа-яөүё]+)?$")
        .expect("valid regex")
});

fn is_upper_text(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Nouns that end names of state bodies, with their dative forms ("ГАЗАРТ" → "ГАЗАР").
const BODY_NOUNS: &[(&str, &str)] = &[
    ("газарт", "газар"),
    ("яаманд", "яам"),
    ("хороонд", "хороо"),
    ("зөвлөлд", "зөвлөл"),
    ("төвд", "төв"),
    ("албанд", "алба"),
    ("агентлагт", "агентлаг"),
    ("хэлтэст", "хэлтэс"),
    ("захиргаанд", "захиргаа"),
    ("хуралд", "хурал"),
    ("байгууллагад", "байгууллага"),
    ("газарт", "газар"),
    ("ордонд", "ордон"),
    ("банканд", "банк"),
];

/// The nominative of a body's name in the dative ("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ").
fn nominative(name: &str) -> String {
    let mut words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    if let Some(last) = words.last_mut() {
        let lower = last.to_lowercase();
        if let Some((_, nom)) = BODY_NOUNS.iter().find(|(dat, _)| *dat == lower) {
            *last = if is_upper_text(last) {
                nom.to_uppercase()
            } else {
                nom.to_string()
            };
        }
    }
    words.join(" ")
}

/// Sentence case for a name printed in capitals, taking the casing of its words from where the
/// document writes them in running text ("Нийгмийн даатгалын ерөнхий газраас").
fn recase(upper: &str, running: &[String]) -> String {
    let words: Vec<&str> = upper.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // The last word may carry a case ending ("газраас"): its first letters are compared.
    let stem: String = lower[words.len() - 1].chars().take(3).collect();
    // The running text whole too: a title whose lines came as paragraphs breaks the name.
    let whole = running.join(" ");
    for text in running.iter().chain(std::iter::once(&whole)) {
        let tw: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        if tw.len() < words.len() {
            continue;
        }
        // Each word lowercased once, not once for every window it is in.
        let tw_lower: Vec<String> = tw.iter().map(|w| w.to_lowercase()).collect();
        for start in 0..=tw.len() - words.len() {
            let window = &tw[start..start + words.len()];
            let window_lower = &tw_lower[start..start + words.len()];
            let heads_match = window_lower[..words.len() - 1]
                .iter()
                .zip(&lower)
                .all(|(a, b)| a == b);
            let last = &window_lower[words.len() - 1];
            let mixed = window.iter().any(|w| w.chars().any(char::is_lowercase));
            if heads_match && last.starts_with(&stem) && mixed {
                let mut out: Vec<String> = window[..words.len() - 1]
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                let first_upper = window[words.len() - 1]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                let last_word = &lower[words.len() - 1];
                out.push(if first_upper {
                    capitalize(last_word)
                } else {
                    last_word.clone()
                });
                return out.join(" ");
            }
        }
    }
    capitalize(&upper.to_lowercase())
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Parse the header.
/// Paragraphs normalized, a paragraph going on in lowercase after one that did not end a
/// sentence joined to it: it is its next line (a producer whose line spacing is wider than the
/// layout's paragraph gap splits them).
fn joined<'a>(paragraphs: &[&'a Paragraph]) -> Vec<(String, &'a Paragraph)> {
    let mut out: Vec<(String, &Paragraph)> = Vec::new();
    for p in paragraphs {
        let t = normalize(&p.text);
        match out.last_mut() {
            Some((prev, _))
                if t.chars().next().is_some_and(char::is_lowercase)
                    && !prev.trim_end().ends_with(['.', ':', ';', '!', '?']) =>
            {
                prev.push(' ');
                prev.push_str(&t);
            }
            _ => out.push((t, *p)),
        }
    }
    out
}

/// A letter number after its date: it has a digit (a misread "№" is never a word after the
/// date, "Мэдээлэл"); after a mark OCR made of "№" that is none of its usual misreadings
/// ("УМ"), it has the genre's "/" too ("4/246"), as a count in a sentence does not.
fn is_letter_number(c: &regex::Captures) -> bool {
    let no = &c["no"];
    let sign = &c["sign"];
    no.chars().any(|ch| ch.is_ascii_digit())
        && (sign == "№" || sign.starts_with(['N', 'М', 'Х']) || no.contains('/'))
}

pub fn parse(before: &[&Paragraph], all: &[&Paragraph], problems: &mut Vec<Problem>) -> Header {
    let norm = joined(before);
    let running: Vec<String> = joined(all)
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.chars().any(char::is_lowercase))
        .collect();
    let mut header = Header::default();

    let letter_at = norm
        .iter()
        .position(|(t, _)| LETTER.captures(t).is_some_and(|c| is_letter_number(&c)));
    if let Some(i) = letter_at {
        let c = LETTER.captures(&norm[i].0).expect("matched above");
        let part = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|g| g.as_str());
        let (y, m, d) = (
            part("y", "vy").and_then(|v| v.parse().ok()),
            part("m", "vm").and_then(|v| v.parse().ok()),
            part("d", "vd").and_then(|v| crate::normalize::ocr_digits(v).parse().ok()),
        );
        header.letter_date = match (y, m, d) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        if header.letter_date.is_none() {
            problems.push(Problem {
                stage: crate::model::Stage::Header,
                source: norm[i].1.source.clone(),
                message: format!("letter date {:?} is not a calendar date", &c[0]),
                message_mn: format!("албан бичгийн огноо {:?} хуанлийн огноо биш", &c[0]),
            });
        }
        header.letter_no = Some(c["no"].trim_end_matches(['.', ',']).to_string());
    } else {
        problems.push(Problem {
            stage: crate::model::Stage::Header,
            source: Source::default(),
            message: "no letter date and number (\"2020.01.30 № 1/233\") before the plan table"
                .into(),
            message_mn:
                "төлөвлөгөөний хүснэгтийн өмнө албан бичгийн огноо, дугаар (\"2020.01.30 № 1/233\") алга"
                    .into(),
        });
    }
    let letterhead_end = letter_at.unwrap_or(norm.len());

    // The title: the first paragraph naming the plan's implementation, with its year.
    let is_title = |t: &str| {
        let l = t.to_lowercase();
        (l.contains("биелэлт") || l.contains("төлөвлөгөө")) && YEAR.is_match(t)
    };
    let title = norm
        .iter()
        .find(|(t, p)| p.emphasis && is_title(t))
        .or_else(|| norm.iter().find(|(t, _)| is_title(t)));
    if let Some((t, _)) = title {
        header.title = Some(t.clone());
        header.year = YEAR.captures(t).and_then(|c| c[1].parse().ok());
    }
    if header.year.is_none() {
        // "/2019 оны жилийн эцсийн байдлаар/" in the evaluation, else any "YYYY онд … биелэлт".
        header.year = all.iter().find_map(|p| {
            let t = normalize(&p.text);
            let l = t.to_lowercase();
            if l.contains("жилийн эцсийн байдлаар") || l.contains("биелэлт")
            {
                YEAR.captures(&t).and_then(|c| c[1].parse().ok())
            } else {
                None
            }
        });
        problems.push(Problem {
            stage: crate::model::Stage::Header,
            source: Source::default(),
            message: match header.year {
                Some(y) => format!("no title with the plan year; year {y} taken from the text"),
                None => "no reporting year found (title \"… 2019 онд … биелэлт\")".into(),
            },
            message_mn: match header.year {
                Some(y) => format!("төлөвлөгөөний онтой гарчиг алга; {y} оныг текстээс авсан"),
                None => "тайлант он олдсонгүй (гарчиг \"… 2019 онд … биелэлт\")".into(),
            },
        });
    }

    // The letterhead's name: the bold paragraph in capitals, else the first one in capitals
    // that is not the parent body's line ("МОНГОЛ УЛСЫН ЗАСГИЙН ГАЗРЫН … АГЕНТЛАГ"). A name set
    // on two lines can come as two paragraphs (OCR sizes its lines apart): short capitals right
    // below it go with it.
    // A name in the dative ("… ГАЗАРТ") is the addressee's: it stands among the letterhead's
    // lines when the letter's date line was not read.
    let is_dative = |t: &str| {
        t.split_whitespace()
            .last()
            .is_some_and(|w| BODY_NOUNS.iter().any(|(dat, _)| w.to_lowercase() == *dat))
    };
    let is_candidate =
        |t: &str| is_upper_text(t) && !t.contains('@') && !LETTER.is_match(t) && !is_dative(t);
    let head = &norm[..letterhead_end];
    let start = head
        .iter()
        .position(|(t, p)| p.emphasis && is_candidate(t))
        .or_else(|| {
            head.iter()
                .position(|(t, _)| is_candidate(t) && !t.starts_with("МОНГОЛ УЛСЫН"))
        })
        .or_else(|| head.iter().position(|(t, _)| is_candidate(t)));
    let agency_upper = start.map(|i| {
        let mut name = head[i].0.clone();
        for (t, _) in &head[i + 1..] {
            if is_candidate(t) && t.split_whitespace().count() <= 3 {
                name.push(' ');
                name.push_str(t);
            } else {
                break;
            }
        }
        name
    });
    header.agency = match agency_upper {
        Some(a) => Some(recase(&a, &running)),
        // The title's name; else any title-like paragraph's (OCR may make the covering
        // letter's sentence bold, "… 2013 оны биелэлтийг хавсралтаар хүргүүлэв", and take it
        // for the title).
        None => title.and_then(|(t, _)| agency_from_title(t)).or_else(|| {
            norm.iter()
                .filter(|(t, _)| is_title(t))
                .find_map(|(t, _)| agency_from_title(t))
        }),
    };
    if header.agency.is_none() {
        problems.push(Problem {
            stage: crate::model::Stage::Header,
            source: Source::default(),
            message: "no agency name in the letterhead or the title".into(),
            message_mn: "албан бичгийн толгой, гарчигт байгууллагын нэр алга".into(),
        });
    }

    // Addressee: the first line in capitals after the letter number, in the dative.
    if let Some(i) = letter_at {
        header.addressee = norm[i + 1..]
            .iter()
            .find(|(t, _)| is_upper_text(t) && t.split_whitespace().count() <= 8)
            .map(|(t, _)| recase(&nominative(t), &running));
    }

    // Signatories: a name line ("Д.ЗОРИГТ") and the role line above it.
    for w in all.windows(2) {
        let name = normalize(&w[1].text);
        if NAME.is_match(&name) {
            let role = normalize(&w[0].text);
            if role.chars().count() <= 160 && !NAME.is_match(&role) {
                header.signatories.push(Signatory { role, name });
            }
        }
    }
    header
}

/// "… хүрээнд Нийгмийн даатгалын ерөнхий газраас 2019 онд …" → the name, ablative ending off.
fn agency_from_title(title: &str) -> Option<String> {
    static ABLATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"хүрээнд\s+(.+?)\s+(?:19|20)\d{2}\s+онд").expect("valid regex")
    });
    let name = ABLATIVE.captures(title)?[1].to_string();
    let mut words: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    let last = words.last_mut()?;
    for (abl, nom) in [
        ("газраас", "газар"),
        ("яамнаас", "яам"),
        ("хорооноос", "хороо"),
        ("төвөөс", "төв"),
        ("албанаас", "алба"),
        ("агентлагаас", "агентлаг"),
    ] {
        if last.to_lowercase() == abl {
            *last = nom.to_string();
        }
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str, emphasis: bool) -> Paragraph {
        Paragraph {
            text: t.into(),
            emphasis,
            ..Default::default()
        }
    }

    #[test]
    fn a_title_whose_lines_came_as_paragraphs_is_read_whole() {
        // Wide line spacing: each line of the title is a paragraph of its own.
        let ps = [
            para("ДАРХАН-УУЛ АЙМГИЙН ЗАСАГ ДАРГЫН ТАМГЫН ГАЗАР", false),
            para("2021-01-16 № 8/983", false),
            para("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ", false),
            para(
                "Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд Дархан-Уул аймгийн Засаг",
                false,
            ),
            para(
                "даргын Тамгын газраас 2020 онд хэрэгжүүлэх үйл ажиллагааны",
                false,
            ),
            para("төлөвлөгөөний биелэлт", false),
        ];
        let refs: Vec<&Paragraph> = ps.iter().collect();
        let h = parse(&refs, &refs, &mut Vec::new());
        assert_eq!(
            h.agency.as_deref(),
            Some("Дархан-Уул аймгийн Засаг даргын Тамгын газар")
        );
        assert_eq!(h.year, Some(2020));
    }

    #[test]
    fn the_agency_is_read_from_the_title_when_ocr_made_the_letter_s_sentence_bold() {
        // No letterhead; the covering letter's sentence, bold as OCR read it, names the year too.
        let ps = [
            para("2014-01-13 № 12/29", false),
            para("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ", false),
            para(
                "Авлигатай тэмцэх үндэсний хөтөлбөрийг хэрэгжүүлэх арга хэмжээний 2013 оны биелэлтийг хавсралтаар хүргүүлэв.",
                true,
            ),
            para(
                "Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд Боловсролын ерөнхий газраас 2013 онд хэрэгжүүлэх үйл",
                true,
            ),
            para("ажиллагааны төлөвлөгөөний биелэлт", false),
        ];
        let refs: Vec<&Paragraph> = ps.iter().collect();
        let h = parse(&refs, &refs, &mut Vec::new());
        assert_eq!(h.agency.as_deref(), Some("Боловсролын ерөнхий газар"));
        assert_eq!(h.year, Some(2013));
    }

    #[test]
    fn a_letter_line_misread_keeps_the_letterhead_as_agency() {
        // OCR lost the letterhead's bold and read the day "6" as "б"; the addressee, bold,
        // stands between.
        let ps = [
            para("ТАТВАРЫН ЕРӨНХИЙ ГАЗАР", false),
            para("2021 оны 1-р сарын б Ме 4/387", false),
            para("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ", true),
            para("Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд Татварын ерөнхий газраас 2020 онд хэрэгжүүлэх үйл ажиллагааны төлөвлөгөөний биелэлт", true),
        ];
        let refs: Vec<&Paragraph> = ps.iter().collect();
        let h = parse(&refs, &refs, &mut Vec::new());
        assert_eq!(h.agency.as_deref(), Some("Татварын ерөнхий газар"));
        assert_eq!(h.letter_date, NaiveDate::from_ymd_opt(2021, 1, 6));
        assert_eq!(h.letter_no.as_deref(), Some("4/387"));
        // Without the letter line, the bold addressee is still no agency.
        let refs: Vec<&Paragraph> = [&ps[0], &ps[2], &ps[3]].into_iter().collect();
        let h = parse(&refs, &refs, &mut Vec::new());
        assert_eq!(h.agency.as_deref(), Some("Татварын ерөнхий газар"));
    }

    #[test]
    fn letter_agency_addressee_year() {
        let ps = [
            para("МОНГОЛ УЛСЫН ЗАСГИЙН ГАЗРЫН ХЭРЭГЖҮҮЛЭГЧ АГЕНТЛАГ", false),
            para("НИЙГМИЙН ДААТГАЛЫН\nЕРӨНХИЙ ГАЗАР", true),
            para("2020.01.30 № 1/233\nтанай _____ -ны № _____ -т", false),
            para("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ", false),
            para("ДАРГА", false),
            para("Д.ЗОРИГТ", false),
            para("Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд Нийгмийн даатгалын ерөнхий газраас\n2019 онд хэрэгжүүлэх үйл ажиллагааны төлөвлөгөөний биелэлт", true),
        ];
        let refs: Vec<&Paragraph> = ps.iter().collect();
        let mut problems = Vec::new();
        let h = parse(&refs, &refs, &mut problems);
        assert_eq!(
            h.agency.as_deref(),
            Some("Нийгмийн даатгалын ерөнхий газар")
        );
        assert_eq!(h.letter_no.as_deref(), Some("1/233"));
        assert_eq!(h.letter_date, NaiveDate::from_ymd_opt(2020, 1, 30));
        assert_eq!(h.addressee.as_deref(), Some("Авлигатай тэмцэх газар"));
        assert_eq!(h.year, Some(2019));
        assert_eq!(
            h.signatories,
            vec![Signatory {
                role: "ДАРГА".into(),
                name: "Д.ЗОРИГТ".into()
            }]
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn letter_number_after_ocr_misreads_of_the_numero_sign() {
        for (line, no) in [
            ("2022.01.25 Мо 3/118", "3/118"),
            ("2022.01.25 Ме 3/118", "3/118"),
            ("2022.01.25 Мь 3/118", "3/118"),
            ("2022.01.25 Мс 3/118", "3/118"),
            ("2024-01-19 Мо» 3/595", "3/595"),
            ("2019.02.05 Ме5/457", "5/457"),
            ("2017 оны 02 дүгээр сарын 05-ны өдөр УМ 4/246", "4/246"),
            ("2021 оны 1-р сарын 19 Мг 7/218", "7/218"),
            ("2019. 02. 05 М 5/457", "5/457"),
            ("2021 оны 01 дүгээр сарын 05-ны өдөр Хе 2/986", "2/986"),
            ("2022.01.25 №3/118", "3/118"),
            ("2022.01.25 No. 3/118", "3/118"),
        ] {
            let c = LETTER.captures(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(&c["no"], no, "{line}");
        }
        // A word after the date is no misread "№", nor a count after a word.
        let letter = |line: &str| LETTER.captures(line).is_some_and(|c| is_letter_number(&c));
        assert!(!letter("2022.01.25 Мэдээлэл хүргүүлэв"));
        assert!(!letter("2022.01.25 нд 5 удаа"));
    }

    #[test]
    fn letter_dates_in_words() {
        for line in [
            "2020 оны 01 дүгээр сарын 30-ны өдөр № 1/233",
            "2020 оны 1-р сарын 30 № 1/233",
            "2020 оны 1 дүгээр сарын 30-ны өдрийн № 1/233",
        ] {
            let c = LETTER.captures(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((&c["vy"], &c["vd"]), ("2020", "30"), "{line}");
            assert_eq!(c["vm"].parse::<u32>().unwrap(), 1, "{line}");
            assert_eq!(&c["no"], "1/233", "{line}");
        }
    }

    #[test]
    fn nominative_of_dative_names() {
        assert_eq!(nominative("САНГИЙН ЯАМАНД"), "САНГИЙН ЯАМ");
        assert_eq!(
            nominative("АВЛИГАТАЙ ТЭМЦЭХ ГАЗАРТ"),
            "АВЛИГАТАЙ ТЭМЦЭХ ГАЗАР"
        );
        assert_eq!(
            agency_from_title("хүрээнд Эрүүл мэндийн яамнаас 2021 онд").as_deref(),
            Some("Эрүүл мэндийн яам")
        );
    }

    #[test]
    fn a_name_in_capitals_takes_its_casing_from_a_title_broken_over_paragraphs() {
        let running = [
            "Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд Нийслэлийн Засаг даргын".to_string(),
            "Тамгын газраас 2021 онд хэрэгжүүлэх".to_string(),
        ];
        assert_eq!(
            recase("НИЙСЛЭЛИЙН ЗАСАГ ДАРГЫН ТАМГЫН ГАЗАР", &running),
            "Нийслэлийн Засаг даргын Тамгын газар"
        );
    }

    #[test]
    fn a_name_without_words_recases_to_nothing() {
        assert_eq!(recase("  ", &["Тамгын газраас".to_string()]), "");
    }
}
