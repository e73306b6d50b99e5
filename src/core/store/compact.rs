//! A shorter text for the RON parser to read.
//!
//! Most of a saved project is indentation (about 60 % of the bytes of a
//! 5,000-component file), and ron's parser skips whitespace one character at
//! a time: a third of a load went on it. Removing the spaces and tabs at the
//! start of each line, outside strings and comments, leaves the same tokens
//! on the same lines, so the parse gives the same project.
//!
//! The scanner follows only what RON needs for that: strings with escapes,
//! raw strings with any number of `#`, line comments and nested block
//! comments. Anything else it is unsure of (a char literal, an unterminated
//! string) makes it give up, and the caller parses the original text.

/// `text` without the indentation of lines that start in code, or `None`
/// when the text holds something this scanner does not follow.
pub(super) fn without_indentation(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() / 2);
    let mut state = State::Code;
    let mut i = 0;
    while i < bytes.len() {
        // Copy the run of bytes that cannot change the state in one go: the
        // scanner stops only at the few bytes that can.
        let run = match state {
            State::Code => bytes[i..].iter().position(|&b| STOPS_IN_CODE[usize::from(b)]),
            State::Text => memchr::memchr2(b'\\', b'"', &bytes[i..]),
            State::RawText(_) => memchr::memchr(b'"', &bytes[i..]),
            State::LineComment => memchr::memchr(b'\n', &bytes[i..]),
            State::BlockComment(_) => memchr::memchr2(b'/', b'*', &bytes[i..]),
        }
        .unwrap_or(bytes.len() - i);
        out.extend_from_slice(&bytes[i..i + run]);
        i += run;
        if i == bytes.len() {
            break;
        }
        let (next_state, taken) = step(state, bytes, i)?;
        out.extend_from_slice(&bytes[i..i + taken]);
        i += taken;
        state = next_state;
        if state == State::Code && bytes[i - 1] == b'\n' {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
        }
    }
    if !matches!(state, State::Code | State::LineComment) {
        return None;
    }
    // Only ASCII spaces and tabs that follow a newline were dropped, so the
    // bytes are still UTF-8; checking costs a millisecond and needs no unsafe.
    String::from_utf8(out).ok()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    Text,
    RawText(usize),
    LineComment,
    BlockComment(usize),
}

/// The bytes that can change the state in code: a newline (indentation
/// follows), a quote, a char literal's quote, and a slash (comments).
const STOPS_IN_CODE: [bool; 256] = {
    let mut stops = [false; 256];
    stops[b'\n' as usize] = true;
    stops[b'"' as usize] = true;
    stops[b'\'' as usize] = true;
    stops[b'/' as usize] = true;
    stops
};

/// The state after the byte at `at` and how many bytes that step takes
/// (at least one), or `None` for a construct this scanner does not follow.
fn step(state: State, bytes: &[u8], at: usize) -> Option<(State, usize)> {
    let byte = bytes[at];
    let next = bytes.get(at + 1).copied();
    Some(match (state, byte) {
        (State::Code, b'"') => match raw_string_hashes(bytes, at) {
            Some(hashes) => (State::RawText(hashes), 1),
            None => (State::Text, 1),
        },
        (State::Code, b'\'') => return None,
        (State::Code, b'/') if next == Some(b'/') => (State::LineComment, 2),
        (State::Code, b'/') if next == Some(b'*') => (State::BlockComment(1), 2),
        (State::Text, b'\\') => (State::Text, if next.is_some() { 2 } else { return None }),
        (State::Text, b'"') => (State::Code, 1),
        (State::RawText(hashes), b'"') if closes_raw(&bytes[at + 1..], hashes) => (State::Code, 1 + hashes),
        (State::LineComment, b'\n') => (State::Code, 1),
        (State::BlockComment(depth), b'/') if next == Some(b'*') => (State::BlockComment(depth + 1), 2),
        (State::BlockComment(1), b'*') if next == Some(b'/') => (State::Code, 2),
        (State::BlockComment(depth), b'*') if next == Some(b'/') => (State::BlockComment(depth - 1), 2),
        (same, _) => (same, 1),
    })
}

