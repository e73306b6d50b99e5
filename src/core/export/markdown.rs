//! The writer every exported Markdown file is built with.
//!
//! User text reaches a file only escaped: a table takes [`Cell`]s, which
//! are made from user text by [`Cell::text`] (or from Strata's own words by
//! [`Cell::fixed`]); lists and links escape what they are given. Plain text
//! can be pushed only as a `&'static str`, which no user ever typed.
//! Formatted lines (`writeln!(out, ..)`) take values already escaped by the
//! helpers of [`super::text`].

use std::fmt;

use super::text::{inline, or_gap};
use crate::model::Project;

/// One table cell of escaped Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell(String);

impl Cell {
    /// User text: HTML and pipes escaped, line breaks kept as `<br>`, a dash
    /// when empty.
    pub fn text(user: &str) -> Cell {
        let lines: Vec<String> = user.lines().map(|line| inline(line).replace('|', "\\|")).collect();
        let joined = lines.join("<br>");
        Cell(if joined.is_empty() { "—".to_owned() } else { joined })
    }

    /// Strata's own words (a label, a heading).
    pub fn fixed(text: &'static str) -> Cell {
        Cell(text.to_owned())
    }

    /// A number or an amount Strata formatted.
    pub fn figure(value: impl fmt::Display) -> Cell {
        Cell(value.to_string())
    }

    /// Markdown composed of escaped pieces: a link to a record, a figure in
    /// bold. The caller has escaped every piece of user text inside.
    pub fn markdown(escaped: String) -> Cell {
        Cell(escaped)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Cell {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A Markdown link to `target` (a path Strata made), its text escaped.
pub fn link(text: &str, target: &str) -> String {
    format!("[{}]({target})", inline(text))
}

/// How a table column is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A Markdown file being written.
#[derive(Debug, Default)]
pub struct Markdown {
    text: String,
}

impl Markdown {
    pub fn new() -> Markdown {
        Markdown::default()
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// What `write!`/`writeln!` call: the text grows, and a string that grows
    /// cannot fail, so there is no error for each line to ignore.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        match args.as_str() {
            Some(fixed) => self.text.push_str(fixed),
            None => self.text.push_str(&fmt::format(args)),
        }
    }

    /// Strata's own words.
    pub fn push_str(&mut self, text: &'static str) {
        self.text.push_str(text);
    }

    pub fn push(&mut self, ch: char) {
        self.text.push(ch);
    }

    /// Markdown another writer made with its own escaping: a Mermaid block,
    /// a section built by the same helpers.
    pub fn push_generated(&mut self, markdown: &str) {
        self.text.push_str(markdown);
    }

    /// A table: a header row of Strata's own words and rows of escaped
    /// cells.
    pub fn table(&mut self, header: &[&'static str], rows: &[Vec<Cell>]) {
        let header: Vec<Cell> = header.iter().map(|name| Cell::fixed(name)).collect();
        self.table_with_header(&header, rows);
    }

    /// A table whose header row holds user text too (an environment's
    /// name, say).
    pub fn table_with_header(&mut self, header: &[Cell], rows: &[Vec<Cell>]) {
        let names: Vec<&str> = header.iter().map(Cell::as_str).collect();
        let aligns = vec![Align::Left; names.len()];
        self.table_rows(&names, &aligns, rows);
    }

    /// A table with columns aligned as given (counts to the right).
    pub fn table_aligned(&mut self, header: &[(&'static str, Align)], rows: &[Vec<Cell>]) {
        let names: Vec<&str> = header.iter().map(|(name, _)| *name).collect();
        let aligns: Vec<Align> = header.iter().map(|(_, align)| *align).collect();
        self.table_rows(&names, &aligns, rows);
    }

    fn table_rows(&mut self, names: &[&str], aligns: &[Align], rows: &[Vec<Cell>]) {
        writeln!(self, "| {} |", names.join(" | "));
        let rule: String = aligns
            .iter()
            .map(|align| match align {
                Align::Left => "---|",
                Align::Right => "--:|",
            })
            .collect();
        writeln!(self, "|{rule}");
        for row in rows {
            let cells: Vec<&str> = row.iter().map(Cell::as_str).collect();
            writeln!(self, "| {} |", cells.join(" | "));
        }
        self.push('\n');
    }

    /// A bulleted list of user text, or a line saying it is empty.
    pub fn bullets(&mut self, items: &[String], empty: &str) {
        let items: Vec<String> = items.iter().map(|i| inline(i)).filter(|i| !i.is_empty()).collect();
        if items.is_empty() {
            writeln!(self, "{empty}\n");
            return;
        }
        for item in items {
            writeln!(self, "- {item}");
        }
        self.push('\n');
    }

    /// The opening every exported file shares: `title` and the project's
    /// name, its version line and a link back to the README.
    pub fn header(&mut self, project: &Project, title: &str) {
        let name = or_gap(&project.meta.name, "Untitled project");
        self.titled_header(project, &format!("{title}: {name}"), Some("README.md"));
    }

    /// The README's opening: the same as [`Markdown::header`] without the
    /// link back to README.md, which would point at itself.
    pub fn readme_header(&mut self, project: &Project, title: &str) {
        let name = or_gap(&project.meta.name, "Untitled project");
        self.titled_header(project, &format!("{title}: {name}"), None);
    }

    /// The opening of a file one folder down (`decisions/`), whose first
    /// heading is its own (a decision's number and title), not the
    /// project's. `heading` is escaped Markdown.
    pub fn nested_header(&mut self, project: &Project, heading: &str) {
        self.titled_header(project, heading, Some("../README.md"));
    }

    /// The shared opening under the first-level heading `heading` (escaped
    /// Markdown), linking the README at `readme` when given.
    fn titled_header(&mut self, project: &Project, heading: &str, readme: Option<&str>) {
        let meta = &project.meta;
        let name = or_gap(&meta.name, "Untitled project");
        writeln!(self, "# {heading}\n");
        writeln!(
            self,
            "> **Version:** {} · **Status:** {} · **Last updated:** {}",
            or_gap(&meta.version, "unversioned"),
            meta.status.label(),
            or_gap(&meta.last_updated, "not dated"),
        );
        if let Some(readme) = readme {
            write!(self, ">\n> Part of the [{name} infrastructure spec]({readme}).\n");
        }
        self.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_html_and_newlines() {
        assert_eq!(Cell::text("a|b <c>\nnext"), "a\\|b &lt;c&gt;<br>next");
        assert_eq!(Cell::text(""), "—");
    }

    #[test]
    fn tables_lists_and_links_escape_what_they_are_given() {
        let mut out = Markdown::new();
        out.table(&["Name", "Count"], &[vec![Cell::text("<b>x</b>"), Cell::figure(3)]]);
        out.bullets(&["<i>y</i>".to_owned(), "  ".to_owned()], "none");
        out.bullets(&[], "No items.");
        writeln!(out, "{}", link("<script>", "decisions/0001-x.md"));
        assert_eq!(
            out.into_string(),
            "| Name | Count |\n|---|---|\n| &lt;b&gt;x&lt;/b&gt; | 3 |\n\n\
             - &lt;i&gt;y&lt;/i&gt;\n\nNo items.\n\n\
             [&lt;script&gt;](decisions/0001-x.md)\n"
        );
    }
}
