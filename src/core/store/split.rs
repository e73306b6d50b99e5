//! Parsing a project's two long lists on several threads.
//!
//! In a large project nearly all of the text is the `components` and
//! `dependencies` lists, and ron's parser runs on one thread. The scanner
//! here finds those two lists of the project (not the `components` lists of
//! decisions, which sit deeper), cuts them between elements into pieces of
//! about equal size, and parses the pieces on scoped threads while the
//! calling thread parses the rest of the file with the two lists left empty.
//!
//! The rest and the pieces together hold every token of the text, in order,
//! and each piece is read as the field its list belongs to, so the result is
//! the project the whole parse gives. Any doubt gives `None`, and the caller
//! parses the whole text as one: this is a faster way to the same project,
//! never a different one, and never a different error.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::VersionedFile;
use super::compact::{State, step, unchanging_run};
use crate::model::{Component, Dependency};

/// Bracket depth inside the two lists of a versioned file: the file's
/// parenthesis, the project's, then the list's bracket.
const LIST_DEPTH: usize = 3;

/// Nesting deeper than this is left to the whole parse, so that ron's
/// recursion limit is met or exceeded exactly as it is on the whole text
/// (a piece sits two levels shallower).
const MAX_DEPTH: usize = 64;

/// Below this many bytes of list text, starting threads costs more than
/// they save.
const MIN_PARALLEL_BYTES: usize = 64 * 1024;

/// More pieces than threads, so a thread that finishes early takes another
/// and none waits long for the slowest.
const PIECES_PER_THREAD: usize = 4;

/// The parse is bounded by memory bandwidth well before this many threads.
const MAX_THREADS: usize = 4;

/// The project's text without indentation, parsed on the machine's cores,
/// or `None` when it is small, the machine has one core, or the text holds
/// anything the scanner does not follow or the parser refuses.
pub(super) fn parse_versioned(text: &str) -> Option<VersionedFile> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    let lists = find_lists(text)?;
    let list_bytes: usize = lists.iter().map(|list| list.inner.len()).sum();
    if threads < 2 || list_bytes < MIN_PARALLEL_BYTES {
        return None;
    }
    parse_in_pieces(text, &lists, threads)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Components,
    Dependencies,
}

/// One of the two lists: the bytes between its brackets and the offsets just
/// after each comma that separates two of its elements.
#[derive(Debug, PartialEq)]
struct List {
    field: Field,
    inner: Range<usize>,
    boundaries: Vec<usize>,
}

/// The bytes at which the list scanner looks closer in code.
const STOPS_IN_CODE: [bool; 256] = {
    let mut stops = [false; 256];
    let mut k = 0;
    let bytes = b"\"'/#()[]{},";
    while k < bytes.len() {
        stops[bytes[k] as usize] = true;
        k += 1;
    }
    stops
};

/// The project's `components` and `dependencies` lists in `text`, in the
/// order they appear, or `None` for a text the scanner does not follow.
fn find_lists(text: &str) -> Option<Vec<List>> {
    let bytes = text.as_bytes();
    let mut scanner = Scanner::default();
    let mut state = State::Code;
    let mut i = 0;
    while i < bytes.len() {
        i += unchanging_run(state, &bytes[i..], &STOPS_IN_CODE);
        if i == bytes.len() {
            break;
        }
        if state == State::Code && bytes[i] != b'"' && bytes[i] != b'/' && bytes[i] != b'\'' {
            scanner.structure(text, i)?;
            i += 1;
            continue;
        }
        let (next, taken) = step(state, bytes, i)?;
        i += taken;
        if next == State::Code && state != State::Code {
            scanner.last_literal_end = i;
        }
        state = next;
    }
    let ends_in_code = matches!(state, State::Code | State::LineComment);
    (ends_in_code && scanner.depth == 0 && scanner.open.is_none()).then_some(scanner.lists)
}

#[derive(Default)]
struct Scanner {
    depth: usize,
    open: Option<List>,
    lists: Vec<List>,
    /// Where the last string or comment ended: a field name must come after
    /// it, so that `// components:` in a comment is not taken for one.
    last_literal_end: usize,
}