/// For a quote in code: the number of `#` of the raw string it opens
/// (`r"`, `r#"`, `br##"`), or `None` for an ordinary string.
fn raw_string_hashes(bytes: &[u8], quote: usize) -> Option<usize> {
    let hashes = bytes[..quote].iter().rev().take_while(|&&b| b == b'#').count();
    let r = quote.checked_sub(hashes + 1)?;
    (bytes[r] == b'r' && starts_token(bytes, r)).then_some(hashes)
}

/// Whether the `r` at `at` can open a raw string: it is not inside an
/// identifier, except as the `r` of a raw byte string `br"…"`.
fn starts_token(bytes: &[u8], at: usize) -> bool {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    match at.checked_sub(1).map(|p| bytes[p]) {
        None => true,
        Some(b'b') => at < 2 || !is_ident(bytes[at - 2]),
        Some(previous) => !is_ident(previous),
    }
}

fn closes_raw(after_quote: &[u8], hashes: usize) -> bool {
    after_quote.len() >= hashes && after_quote[..hashes].iter().all(|&b| b == b'#')
}

#[cfg(test)]
mod tests {
    use super::without_indentation;

    #[test]
    fn drops_the_indentation_of_code_lines_and_keeps_line_numbers() {
        let text = "(\n    a: 1,\n\t\tb: [\n        2,\n    ],\n)\n";
        let compact = without_indentation(text).unwrap();
        assert_eq!(compact, "(\na: 1,\nb: [\n2,\n],\n)\n");
        assert_eq!(compact.lines().count(), text.lines().count());
    }

    #[test]
    fn keeps_the_indentation_inside_strings_and_raw_strings() {
        let text = "(\n    a: \"one\n    two \\\" still\n  three\",\n    b: r##\"x \"# y\n    z\"##,\n    c: 1,\n)";
        let compact = without_indentation(text).unwrap();
        assert!(compact.contains("\"one\n    two \\\" still\n  three\""), "{compact}");
        assert!(compact.contains("r##\"x \"# y\n    z\"##"), "{compact}");
        assert!(compact.contains("\nc: 1,"), "{compact}");
    }

    #[test]
    fn a_quote_in_a_comment_opens_no_string() {
        let text = "// say \"hi\n(\n    /* a \"quote /* nested \" */ still */\n    a: \"x\",\n    b: 2,\n)";
        let compact = without_indentation(text).unwrap();
        assert!(compact.contains("\nb: 2,"), "{compact}");
        assert!(compact.contains("\na: \"x\","), "{compact}");
    }

    #[test]
    fn raw_identifiers_and_words_ending_in_r_are_code() {
        let text = "(\n    r#type: 1,\n    color: r\"a\",\n    br: br#\"b\n  c\"#,\n    d: 2,\n)";
        let compact = without_indentation(text).unwrap();
        assert!(compact.contains("\nr#type: 1,"), "{compact}");
        assert!(compact.contains("br#\"b\n  c\"#"), "{compact}");
        assert!(compact.contains("\nd: 2,"), "{compact}");
    }

    #[test]
    fn a_saved_project_takes_the_short_path() {
        let text = crate::store::to_ron_string(&crate::synth::generate(50)).unwrap();
        let compact = without_indentation(&text).expect("Strata's own files are followed");
        assert!(
            compact.len() * 2 < text.len(),
            "{} of {} bytes",
            compact.len(),
            text.len()
        );
        let parsed: Result<ron::Value, _> = ron::Options::default().from_str(&compact);
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn gives_up_on_what_it_does_not_follow() {
        assert_eq!(without_indentation("(\n    a: 'x',\n)"), None);
        assert_eq!(without_indentation("(\n    a: \"open,\n)"), None);
        assert_eq!(without_indentation("(\n    a: r#\"open\",\n)"), None);
        assert_eq!(without_indentation("(\n    /* open\n)"), None);
        assert_eq!(without_indentation("(\n    a: \"ends in a backslash\\"), None);
    }
}
