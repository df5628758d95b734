//! A font's ToUnicode CMap to its code → UTF-16BE map: the same result as
//! `adobe_cmap_parser::get_unicode_map` (its grammar, quirks included), read in one pass.
//!
//! Why: adobe-cmap-parser lexes with pom 1.1, which formats an error message for every
//! alternative that does not match (`format!` on each failed `sym`, `seq`, `one_of`); lexing
//! the fonts' CMaps was 7% of biyelelt's PDF parsing threads on the conformance PDFs, for a
//! few kilobytes per font. The lexer here builds the same tokens without trying alternatives;
//! `unicode_map` below is adobe-cmap-parser 0.4.1's `get_unicode_map` (same author as
//! pdf-extract, MIT) over them, unchanged, so a CMap it cannot map fails here the same way.
//!
//! One difference, on purpose: arrays and dictionaries nest at most [`MAX_NESTING_DEPTH`]
//! deep, where adobe-cmap-parser overflows the stack.
//!
//! Written to go upstream into adobe-cmap-parser. biyelelt's `tests/pdf_cmap_lexer.rs`
//! compares the two on CMaps of every shape, malformed ones and random token soup.

use std::collections::HashMap;
use std::convert::TryFrom;
use std::str::FromStr;

/// adobe-cmap-parser's `Value`.
#[derive(Debug)]
enum Value {
    LiteralString(Vec<u8>),
    Name(Vec<u8>),
    Number(String),
    Integer(i64),
    Array(Vec<Value>),
    Operator(String),
    Boolean(bool),
    Dictionary(HashMap<String, Value>),
}

/// Return a mapping from character codes to Unicode character sequences expressed in UTF-16BE
/// encoding (adobe-cmap-parser's `get_unicode_map`, and its panics: no token at all, a bfrange
/// start neither 2 nor 4 bytes long, a dictionary key that is not UTF-8).
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let lexed = Lexer { b: input, i: 0 }.file().expect("failed to parse");
    unicode_map(&lexed)
}

fn as_code(str: &[u8]) -> u32 {
    let mut code: u32 = 0;
    for c in str {
        code = (code << 8) | (*c as u32);
    }
    code
}

fn unicode_map(lexed: &[Value]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let mut i = 0;
    let mut map = HashMap::new();
    while i < lexed.len() {
        match lexed[i] {
            Value::Operator(ref o) => match o.as_ref() {
                "beginbfchar" => {
                    let count = if let &Value::Integer(ref c) = &lexed[i - 1] {
                        Ok(*c)
                    } else {
                        Err("beginbfchar exected int")
                    }?;
                    i += 1;
                    for _ in 0..count {
                        let char_code = if let &Value::LiteralString(ref s) = &lexed[i] {
                            Ok(s)
                        } else {
                            Err("beginbfchar exected hexstring")
                        }?;
                        let uni_code = if let &Value::LiteralString(ref s) = &lexed[i + 1] {
                            Ok(s)
                        } else {
                            Err("beginbfchar exected hexstring")
                        }?;
                        map.insert(as_code(char_code), uni_code.clone());
                        i += 2;
                    }
                    i += 1;
                }
                "beginbfrange" => {
                    let count = if let &Value::Integer(ref c) = &lexed[i - 1] {
                        Ok(*c)
                    } else {
                        Err("beginbfrange exected int")
                    }?;
                    i += 1;
                    for _ in 0..count {
                        let lower_code = if let &Value::LiteralString(ref s) = &lexed[i] {
                            Ok(as_code(s))
                        } else {
                            Err("beginbfrange exected hexstring")
                        }?;
                        let upper_code = if let &Value::LiteralString(ref s) = &lexed[i + 1] {
                            Ok(as_code(s))
                        } else {
                            Err("beginbfrange exected hexstring")
                        }?;
                        match &lexed[i + 2] {
                            &Value::LiteralString(ref start) => match start.len() {
                                4 => {
                                    let val = as_code(start);
                                    for c in lower_code..=upper_code {
                                        let code = val + (c - lower_code);
                                        map.insert(c, code.to_be_bytes().to_vec());
                                    }
                                }
                                2 => {
                                    let val: u16 = as_code(start) as u16;
                                    for c in lower_code..=upper_code {
                                        let code = val + (c - lower_code) as u16;
                                        map.insert(c, code.to_be_bytes().to_vec());
                                    }
                                }
                                _ => {
                                    panic!("bad length of hexstring");
                                }
                            },
                            &Value::Array(ref codes) => {
                                let mut i = 0;
                                if (upper_code - lower_code + 1) as usize != codes.len() {
                                    return Err("bad length of array");
                                }
                                for c in lower_code..=upper_code {
                                    map.insert(
                                        c,
                                        if let &Value::LiteralString(ref s) = &codes[i] {
                                            Ok(s.clone())
                                        } else {
                                            Err("beginbfrange exected hexstring")
                                        }?,
                                    );
                                    i += 1;
                                }
                            }
                            _ => return Err("beginbfrange exected array or literal"),
                        }
                        i += 3;
                    }
                    i += 1;
                }
                _ => {
                    i += 1;
                }
            },
            _ => {
                i += 1;
            }
        }
    }
    Ok(map)
}