impl Scanner {
    /// Follows the bracket, comma or `#` in code at `at`.
    fn structure(&mut self, text: &str, at: usize) -> Option<()> {
        let bytes = text.as_bytes();
        match bytes[at] {
            b'(' | b'{' => self.enter(),
            b'[' => {
                self.enter()?;
                if self.depth == LIST_DEPTH {
                    self.open_list(text, at)?;
                }
                Some(())
            }
            closing @ (b')' | b']' | b'}') => {
                if self.depth == LIST_DEPTH
                    && let Some(mut list) = self.open.take()
                {
                    // A list closed by anything but `]` is an error the
                    // whole parse reports.
                    (closing == b']').then_some(())?;
                    list.inner.end = at;
                    self.lists.push(list);
                }
                self.depth = self.depth.checked_sub(1)?;
                Some(())
            }
            b',' => {
                if self.depth == LIST_DEPTH
                    && let Some(list) = &mut self.open
                {
                    list.boundaries.push(at + 1);
                }
                Some(())
            }
            // `#!` opens the extensions attribute, which changes how every
            // piece would have to be read; `#` elsewhere is part of a raw
            // identifier or a raw string's opening.
            _ => (bytes.get(at + 1) != Some(&b'!')).then_some(()),
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// At a `[` at list depth: opens a list if it is the value of the
    /// project's `components` or `dependencies`. A second one of the same
    /// field is an error the whole parse reports.
    fn open_list(&mut self, text: &str, bracket: usize) -> Option<()> {
        let Some((field, name_start)) = field_before(&text[..bracket]) else {
            return Some(());
        };
        if name_start < self.last_literal_end || self.lists.iter().any(|list| list.field == field) {
            return None;
        }
        self.open = Some(List {
            field,
            inner: bracket + 1..bracket + 1,
            boundaries: Vec::new(),
        });
        Some(())
    }
}

/// The list field whose `name:` ends `before` (spaces aside), and where its
/// name starts.
fn field_before(before: &str) -> Option<(Field, usize)> {
    let name_end = before.trim_end().strip_suffix(':')?.trim_end();
    let is_name_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let name_start = name_end.len() - name_end.bytes().rev().take_while(is_name_byte).count();
    let field = match &name_end[name_start..] {
        "components" => Field::Components,
        "dependencies" => Field::Dependencies,
        _ => return None,
    };
    Some((field, name_start))
}

/// A run of whole elements of one list, as they are written.
struct Piece<'a> {
    field: Field,
    text: &'a str,
}

enum Parsed {
    Components(Vec<Component>),
    Dependencies(Vec<Dependency>),
}

/// Cuts every list at element boundaries into pieces of about
/// `target_bytes` each, in the order of the text.
fn cut<'a>(text: &'a str, lists: &[List], target_bytes: usize) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    for list in lists {
        let mut start = list.inner.start;
        for &boundary in &list.boundaries {
            if boundary - start >= target_bytes {
                pieces.push(Piece {
                    field: list.field,
                    text: &text[start..boundary],
                });
                start = boundary;
            }
        }
        pieces.push(Piece {
            field: list.field,
            text: &text[start..list.inner.end],
        });
    }
    pieces
}

/// `text` with the inside of each list removed, so they read as `[]`.
fn without_lists(text: &str, lists: &[List]) -> String {
    let mut rest = String::with_capacity(text.len() - lists.iter().map(|l| l.inner.len()).sum::<usize>());
    let mut from = 0;
    for list in lists {
        rest.push_str(&text[from..list.inner.start]);
        from = list.inner.end;
    }
    rest.push_str(&text[from..]);
    rest
}

fn parse_piece(piece: &Piece) -> Option<Parsed> {
    let text = format!("[{}]", piece.text);
    let options = ron::Options::default();
    Some(match piece.field {
        Field::Components => Parsed::Components(options.from_str(&text).ok()?),
        Field::Dependencies => Parsed::Dependencies(options.from_str(&text).ok()?),
    })
}

/// Parses the rest of the text on the calling thread and the pieces of the
/// lists on `threads` threads in all (the calling one included), then puts
/// the lists back together in their order.
fn parse_in_pieces(text: &str, lists: &[List], threads: usize) -> Option<VersionedFile> {
    let list_bytes: usize = lists.iter().map(|list| list.inner.len()).sum();
    let pieces = cut(text, lists, list_bytes / (threads * PIECES_PER_THREAD) + 1);
    let next_piece = AtomicUsize::new(0);
    // Each thread takes the next piece nobody has taken; a failure makes
    // every thread stop, as the whole text will be parsed again anyway.
    let give_up = || next_piece.store(usize::MAX / 2, Ordering::Relaxed);
    let take_pieces = || {
        let mut done = Vec::new();
        loop {
            let index = next_piece.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(index) else {
                return Some(done);
            };
            let Some(parsed) = parse_piece(piece) else {
                give_up();
                return None;
            };
            done.push((index, parsed));
        }
    };
    let (rest, parsed) = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(take_pieces)).collect();
        let rest = ron::Options::default().from_str::<VersionedFile>(&without_lists(text, lists));
        if rest.is_err() {
            give_up();
        }
        let mine = take_pieces();
        let theirs = helpers.into_iter().map(|helper| helper.join().ok().flatten());
        let all: Option<Vec<_>> = std::iter::once(mine).chain(theirs).collect();
        (rest.ok(), all)
    });
    let mut file = rest?;
    let mut parsed: Vec<(usize, Parsed)> = parsed?.into_iter().flatten().collect();
    (parsed.len() == pieces.len()).then_some(())?;
    parsed.sort_unstable_by_key(|(index, _)| *index);
    for (_, piece) in parsed {
        match piece {
            Parsed::Components(components) => file.project.components.extend(components),
            Parsed::Dependencies(dependencies) => file.project.dependencies.extend(dependencies),
        }
    }
    Some(file)
}

#[cfg(test)]
mod tests;
