//! Normalization of Mongolian Cyrillic text.
//!
//! Enters: raw text of one field (a cell paragraph, a line) as a reader produced it. Leaves: the
//! normalized text, and (through [`field`]) a [`Text`] that keeps the raw text beside it when the
//! two differ. Rules, in order: NFC (never NFKC: it turns "№" into "No"); spaces and invisible
//! characters; quotes and dashes; legacy "Mon" font code points, repaired per word; Latin and
//! other look-alikes inside Cyrillic words; words hyphenated at a line end joined; remaining line
//! breaks and runs of spaces folded; decimal commas in numbers turned into points.

use crate::model::Text;
use unicode_normalization::UnicodeNormalization;

/// Normalize one field and keep the raw text when it changed.
pub fn field(raw: &str) -> Text {
    let text = normalize(raw);
    let raw_trimmed = raw.trim();
    Text {
        raw: (text != raw_trimmed).then(|| raw_trimmed.to_string()),
        text,
    }
}

/// All rules, in order.
///
/// Segmentation normalizes the same cells again and again (each rule that looks for a row
/// kind reads every row's first cell): each text is normalized once per thread, the cache
/// emptied when it holds a few reports' texts (4,096 of them, or 4 MiB), so memory stays
/// bounded whatever the size of a cell.
pub fn normalize(raw: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const MAX_TEXTS: usize = 4096;
    const MAX_BYTES: usize = 4 << 20;
    thread_local! {
        /// Normalized texts by raw text, and the bytes of both held.
        static CACHE: RefCell<(HashMap<String, String>, usize)> = RefCell::new(Default::default());
    }
    CACHE.with(|cache| {
        let (cache, bytes) = &mut *cache.borrow_mut();
        if let Some(done) = cache.get(raw) {
            return done.clone();
        }
        let done = all_rules(raw);
        let size = raw.len() + done.len();
        if cache.len() >= MAX_TEXTS || *bytes + size > MAX_BYTES {
            cache.clear();
            *bytes = 0;
        }
        if size <= MAX_BYTES {
            cache.insert(raw.to_string(), done.clone());
            *bytes += size;
        }
        done
    })
}

fn all_rules(raw: &str) -> String {
    let s: String = raw.nfc().collect();
    let s = spaces_and_invisibles(&s);
    let s = quotes_and_dashes(&s);
    let has_mojibake = s.split(|c: char| !is_word_char(c)).any(|w| {
        w.chars().filter(|c| latin1_mon(*c).is_some()).count() >= 2
            && !w.chars().any(|c| c.is_ascii_alphabetic())
    });
    let s = map_words(&s, |w| repair_word_in(w, has_mojibake));
    let s = join_hyphenated_lines(&s);
    let s = fold_whitespace(&s);
    decimal_commas(&s)
}

/// NBSP, narrow/thin/figure spaces → space; soft hyphen and zero-width characters removed.
pub fn spaces_and_invisibles(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            '\r' => None,
            c => Some(c),
        })
        .collect()
}

/// Typographic quotes → ASCII quotes, dashes and minus signs → "-", ellipsis kept (NFC keeps it).
pub fn quotes_and_dashes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' | '‟' | '″' => '"',
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c => c,
        })
        .collect()
}

/// `char::is_alphabetic`, without its table search for ASCII and the Mongolian Cyrillic
/// letters, which are most of a report (the search was 7-9% of a PDF's parse).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        matches!(c, 'А'..='я' | 'Ё' | 'ё' | 'Ө' | 'ө' | 'Ү' | 'ү') || c.is_alphabetic()
    }
}

/// Characters that can stand inside a word for this module's purposes: letters, plus the
/// Latin-1 code points that legacy Mon fonts used for Ө ө Ү ү and Ч ч (ª º ¯ ¿ × ÷).
fn is_word_char(c: char) -> bool {
    is_letter(c) || matches!(c, 'ª' | 'º' | '¯' | '¿' | '×' | '÷')
}

/// Apply `f` to every maximal run of word characters, leaving the rest as it is.
fn map_words(s: &str, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            match f(word) {
                Some(fixed) => out.push_str(&fixed),
                None => out.push_str(word),
            }
            word.clear();
        }
    };
    for c in s.chars() {
        if is_word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Latin letters that look like a Cyrillic letter, and that letter.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        _ => return None,
    })
}

