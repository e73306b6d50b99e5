#!/usr/bin/env node
// Verifies tests/mermaid/ESCAPING.md against the real renderer.
//
//   node tests/mermaid/escaping.mjs [--markdown]
//
// For each case it writes the label with the reference escaper below
// (`escapeLabel`, the rule set the exporter implements), renders it with
// mermaid in headless Chromium as a node label in every flowchart shape, as
// an edge label `-->|"..."|` and as a subgraph title `subgraph id["..."]`,
// reads the label text back out of the SVG (<br> read as a newline) and
// compares it with what was typed. It also renders the *unescaped* input to
// record whether writing it raw would have been safe.
// Prints `escaping: N passed, M failed`; exit 1 on any mismatch.
// --markdown prints the results table used in ESCAPING.md.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openMermaid, SetupError } from './check.mjs';

/** Reference escaper for text inside `"..."` of a mermaid flowchart label. */
export function escapeLabel(text) {
  const s = String(text).replace(/\r\n?/g, '\n');
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '#': out += '#35;'; break; // first: every entity code starts with '#'
      case '&': out += '#amp;'; break;
      case '"': out += '#quot;'; break;
      case '<': out += '#lt;'; break;
      case '>': out += '#gt;'; break;
      case '`': out += '#96;'; break;
      case '%': out += '#37;'; break; // %%{...}%% is stripped even inside quotes
      case '\\': out += '#92;'; break; // raw \n would render as a line break
      case '\n': out += '<br>'; break;
      default: {
        const c = ch.codePointAt(0);
        // other control characters (C0, DEL, C1 = Rust's char::is_control):
        // drop. Tab is kept; it renders as-is.
        if ((c < 0x20 && ch !== '\t') || (c >= 0x7f && c <= 0x9f)) break;
        out += ch;
      }
    }
  }
  // mermaid's internal entity markers: '¶ß' and 'ﬂ°' side by side would be
  // decoded to ';' / '&'. Split them with a zero-width space.
  out = out.replace(/¶ß/g, '¶#8203;ß').replace(/ﬂ°/g, 'ﬂ#8203;°');
  // leading/trailing blanks are trimmed by mermaid; an empty label is a
  // parse error: emit a no-break space instead.
  if (out.trim() === '') out = '#160;';
  return out;
}

// [input, note]. The expected rendering is the input (CRLF -> LF, trimmed).
export const CASES = [
  ['plain text', 'letters, digits, spaces'],
  ['say "hi"', 'double quote'],
  ['List<String>', 'angle brackets (raw: the sanitizer eats `<String>`)'],
  ['x<y', 'lone `<` before a letter'],
  ['a < b > c', '`<` and `>` with spaces'],
  ['<b>bold</b>', 'HTML tags shown as text'],
  ['<script>alert(1)</script>', 'script tag shown as text'],
  ['a & b', 'ampersand'],
  ['&amp; &copy &lt;', 'HTML entity names shown literally'],
  ['issue #42', 'hash'],
  ['#quot; #lt; #35;', 'mermaid entity codes shown literally'],
  ['#not;', '`#word;` (raw: decoded as an HTML entity)'],
  ['a;b; c', 'semicolon'],
  ['`code`', 'backticks (raw: markdown string)'],
  ['`a', 'leading backtick (raw: parse error)'],
  ['a | b', 'pipe'],
  ['{x} [y] (z)', 'braces, brackets, parentheses'],
  ['line one\nline two', 'newline'],
  ['crlf\r\nline', 'CRLF'],
  ['*em* _u_ **strong** ~~s~~', 'markdown-ish characters'],
  ['1. item', 'markdown list marker'],
  ['# heading', 'markdown heading marker'],
  ['> quote', 'markdown quote marker'],
  ['100%', 'single percent'],
  ['a %%{init: {}}%% b', 'directive-like `%%{..}%%` (raw: silently removed)'],
  ['%% not a comment', 'comment-like %%'],
  ['Grüße 中文 😀 🚀', 'unicode / emoji'],
  ['end', 'keyword end'],
  ['subgraph', 'keyword subgraph'],
  ['graph', 'keyword graph'],
  ['flowchart', 'keyword flowchart'],
  ['class', 'keyword class'],
  ['style', 'keyword style'],
  ['click', 'keyword click'],
  ['classDef linkStyle direction', 'more keywords'],
  ['A --> B -.- C ==> D', 'arrow syntax'],
  ['C:\\temp\\new \\\\ \\t', 'backslashes (raw `\\n` is a line break)'],
  ["O'Neil: a, b", "apostrophe, colon, comma"],
  ['http://x.y/p?q=1&r=2', 'URL with &'],
  ['tab\there', 'tab'],
  ['¶ß and ﬂ°', "mermaid's internal entity markers"],
  ['bell\u0007\u0085', 'control characters (dropped)'],
  ['   ', 'blank label'],
  ['', 'empty label (raw: parse error)'],
];