/// How deep arrays and dictionaries may nest (lopdf's bound for objects). adobe-cmap-parser
/// has none: it recurses until the stack overflows, which aborts the process; here the too
/// deep value does not lex, and the CMap ends before it.
const MAX_NESTING_DEPTH: usize = 100;

struct Lexer<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_hex_digit(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

fn hex_value(c: u8) -> u8 {
    (c as char).to_digit(16).unwrap_or(0) as u8
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, tag: &[u8]) -> bool {
        let found = self.b[self.i..].starts_with(tag);
        if found {
            self.i += tag.len();
        }
        found
    }

    fn skip_while(&mut self, f: impl Fn(u8) -> bool) -> usize {
        let start = self.i;
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
        self.i - start
    }

    /// pom's `multispace`: after every value.
    fn content_space(&mut self) {
        self.skip_while(|c| b" \t\r\n".contains(&c));
    }

    /// Inside arrays and dictionaries, before `>` of a hex string: NUL and form feed too.
    fn space(&mut self) {
        self.skip_while(|c| b" \t\n\r\0\x0C".contains(&c));
    }

    fn eol(&mut self) -> bool {
        self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r")
    }

    fn comment(&mut self) -> bool {
        let start = self.i;
        if self.eat(b"%") {
            self.skip_while(|c| c != b'\r' && c != b'\n');
            if self.eol() {
                return true;
            }
        }
        self.i = start;
        false
    }

    /// `(comment* content_space value)+`: the values up to the first that does not lex.
    fn file(mut self) -> Result<Vec<Value>, ()> {
        let mut values = Vec::new();
        loop {
            let start = self.i;
            while self.comment() {}
            self.content_space();
            match self.value(MAX_NESTING_DEPTH) {
                Some(v) => values.push(v),
                None => {
                    self.i = start;
                    break;
                }
            }
        }
        if values.is_empty() {
            Err(())
        } else {
            Ok(values)
        }
    }

    /// A value and the space after it; arrays and dictionaries nest `depth` deep at most.
    fn value(&mut self, depth: usize) -> Option<Value> {
        let value = if self.eat(b"true") {
            Value::Boolean(true)
        } else if self.eat(b"false") {
            Value::Boolean(false)
        } else if let Some(v) = self.integer_or_number() {
            v
        } else if let Some(n) = self.name() {
            Value::Name(n)
        } else if let Some(o) = self.operator() {
            Value::Operator(o)
        } else if let Some(s) = self.literal_string() {
            Value::LiteralString(s)
        } else if let Some(d) = self.dictionary(depth) {
            Value::Dictionary(d)
        } else if let Some(s) = self.hex_string() {
            Value::LiteralString(s)
        } else if let Some(a) = self.array(depth) {
            Value::Array(a)
        } else {
            return None;
        };
        self.content_space();
        Some(value)
    }

    /// `[+-]digits`: an integer, or where it does not fit an i64 a number (pom tries the
    /// integer first; its number's other forms, `1.` and `.5`, only ever see `.5`).
    fn integer_or_number(&mut self) -> Option<Value> {
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        let digits = self.skip_while(|c| c.is_ascii_digit());
        if digits > 0 {
            let text = std::str::from_utf8(&self.b[start..self.i]).unwrap_or_default();
            return Some(match i64::from_str(text) {
                Ok(v) => Value::Integer(v),
                Err(_) => Value::Number(text.to_string()),
            });
        }
        if self.eat(b".") && self.skip_while(|c| c.is_ascii_digit()) > 0 {
            let text = String::from_utf8_lossy(&self.b[start..self.i]).into_owned();
            return Some(Value::Number(text));
        }
        self.i = start;
        None
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        if !self.eat(b"/") {
            return None;
        }
        let mut name = Vec::new();
        while let Some(c) = self.peek() {
            if !b" \t\n\r\x0C()<>[]{}/%#".contains(&c) {
                name.push(c);
                self.i += 1;
            } else if c == b'#'
                && self.b.len() > self.i + 2
                && is_hex_digit(self.b[self.i + 1])
                && is_hex_digit(self.b[self.i + 2])
            {
                name.push(hex_value(self.b[self.i + 1]) << 4 | hex_value(self.b[self.i + 2]));
                self.i += 3;
            } else {
                break;
            }
        }
        Some(name)
    }

    fn operator(&mut self) -> Option<String> {
        let start = self.i;
        (self.skip_while(|c| c.is_ascii_alphabetic() || b"*'\"".contains(&c)) > 0)
            .then(|| String::from_utf8_lossy(&self.b[start..self.i]).into_owned())
    }

    /// `(…)`, nested parentheses kept, escapes decoded; unbalanced, no string.
    fn literal_string(&mut self) -> Option<Vec<u8>> {
        let start = self.i;
        if !self.eat(b"(") {
            return None;
        }
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => {
                    self.i = start;
                    return None;
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out);
                }
                Some(b'(') => {
                    depth += 1;
                    out.push(b'(');
                    self.i += 1;
                }
                Some(b')') => {
                    self.i += 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    depth -= 1;
                    out.push(b')');
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
    }

    /// After a backslash: a named escape, one to three octal digits (a value past 255 is
    /// none: the digits stay as text), a line continuation, or nothing (the backslash alone
    /// is dropped).
    fn escape(&mut self, out: &mut Vec<u8>) {
        let named = match self.peek() {
            Some(c @ (b'\\' | b'(' | b')')) => Some(c),
            Some(b'n') => Some(b'\n'),
            Some(b'r') => Some(b'\r'),
            Some(b't') => Some(b'\t'),
            Some(b'b') => Some(b'\x08'),
            Some(b'f') => Some(b'\x0C'),
            _ => None,
        };
        if let Some(c) = named {
            out.push(c);
            self.i += 1;
            return;
        }
        let start = self.i;
        while self.i < start + 3 && self.peek().is_some_and(|c| (b'0'..=b'7').contains(&c)) {
            self.i += 1;
        }
        if self.i > start {
            let value = self.b[start..self.i]
                .iter()
                .fold(0u16, |v, &d| v * 8 + u16::from(d - b'0'));
            match u8::try_from(value) {
                Ok(v) => {
                    out.push(v);
                    return;
                }
                Err(_) => self.i = start,
            }
        }
        self.eol();
    }

    /// `<…>`: pairs of adjacent hex digits, whitespace between pairs.
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        let start = self.i;
        if !self.eat(b"<") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            let before = self.i;
            self.space();
            match self.b.get(self.i..self.i + 2) {
                Some(&[h, l]) if is_hex_digit(h) && is_hex_digit(l) => {
                    out.push(hex_value(h) << 4 | hex_value(l));
                    self.i += 2;
                }
                _ => {
                    self.i = before;
                    break;
                }
            }
        }
        self.space();
        if self.eat(b">") {
            Some(out)
        } else {
            self.i = start;
            None
        }
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Value>> {
        let start = self.i;
        if depth == 0 || !self.eat(b"[") {
            return None;
        }
        self.space();
        let mut items = Vec::new();
        while let Some(v) = self.value(depth - 1) {
            items.push(v);
        }
        if self.eat(b"]") {
            Some(items)
        } else {
            self.i = start;
            None
        }
    }

    fn dictionary(&mut self, depth: usize) -> Option<HashMap<String, Value>> {
        let start = self.i;
        if depth == 0 || !self.eat(b"<<") {
            return None;
        }
        self.space();
        let mut entries = Vec::new();
        loop {
            let entry = self.i;
            let Some(key) = self.name() else { break };
            self.space();
            match self.value(depth - 1) {
                Some(v) => entries.push((key, v)),
                None => {
                    self.i = entry;
                    break;
                }
            }
        }
        if !self.eat(b">>") {
            self.i = start;
            return None;
        }
        let mut dict = HashMap::new();
        for (key, value) in entries {
            dict.insert(String::from_utf8(key).unwrap(), value);
        }
        Some(dict)
    }
}