/// Look-alikes of Ө ө and Ү ү from other alphabets. Never У/у: that is a different letter.
fn oe_ue_lookalike(c: char) -> Option<char> {
    Some(match c {
        'Ѳ' | 'Ɵ' | 'Θ' | 'Ø' => 'Ө',
        'ѳ' | 'ɵ' | 'θ' | 'ø' => 'ө',
        'Ұ' => 'Ү',
        'ұ' | 'γ' => 'ү',
        _ => return None,
    })
}

/// Legacy Mon font, read as Windows-1251: Є є Ї ї stood for Ө ө Ү ү.
fn cp1251_mon(c: char) -> Option<char> {
    Some(match c {
        'Є' => 'Ө',
        'є' => 'ө',
        'Ї' => 'Ү',
        'ї' => 'ү',
        _ => return None,
    })
}

/// Legacy Mon font, read as Latin-1: the byte's Windows-1251 letter, with the Mon mapping.
fn latin1_mon(c: char) -> Option<char> {
    let code = c as u32;
    Some(match c {
        'ª' => 'Ө',
        'º' => 'ө',
        '¯' => 'Ү',
        '¿' => 'ү',
        // À–ÿ (0xC0–0xFF) are А–я in Windows-1251, in the same order.
        _ if (0xC0..=0xFF).contains(&code) => char::from_u32(0x0410 + (code - 0xC0))?,
        _ => return None,
    })
}

/// Repair one word: legacy Mon code points, then look-alikes. `None` when nothing changes.
///
/// Decided per word, because extracted text mixes correct Cyrillic with mojibake letter by letter.
pub fn repair_word(word: &str) -> Option<String> {
    repair_word_in(word, false)
}

/// `in_mojibake_text`: the field holds other mojibake words, so a lone Latin-1 letter ("À/35")
/// is one too.
fn repair_word_in(word: &str, in_mojibake_text: bool) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let n_latin1 = chars.iter().filter(|c| latin1_mon(**c).is_some()).count();
    let n_cyr = chars.iter().filter(|c| is_cyrillic(**c)).count();
    let n_ascii = chars.iter().filter(|c| c.is_ascii_alphabetic()).count();
    // A word of Latin-1 mojibake: mostly À–ÿ (plus ª º ¯ ¿), no plain ASCII letters. Two such
    // characters at least, or one beside Cyrillic, so a lone "é" in a Latin word stays.
    let mojibake = n_latin1 > 0 && n_ascii == 0 && (n_latin1 >= 2 || n_cyr > 0 || in_mojibake_text);
    let cyrillic_context = n_cyr > 0 || mojibake;
    // In an all-capitals word a small look-alike stands for a capital ("ЕРɵНХИЙ").
    let capitals = chars.iter().filter(|c| is_cyrillic(**c)).count() >= 2
        && chars
            .iter()
            .filter(|c| is_cyrillic(**c))
            .all(|c| c.is_uppercase());
    let repaired: String = chars
        .iter()
        .map(|&c| {
            if mojibake {
                if let Some(m) = latin1_mon(c) {
                    return m;
                }
            }
            if let Some(m) = cp1251_mon(c) {
                return m;
            }
            // Look-alikes count only inside a Cyrillic word: a lone θ may be maths.
            if cyrillic_context {
                if let Some(m) = oe_ue_lookalike(c).or_else(|| latin_lookalike(c)) {
                    return if capitals {
                        m.to_uppercase().next().unwrap_or(m)
                    } else {
                        m
                    };
                }
            }
            c
        })
        .collect();
    // Latin look-alikes: only in words that hold Cyrillic and whose every Latin letter has a
    // Cyrillic twin; "QR", "Wechat", "FB" stay Latin.
    let ok_latin = chars
        .iter()
        .filter(|c| c.is_ascii_alphabetic())
        .all(|c| latin_lookalike(*c).is_some());
    let repaired = if ok_latin || mojibake {
        repaired
    } else {
        // Keep Latin letters as they were, but keep the other repairs.
        chars
            .iter()
            .zip(repaired.chars())
            .map(|(&orig, fixed)| {
                if orig.is_ascii_alphabetic() {
                    orig
                } else {
                    fixed
                }
            })
            .collect()
    };
    (repaired != word).then_some(repaired)
}