const SHAPES = [
  ['[', ']'],
  ['(', ')'],
  ['([', '])'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['((', '))'],
  ['{', '}'],
  ['{{', '}}'],
  ['[/', '/]'],
  ['[\\', '\\]'],
  ['>', ']'],
];

function contexts(label, allShapes) {
  const out = [];
  for (const [o, c] of allShapes ? SHAPES : SHAPES.slice(0, 1)) {
    out.push({ ctx: `node ${o}"…"${c}`, kind: 'node', text: `flowchart TB\n  n1${o}"${label}"${c} --> n2["x"]\n` });
  }
  out.push({ ctx: 'edge -->|"…"|', kind: 'edge', text: `flowchart TB\n  n1["a"] -->|"${label}"| n2["b"]\n` });
  out.push({
    ctx: 'subgraph s["…"]',
    kind: 'cluster',
    text: `flowchart TB\n  subgraph s1["${label}"]\n    n1["a"]\n  end\n  n1 --> n2["b"]\n`,
  });
  return out;
}

// Runs in the page: the label text of the first node / edge / cluster.
function readLabel({ svg, kind }) {
  const d = document.createElement('div');
  d.innerHTML = svg;
  d.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  let el;
  if (kind === 'node') el = [...d.querySelectorAll('g.node')].find((g) => /-n1-/.test(g.id));
  else if (kind === 'edge') el = [...d.querySelectorAll('g.edgeLabel')].find((g) => g.textContent.trim() !== '');
  else el = d.querySelector('.cluster-label');
  if (!el) return null;
  const fo = el.querySelector('.nodeLabel, .edgeLabel span, foreignObject') || el;
  return fo.textContent;
}

function expected(input) {
  // eslint-disable-next-line no-control-regex
  return input.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
}

async function renderRead(mm, c) {
  const r = await mm.check(c.text, { keepSvg: true });
  if (!r.ok) return { ok: false, got: null, error: r.message.split('\n')[0] };
  const got = await mm.evaluate(readLabel, { svg: r.svg, kind: c.kind });
  return { ok: true, got };
}

async function main() {
  const markdown = process.argv.includes('--markdown');
  const mm = await openMermaid();
  const t0 = Date.now();
  let passed = 0;
  let failed = 0;
  const rows = [];
  try {
    for (const [input, note] of CASES) {
      const want = expected(input);
      const emitted = escapeLabel(input);
      let allOk = true;
      for (const c of contexts(emitted, true)) {
        const r = await renderRead(mm, c);
        // ZWSP is only inserted to split mermaid's marker pairs; an empty
        // label renders as one no-break space (an edge shows no label).
        const got = r.ok && r.got !== null ? r.got.replace(/\u200b/g, '') : null;
        const ok =
          r.ok &&
          (want === ''
            ? c.kind === 'edge'
              ? got === null || got.trim() === ''
              : got === '\u00a0'
            : got !== null && got.trim() === want);
        if (ok) passed++;
        else {
          failed++;
          allOk = false;
          console.log(
            `MISMATCH ${JSON.stringify(input)} as ${c.ctx}: emitted ${JSON.stringify(emitted)} -> ` +
              (r.ok ? `rendered ${JSON.stringify(r.got)}` : `error ${r.error}`),
          );
        }
      }
      // raw (unescaped) input, for the table's "raw" column
      const raw = [];
      for (const c of contexts(input, false)) {
        const r = await renderRead(mm, c);
        raw.push(!r.ok ? 'parse error' : r.got === null ? 'no label' : r.got.trim() === want ? 'ok' : `shows ${JSON.stringify(r.got.trim())}`);
      }
      const rawSummary = raw.every((x) => x === raw[0]) ? raw[0] : `node: ${raw[0]}; edge: ${raw[1]}; subgraph: ${raw[2]}`;
      rows.push({ input, note, emitted, rawSummary, allOk });
    }
  } finally {
    await mm.close();
  }
  if (markdown) {
    const code = (s) =>
      '`` ' +
      s
        .replace(/\n/g, '⏎')
        .replace(/\r/g, '␍')
        .replace(/\t/g, '⇥')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
        .replace(/\|/g, '\\|') +
      ' ``';
    console.log('| input (typed) | case | emit inside `"…"` | renders as typed | raw, unescaped |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of rows) {
      const shown = r.input === '' ? '(empty)' : r.input.trim() === '' ? `(${r.input.length} spaces)` : code(r.input);
      console.log(`| ${shown} | ${r.note} | ${code(r.emitted)} | ${r.allOk ? 'yes' : 'NO'} | ${r.rawSummary.replace(/\|/g, '\\|')} |`);
    }
  }
  process.stderr.write(`(${CASES.length} cases, ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log(`escaping: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (c) => process.exit(c),
    (e) => {
      process.stderr.write(`escaping: ${e instanceof SetupError ? 'setup error: ' + e.message : e.stack}\n`);
      process.exit(2);
    },
  );
}
