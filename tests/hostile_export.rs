//! A project whose every name is hostile (tests/fixtures/hostile-names.ron)
//! exports Markdown with no raw HTML from user text: every `<` a user typed
//! reaches a Markdown file as `&lt;`, in tables, headings, lists and links.

use std::path::Path;

/// The HTML tags Strata itself writes into Markdown: line breaks inside
/// table cells.
const STRATA_TAGS: &[&str] = &["<br>"];

/// `line` without its code spans: what is inside backticks is shown as
/// typed, never read as HTML.
fn outside_code_spans(line: &str) -> String {
    let mut kept = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        kept.push_str(&rest[..start]);
        let run = rest[start..].chars().take_while(|c| *c == '`').count();
        let fence = "`".repeat(run);
        let after = &rest[start + run..];
        // A span closes at the next run of exactly as many backticks.
        let close = (0..after.len()).find(|&at| {
            after[at..].starts_with(&fence)
                && !after[at + run..].starts_with('`')
                && (at == 0 || !after[..at].ends_with('`'))
        });
        match close {
            Some(at) => rest = &after[at + run..],
            None => {
                kept.push_str(&rest[start..]);
                return kept;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// Every line whose Markdown text (outside fenced blocks and code spans,
/// and apart from the tags Strata writes) opens something tag-like: `<x`,
/// `</` or `<!`.
fn raw_tags(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = outside_code_spans(line);
        for tag in STRATA_TAGS {
            rest = rest.replace(tag, "");
        }
        let opens_tag = rest
            .as_bytes()
            .windows(2)
            .any(|pair| pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || pair[1] == b'/' || pair[1] == b'!'));
        if opens_tag {
            found.push(line.to_owned());
        }
    }
    found
}

#[test]
fn the_check_finds_raw_tags_and_passes_strata_line_breaks() {
    assert_eq!(raw_tags("| a<br>b | <script>x</script> |").len(), 1);
    assert_eq!(raw_tags("List</b>").len(), 1);
    assert!(raw_tags("| a<br>b | &lt;script&gt; | 1 < 2 |").is_empty());
    assert!(raw_tags("- ``module.`x`.aws_lb.<y>`` and `<b>`").is_empty());
    assert_eq!(raw_tags("- `a` <i>b</i> `c`").len(), 1);
    assert!(raw_tags("```mermaid\nA[\"<b>\"]\n```").is_empty());
}

#[test]
fn hostile_names_reach_no_markdown_file_as_raw_html() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-names.ron");
    let project = strata::store::load(&path).expect("the hostile fixture loads");
    let typed_tags: Vec<&str> = ["<names>", "<z>", "<br> %%", "<tag>", "<String>"].to_vec();
    let export = strata::export::render(&project);
    let markdown: Vec<_> = export.files.iter().filter(|f| f.path.ends_with(".md")).collect();
    assert!(markdown.len() >= 17, "the export has its Markdown files");
    let mut offences = Vec::new();
    for file in &markdown {
        for line in raw_tags(&file.contents) {
            offences.push(format!("{}: {line}", file.path));
        }
        for tag in &typed_tags {
            assert!(
                !file.contents.contains(tag),
                "{} holds the user's {tag} unescaped",
                file.path
            );
        }
    }
    assert!(offences.is_empty(), "raw HTML from user text:\n{}", offences.join("\n"));

    // The blast-radius table names the hostile components, escaped.
    let architecture = export.file("architecture.md").expect("architecture.md");
    let blast = &architecture[architecture.find("## Blast radius").expect("the blast-radius section")..];
    assert!(
        blast.contains("&lt;"),
        "the blast-radius table shows hostile names escaped"
    );
}
