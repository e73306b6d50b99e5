//! Finds where in a project file a structural problem sits, so a message
//! about a dangling zone or a duplicate id names a line and column like a
//! syntax error does. A light scan of the RON text (strings, comments and
//! brackets), run only when a loaded file turned out to be inconsistent.

use std::collections::HashMap;

use crate::check::{Diagnostic, Place};

/// One `( ... )` item of a top-level list such as `components: [...]`.
#[derive(Debug, Default)]
struct Item {
    start: usize,
    id: Option<u32>,
    /// The item's own fields and where each starts.
    keys: Vec<(String, usize)>,
}

/// Finds where problems sit in one file's text. Each list of the file is
/// scanned once however many problems point into it, so locating every
/// finding of a large project stays linear.
pub struct Locator<'a> {
    text: &'a str,
    lists: HashMap<String, Vec<Item>>,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(at, _)| at + 1),
            )
            .collect();
        Locator {
            text,
            lists: HashMap::new(),
            line_starts,
        }
    }

    fn items(&mut self, list: &str) -> &[Item] {
        let text = self.text;
        self.lists
            .entry(list.to_owned())
            .or_insert_with(|| items_of(text, list))
    }

    /// Byte offset in the text to point at for `problem`; the project's
    /// start when nothing more precise is found.
    pub fn offset_of(&mut self, problem: &Diagnostic) -> usize {
        let fields = field_of(problem);
        let found = match &problem.place {
            Place::Project => None,
            Place::Layer { id } => by_id(self.items("layers"), *id, fields),
            Place::Zone { id } => by_id(self.items("zones"), *id, fields),
            Place::Component { id } => by_id(self.items("components"), *id, fields),
            Place::Dependency { id } => by_id(self.items("dependencies"), *id, fields),
            Place::Decision { id } => by_id(self.items("decisions"), *id, fields),
            Place::Section { section, item } => {
                let items = self.items(section);
                match item {
                    Some(index) => items.get(index.saturating_sub(1)).map(|i| i.start),
                    None => items.first().map(|i| i.start),
                }
            }
        };
        found.unwrap_or_else(|| self.text.find('(').unwrap_or(0))
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }

    /// Where `problem` sits, as a 1-based line and column.
    pub fn position_of(&mut self, problem: &Diagnostic) -> (usize, usize) {
        let offset = self.offset_of(problem);
        self.line_column(offset)
    }
}

/// The field of an item a problem is about, when its code says so.
fn field_of(problem: &Diagnostic) -> &'static [&'static str] {
    match problem.code {
        "S007" | "S008" => &["zones", "zone"],
        "S009" => &["cost"],
        "S004" if problem.message.contains(" zone ") => &["zones", "zone", "parent"],
        // Drift: the field whose statement the plan or state contradicts.
        "D002" => &["iac_addresses"],
        "D003" => &["zones", "zone", "technology"],
        "D004" => &["encryption"],
        "D005" => &["backup"],
        "D006" => &["exposure"],
        "D007" => &["lifecycle"],
        "D008" => &["scaling"],
        _ => &[],
    }
}

fn by_id(items: &[Item], id: u32, fields: &[&str]) -> Option<usize> {
    // Two items may share the id (that is the problem); the second is the
    // one that broke the rule.
    let matching: Vec<&Item> = items.iter().filter(|i| i.id == Some(id)).collect();
    let item = matching.get(1).or(matching.first())?;
    let field = fields
        .iter()
        .find_map(|field| item.keys.iter().find(|(key, _)| key == field).map(|(_, at)| *at));
    Some(field.unwrap_or(item.start))
}

/// The items of the first list whose key is `list`, with their ids and
/// field positions. Lists nested deeper than a project's own sections are
/// searched too (threats sit under `security`).
fn items_of(text: &str, list: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut pending_key: Option<String> = None;
    let mut list_depth: Option<usize> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            // Each skip lands just past what it skipped: the next byte may
            // be a bracket that must be counted.
            b'"' => {
                at = skip_string(bytes, at);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| at + p);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = skip_block_comment(bytes, at);
                continue;
            }
            b'r' if is_raw_string(bytes, at) => {
                at = skip_raw_string(bytes, at);
                continue;
            }
            b'(' | b'[' | b'{' => {
                let key = pending_key.take();
                if list_depth.is_none() && byte == b'[' && key.as_deref() == Some(list) {
                    list_depth = Some(depth + 1);
                }
                if list_depth == Some(depth) && byte == b'(' {
                    items.push(Item {
                        start: at,
                        ..Item::default()
                    });
                }
                depth += 1;
                at += 1;
                continue;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if list_depth.is_some_and(|list_depth| depth < list_depth) {
                    return items;
                }
                pending_key = None;
            }
            b',' => pending_key = None,
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let end = at
                    + bytes[at..]
                        .iter()
                        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                        .unwrap_or(bytes.len() - at);
                let after = skip_space(bytes, end);
                if bytes.get(after) == Some(&b':') {
                    let name = &text[at..end];
                    if list_depth.is_some_and(|list_depth| depth == list_depth + 1)
                        && let Some(item) = items.last_mut()
                    {
                        item.keys.push((name.to_owned(), at));
                        if name == "id" {
                            item.id = read_number(bytes, skip_space(bytes, after + 1));
                        }
                    }
                    pending_key = Some(name.to_owned());
                    at = after + 1;
                } else {
                    at = end;
                }
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    items
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

fn read_number(bytes: &[u8], at: usize) -> Option<u32> {
    let digits: String = bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

/// The offset just past the string that starts at `at`.
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn is_raw_string(bytes: &[u8], at: usize) -> bool {
    let previous_is_word = at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    !previous_is_word && bytes.get(at + 1 + hashes) == Some(&b'"')
}

fn skip_raw_string(bytes: &[u8], at: usize) -> usize {
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    let body = at + 2 + hashes;
    let mut i = body;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

fn skip_block_comment(bytes: &[u8], at: usize) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Level;

    #[test]
    fn finds_every_item_of_a_multi_line_list() {
        let text = std::fs::read_to_string("tests/fixtures/lint/warnings-only.ron").unwrap();
        let items = items_of(&text, "components");
        let ids: Vec<Option<u32>> = items.iter().map(|i| i.id).collect();
        assert_eq!(ids, [Some(1), Some(2), Some(3)]);
        let problem = Diagnostic {
            level: Level::Warning,
            code: "L023",
            message: String::new(),
            place: Place::Component { id: 3 },
        };
        let mut locator = Locator::new(&text);
        assert_eq!(locator.position_of(&problem), (23, 13));
    }
}