/// "ажилла-\nгааны" → "ажиллагааны": a hyphen at a line end between two lowercase letters.
pub fn join_hyphenated_lines(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '-'
            && i > 0
            && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '"' | ')'))
        {
            // Skip spaces up to a newline, then spaces after it.
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '\n' {
                let mut k = j + 1;
                while k < chars.len() && (chars[k] == ' ' || chars[k] == '\n') {
                    k += 1;
                }
                // "НДХ-\nтэй": a case ending after an abbreviation keeps its hyphen.
                let word_start = chars[..i]
                    .iter()
                    .rposition(|c| !c.is_alphanumeric())
                    .map_or(0, |p| p + 1);
                let before = &chars[word_start..i];
                let abbreviation = before.len() >= 2
                    && before
                        .iter()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit());
                let after_len = chars[k..].iter().take_while(|c| is_letter(**c)).count();
                // Two fragments that are each a word's length: a compound written with a hyphen
                // ("даатгуулагч-үйлчлүүлэгчийн"), not one word cut at the line end.
                let compound = before.len() >= 6 && after_len >= 6;
                // Hyphenation never leaves one letter, nor cuts after a quote: "и-мэйл",
                // "гэрээ\"-ний".
                let kept = before.len() <= 1;
                if k < chars.len() && chars[k].is_lowercase() {
                    if abbreviation || compound || kept {
                        out.push('-');
                    }
                    i = k;
                    continue;
                }
                // "7777-\n1289": a number cut at its hyphen.
                if k < chars.len() && chars[k].is_ascii_digit() && chars[i - 1].is_ascii_digit() {
                    out.push('-');
                    i = k;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Line breaks, tabs and runs of spaces → one space; trimmed.
pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "97,9" → "97.9"; leaves lists ("3, 4", "1,2,3"), thousands ("1,191,140,600.00") and
/// comma-plus-three-digits ("25,761": thousands or decimal, undecidable) as they are.
pub fn decimal_commas(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && is_number_char(chars[i - 1])) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A run of digits, commas and points that starts and ends with a digit.
        let start = i;
        let mut end = i;
        while end < chars.len() && is_number_char(chars[end]) {
            end += 1;
        }
        while end > start && !chars[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let token: String = chars[start..end].iter().collect();
        out.push_str(&decimal_comma_token(&token));
        i = end;
    }
    out
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

fn decimal_comma_token(token: &str) -> String {
    if token.matches(',').count() != 1 || token.contains('.') {
        return token.to_string();
    }
    let (int, frac) = token.split_once(',').expect("one comma");
    if frac.len() <= 2 && !int.is_empty() {
        format!("{int}.{frac}")
    } else {
        token.to_string()
    }
}

/// Lowercase and fold the letters that reports and OCR confuse, for fuzzy comparison only
/// (never for stored text): ү→у, ө→о, ё→е.
pub fn fold_for_matching(s: &str) -> String {
    let fold = |c: char| match c {
        'ү' => 'у',
        'ө' => 'о',
        'ё' => 'е',
        c => c,
    };
    let mut out = String::with_capacity(s.len());
    // Runs of spaces become one, none at the ends: a space is written only before the next
    // kept character. Other characters that are not letters or digits are dropped.
    let mut space = false;
    let keep = |c: char, out: &mut String, space: &mut bool| {
        if std::mem::take(space) && !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
    };
    for c in s.chars() {
        // Fast paths for the letters reports are made of: `to_lowercase` and `is_alphanumeric`
        // search Unicode tables and took a third of a text report's parse time.
        match c {
            ' ' => space = true,
            'a'..='z' | '0'..='9' | 'а'..='я' => keep(c, &mut out, &mut space),
            'A'..='Z' | 'А'..='Я' => keep(
                char::from_u32(c as u32 + 0x20).unwrap_or(c),
                &mut out,
                &mut space,
            ),
            'Ѐ'..='Џ' => keep(
                fold(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
                &mut out,
                &mut space,
            ),
            c if c.is_ascii() => {}
            c => {
                for l in c.to_lowercase().map(fold) {
                    if l.is_alphanumeric() {
                        keep(l, &mut out, &mut space);
                    }
                }
            }
        }
    }
    out
}

/// The character trigrams of a folded text ([`fold_for_matching`], padded with a space at
/// each end), each packed in a u64, sorted and without repeats: cut once, compared many times.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Trigrams(Vec<u64>);

impl Trigrams {
    pub fn of(text: &str) -> Self {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(fold_for_matching(text).chars())
            .chain(std::iter::once(' '))
            .collect();
        let mut grams: Vec<u64> = chars
            .windows(3)
            .map(|w| ((w[0] as u64) << 42) | ((w[1] as u64) << 21) | w[2] as u64)
            .collect();
        grams.sort_unstable();
        grams.dedup();
        Trigrams(grams)
    }

    /// The packed trigrams, sorted.
    pub fn grams(&self) -> &[u64] {
        &self.0
    }

    /// Dice coefficient: twice the trigrams in common over the trigrams of both.
    pub fn dice(&self, other: &Trigrams) -> f64 {
        dice_of_sorted(&self.0, &other.0)
    }
}

/// Dice coefficient of two sorted, deduplicated lists (0 when either is empty): trigram sets,
/// or their ranks in one order of all trigrams (the series join's).
pub fn dice_of_sorted<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = common_at_least(a, b, 0).unwrap_or_default();
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// How many items two sorted, deduplicated lists share; None as soon as that cannot reach
/// `needed` (0: always counted).
pub fn common_at_least<T: Ord>(a: &[T], b: &[T], needed: usize) -> Option<usize> {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if common + (a.len() - i).min(b.len() - j) < needed {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (common >= needed).then_some(common)
}

/// Digits as OCR misreads them in a cell that holds only a number (a № or score cell): "З"/"з" → 3,
/// "О"/"о" → 0, "б" → 6, "l"/"I"/"|" → 1. Only for cells that are numbers: never on running text.
pub fn ocr_digits(cell: &str) -> String {
    let t = cell.trim();
    let looks_numeric = t.chars().count() <= 6
        && t.chars()
            .any(|c| c.is_ascii_digit() || matches!(c, 'З' | 'з' | 'О' | 'о' | 'б' | 'l' | 'I'))
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    'З' | 'з' | 'О' | 'о' | 'б' | 'l' | 'I' | '|' | '.' | ',' | ' '
                )
        });
    if !looks_numeric {
        return cell.to_string();
    }
    t.chars()
        .filter(|c| *c != ' ')
        .map(|c| match c {
            'З' | 'з' => '3',
            'О' | 'о' => '0',
            'б' => '6',
            'l' | 'I' | '|' => '1',
            c => c,
        })
        .collect()
}

/// Character-trigram Dice similarity of two texts, after folding case and the letters reports
/// and OCR confuse (ү/у, ө/о): "үр чадварыг" and "ур чадварыг" are equal.
pub fn similarity(a: &str, b: &str) -> f64 {
    cached_trigrams(a).dice(&cached_trigrams(b))
}

/// Segmentation compares each evaluation item with every measure of its report, several times
/// over: each text's trigrams are cut once per thread (the cache is emptied when it grows past
/// a few reports' texts, so memory stays bounded).
fn cached_trigrams(text: &str) -> std::rc::Rc<Trigrams> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Rc<Trigrams>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(t) = cache.get(text) {
            return t.clone();
        }
        if cache.len() >= 4096 {
            cache.clear();
        }
        let t = Rc::new(Trigrams::of(text));
        cache.insert(text.to_string(), t.clone());
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_normalization_is_the_rules_own_result() {
        let texts = [
            "Зорилт 5.1 … /93,9/",
            "ҮНЭЛГЭЭ\u{00A0}97,9 %",
            "хэлэлцүү-\nлгийг",
            "Зорилт 5.1 … /93,9/",
            "",
            "ÀÂÎÌ ìîíãîë",
        ];
        for _ in 0..2 {
            for t in texts {
                assert_eq!(normalize(t), all_rules(t), "{t:?}");
            }
        }
        // Past the cache's bounds (texts, bytes) it is emptied, and still right.
        for n in 0..5000 {
            let t = format!("{n},5 хувь");
            assert_eq!(normalize(&t), all_rules(&t));
        }
        let long = "Зорилт 1.1 биелэлт 97,9 хувь. ".repeat(50_000);
        assert_eq!(normalize(&long), all_rules(&long));
        assert_eq!(normalize(&long), all_rules(&long));
        assert_eq!(normalize(texts[0]), all_rules(texts[0]));
    }

    /// The folding as first written (lowercase, fold, keep letters, digits and spaces, one
    /// space between words): the fast paths must give the same string.
    fn fold_reference(s: &str) -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                'ү' => 'у',
                'ө' => 'о',
                'ё' => 'е',
                c => c,
            })
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn fast_folding_equals_the_reference() {
        for s in [
            "  ТӨРИЙН Ёс зүйн, ҮЙЛ!  ажиллагаа\t2019 ",
            "Ѐ Ђ Ё Џ ѐ ё  Ä Ω ǅ İ ß ١٢٣ x\u{a0}y",
            "Зорилт 5.1 … /93.9/ — «Үр дүнтэй» Hello WORLD",
            "",
            "   ",
        ] {
            assert_eq!(fold_for_matching(s), fold_reference(s), "{s:?}");
        }
        // Every character of the Basic Latin, Latin-1 and Cyrillic blocks, alone and between
        // letters.
        for c in (0u32..0x530).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("а{c}б"), format!(" {c} Я")] {
                assert_eq!(fold_for_matching(&s), fold_reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn trigram_dice_is_symmetric_and_one_for_equal_folds() {
        let a = Trigrams::of("Үр чадварыг дээшлүүлэх");
        let b = Trigrams::of("ур чадварыг дээшлуулэх");
        assert_eq!(a.dice(&b), 1.0);
        let c = Trigrams::of("Авлигын эсрэг сургалт");
        assert_eq!(a.dice(&c), c.dice(&a));
        assert!(a.dice(&c) < 0.3);
        assert_eq!(similarity("", "x"), 0.0);
    }

    #[test]
    fn nfc_not_nfkc_keeps_numero_sign() {
        // "й" as и + combining breve composes to one code point; "№" stays.
        assert_eq!(normalize("н\u{0438}\u{0306} № 1/233"), "н\u{0439} № 1/233");
        assert_eq!(normalize("№ 1/233…"), "№ 1/233…");
    }

    #[test]
    fn spaces_and_invisibles_are_cleaned() {
        assert_eq!(normalize("98\u{00A0}хувь"), "98 хувь");
        assert_eq!(normalize("19\u{202F}489\u{2009}620"), "19 489 620");
        assert_eq!(normalize("хэрэг\u{00AD}жүүлэх"), "хэрэгжүүлэх");
        assert_eq!(normalize("газ\u{200B}ар\u{FEFF}"), "газар");
    }

    #[test]
    fn quotes_and_dashes_are_uniform() {
        assert_eq!(
            normalize("“Танд урьдчилан зөвлөө”"),
            "\"Танд урьдчилан зөвлөө\""
        );
        assert_eq!(normalize("«ХУР» систем"), "\"ХУР\" систем");
        assert_eq!(normalize("90–95 хувийн"), "90-95 хувийн");
        assert_eq!(normalize("2019 — 2020"), "2019 - 2020");
    }

    #[test]
    fn latin_lookalikes_inside_cyrillic_words() {
        // Latin "a", "o", "p" and "H", "T" inside Cyrillic words.
        assert_eq!(normalize("тaйлaн"), "тайлан");
        assert_eq!(normalize("Hийгмийн дaaтгaл"), "Нийгмийн даатгал");
        assert_eq!(normalize("ХЯНАЛT"), "ХЯНАЛТ");
        // Words without Cyrillic stay Latin.
        assert_eq!(
            normalize("QR кодтой, FB хуудас, Wechat"),
            "QR кодтой, FB хуудас, Wechat"
        );
        assert_eq!(
            normalize("E-mail: undeg@ndaatgal.mn"),
            "E-mail: undeg@ndaatgal.mn"
        );
    }

    #[test]
    fn oe_ue_lookalikes_but_never_u() {
        assert_eq!(normalize("хѳтѳлбѳр"), "хөтөлбөр");
        assert_eq!(normalize("ЕРɵНХИЙ"), "ЕРӨНХИЙ");
        assert_eq!(normalize("үнэлгээ Θгөх"), "үнэлгээ Өгөх");
        assert_eq!(normalize("хэрэгжұұлэх"), "хэрэгжүүлэх");
        assert_eq!(normalize("γйл ажиллагаа"), "үйл ажиллагаа");
        assert_eq!(normalize("ДҰН"), "ДҮН");
        // У/у is its own letter.
        assert_eq!(normalize("ур чадвар Улаанбаатар"), "ур чадвар Улаанбаатар");
        // A lone Greek theta is not Mongolian.
        assert_eq!(normalize("θ = 3"), "θ = 3");
    }

    #[test]
    fn legacy_mon_font_cp1251_form() {
        assert_eq!(normalize("Хэрэгжїїлэх хєтєлбєр"), "Хэрэгжүүлэх хөтөлбөр");
        assert_eq!(normalize("ЄРГЄДЄЛ Їйл"), "ӨРГӨДӨЛ Үйл");
    }

    #[test]
    fn legacy_mon_font_latin1_form_mixed_per_word() {
        assert_eq!(normalize("ÍÈÉÒ ЗÀÐËÀÃÛÍ Ä¯Í"), "НИЙТ ЗАРЛАГЫН ДҮН");
        assert_eq!(normalize("õºòºëáºð"), "хөтөлбөр");
        assert_eq!(normalize("÷àäâàð"), "чадвар");
        // A Latin word with one accented letter stays.
        assert_eq!(normalize("café"), "café");
        // A lone letter is mojibake when its field holds mojibake words.
        assert_eq!(normalize("äàðãûí À/35 äóãààð"), "даргын А/35 дугаар");
        assert_eq!(normalize("voilà À"), "voilà À");
    }

    #[test]
    fn decimal_commas() {
        assert_eq!(normalize("97,9 хувь"), "97.9 хувь");
        assert_eq!(normalize("92,1% нь"), "92.1% нь");
        assert_eq!(normalize("3, 4 дүгээр"), "3, 4 дүгээр");
        assert_eq!(normalize("1,2,3"), "1,2,3");
        assert_eq!(
            normalize("1,191,140,600.00 төгрөг"),
            "1,191,140,600.00 төгрөг"
        );
        assert_eq!(normalize("19 489 620,4 мянга"), "19 489 620.4 мянга");
        assert_eq!(normalize("25,761 иргэн"), "25,761 иргэн");
        assert_eq!(normalize("2020.01.30"), "2020.01.30");
    }

    #[test]
    fn hyphenated_line_ends_are_joined() {
        assert_eq!(normalize("үйл ажилла-\nгааны"), "үйл ажиллагааны");
        assert_eq!(normalize("ажилла- \n  гааны"), "ажиллагааны");
        // A compound written with a hyphen inside a line stays; an uppercase next line is kept apart.
        assert_eq!(normalize("НДХ-тэй"), "НДХ-тэй");
        assert_eq!(normalize("НДХ-\nтэй хамтран"), "НДХ-тэй хамтран");
        assert_eq!(
            normalize("даатгуулагч-\nүйлчлүүлэгчийн"),
            "даатгуулагч-үйлчлүүлэгчийн"
        );
        assert_eq!(normalize("7777-\n1289 утас"), "7777-1289 утас");
        assert_eq!(normalize("и-\nмэйлээр"), "и-мэйлээр");
        assert_eq!(normalize("\"Гэрээ\"-\nний дагуу"), "\"Гэрээ\"-ний дагуу");
        assert_eq!(normalize("Хяналт-\nШинжилгээ"), "Хяналт- Шинжилгээ");
        assert_eq!(normalize("ЕРӨНХИЙ  \nГАЗАР"), "ЕРӨНХИЙ ГАЗАР");
    }

    #[test]
    fn field_keeps_raw_only_when_changed() {
        let t = field("97,9");
        assert_eq!(t.text, "97.9");
        assert_eq!(t.raw.as_deref(), Some("97,9"));
        let t = field("  100 ");
        assert_eq!(t.text, "100");
        assert_eq!(t.raw, None);
    }

    #[test]
    fn ocr_digits_only_in_numeric_cells() {
        assert_eq!(ocr_digits("З"), "3");
        assert_eq!(ocr_digits("1О0"), "100");
        // "30" as Tesseract's Mongolian model reads it in a band label ("зо /10-29/").
        assert_eq!(ocr_digits("зо"), "30");
        assert_eq!(ocr_digits("97,9"), "97,9");
        assert_eq!(ocr_digits("Зорилт"), "Зорилт");
        assert_eq!(ocr_digits("/-/"), "/-/");
    }

    #[test]
    fn folding_for_matching() {
        assert_eq!(
            fold_for_matching("үр чадварыг"),
            fold_for_matching("ур чадварыг")
        );
        assert_eq!(fold_for_matching("Төрийн, үйл!"), "торийн уйл");
    }
}
