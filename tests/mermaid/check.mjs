#!/usr/bin/env node
// Strata mermaid checker.
//
//   node tests/mermaid/check.mjs DIR [DIR...]
//
// Walks each DIR (a single .md / .mmd file is accepted too), collects every
// ```mermaid fenced block of every .md file and every standalone .mmd file,
// and for each one runs the real `mermaid` package (node_modules, pinned in
// package.json) inside one headless Debian Chromium page:
//   await mermaid.parse(text); await mermaid.render(id, text)
// A block fails when either throws, when render() drew Mermaid's error
// diagram instead of the diagram, or when render() silently replaced the
// diagram by "Maximum text size in diagram exceeded" (default maxTextSize).
// Mermaid's default limits are kept on purpose (GitHub uses the defaults).
//
// Output: one `FAIL file block N (line L): message` line per failing block,
// then `mermaid: N passed, M failed` alone on a line.
// Exit: 0 all passed, 1 some failed, 2 usage / setup error.
//
// Environment: MERMAID_CHROMIUM overrides the browser path (default
// /usr/bin/chromium); MERMAID_VERBOSE=1 also prints passing blocks;
// MERMAID_TIMEOUT_MS is the per-block time limit (default 30000);
// MERMAID_JS points at another mermaid.min.js (e.g. an older major, to
// compare with what a host like GitHub runs); MERMAID_TIMING=1 prints time.

import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.MERMAID_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TIMEOUT_MS = Number(process.env.MERMAID_TIMEOUT_MS || 30000);
const MAX_TEXT_MARKER = 'Maximum text size in diagram exceeded';

export class SetupError extends Error {}

// ---------------------------------------------------------------- collecting

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Every .md / .mmd file under `root` (or `root` itself), sorted. */
export function walk(root) {
  let st;
  try {
    st = statSync(root);
  } catch (e) {
    throw new SetupError(`no such file or directory: ${root}`);
  }
  if (st.isFile()) return /\.(md|mmd)$/i.test(root) ? [root] : [];
  const out = [];
  const rec = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) {
        if (!SKIP_DIRS.has(name)) rec(p);
      } else if (s.isFile() && /\.(md|mmd)$/i.test(name)) {
        out.push(p);
      }
    }
  };
  rec(root);
  return out;
}

/**
 * CommonMark-style fenced code blocks whose info string's first word is
 * `mermaid`. Returns [{ line, text, unclosed }] with 1-based fence lines.
 * Non-mermaid fences are tracked too, so a ```mermaid shown inside a
 * ````markdown block is not mistaken for a diagram.
 */
export function mermaidBlocksFromMarkdown(source) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  let open = null; // { char, len, indent, mermaid, line, body: [] }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!open) {
      const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(l);
      if (!m) continue;
      const [, indent, fence, info] = m;
      if (fence[0] === '`' && info.includes('`')) continue; // not a fence
      const lang = info.trim().split(/\s+/)[0].replace(/^\{?\.?/, '').replace(/\}$/, '');
      open = {
        char: fence[0],
        len: fence.length,
        indent: indent.length,
        mermaid: lang.toLowerCase() === 'mermaid',
        line: i + 1,
        body: [],
      };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(l);
    if (close && close[1][0] === open.char && close[1].length >= open.len) {
      if (open.mermaid) blocks.push({ line: open.line, text: open.body.join('\n'), unclosed: false });
      open = null;
      continue;
    }
    // strip up to the opening fence's indentation
    let k = 0;
    while (k < open.indent && l[k] === ' ') k++;
    open.body.push(l.slice(k));
  }
  if (open && open.mermaid) blocks.push({ line: open.line, text: open.body.join('\n'), unclosed: true });
  return blocks;
}

export function collect(roots) {
  const items = [];
  for (const root of roots) {
    for (const file of walk(root)) {
      const src = readFileSync(file, 'utf8');
      if (/\.mmd$/i.test(file)) {
        items.push({ file, block: 1, line: 1, text: src.replace(/\r\n?/g, '\n'), unclosed: false });
      } else {
        mermaidBlocksFromMarkdown(src).forEach((b, i) => items.push({ file, block: i + 1, ...b }));
      }
    }
  }
  return items;
}

// ------------------------------------------------------------------ browser

// Runs inside the page. Must be self-contained.
async function pageCheck({ id, text, maxTextMarker }) {
  const clean = () => {
    document.body.innerHTML = '';
  };
  const msg = (e) => String((e && (e.message || e.str)) || e);
  try {
    await mermaid.parse(text);
  } catch (e) {
    clean();
    return { ok: false, stage: 'parse', message: msg(e) };
  }
  let r;
  try {
    r = await mermaid.render(id, text);
  } catch (e) {
    return { ok: false, stage: 'render', message: msg(e) };
  } finally {
    clean();
  }
  const svg = r.svg;
  if (
    r.diagramType === 'error' ||
    /aria-roledescription="error"/.test(svg) ||
    /class="error-icon"/.test(svg)
  ) {
    const doc = document.createElement('div');
    doc.innerHTML = svg;
    const texts = [...doc.querySelectorAll('.error-text')].map((t) => t.textContent).join(' ');
    return { ok: false, stage: 'render', message: `rendered Mermaid's error diagram: ${texts || 'Syntax error in text'}` };
  }
  if (svg.includes(maxTextMarker) && !text.includes(maxTextMarker)) {
    return {
      ok: false,
      stage: 'render',
      message: `diagram text is longer than mermaid's default maxTextSize (50000 chars: ${text.length}); render drew "${maxTextMarker}"`,
    };
  }
  return { ok: true, diagramType: r.diagramType, svg };
}

/**
 * Launches one Chromium, one page with mermaid injected. Returns
 * { check(text) -> result, evaluate(fn, arg), close() }.
 */
export async function openMermaid({ mermaidConfig = {} } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new SetupError(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium:\n` +
        `  apt-get update && apt-get install -y --no-install-recommends chromium\n` +
        `(or point MERMAID_CHROMIUM at a Chromium binary)`,
    );
  }
  let chromium, mermaidJs;
  try {
    ({ chromium } = require('playwright-core'));
    mermaidJs = readFileSync(process.env.MERMAID_JS || require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  } catch (e) {
    throw new SetupError(
      `npm packages missing (${e.message.split('\n')[0]}).\n` +
        `  run: (cd ${path.relative(process.cwd(), HERE) || '.'} && npm ci)`,
    );
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'strata-mermaid-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60000,
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new SetupError(`could not launch ${CHROMIUM}: ${e.message.split('\n')[0]}`);
  }
  // Nothing may leave the machine: refuse every request the page makes.
  await context.route('**/*', (route) => route.abort());
  const config = { startOnLoad: false, securityLevel: 'strict', ...mermaidConfig };

  let page;
  const newPage = async () => {
    // The persistent context opens with one blank page: use it first time.
    const old = page;
    page = !old && context.pages().length > 0 ? context.pages()[0] : await context.newPage();
    if (old) await old.close().catch(() => {});
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: mermaidJs });
    await page.evaluate((cfg) => {
      if (typeof mermaid === 'undefined') throw new Error('mermaid global missing after injecting mermaid.min.js');
      mermaid.initialize(cfg);
    }, config);
    return process.env.MERMAID_JS ? `${process.env.MERMAID_JS}` : require('mermaid/package.json').version;
  };
  let version;
  try {
    version = await newPage();
  } catch (e) {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    throw new SetupError(`could not load mermaid into the page: ${e.message.split('\n')[0]}`);
  }

  let seq = 0;
  const withTimeout = (p, ms, what) => {
    let t;
    return Promise.race([
      p,
      new Promise((_, rej) => {
        t = setTimeout(() => rej(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(t));
  };

  return {
    version,
    async check(text, { keepSvg = false } = {}) {
      const id = `strata-mmd-${++seq}`;
      try {
        const r = await withTimeout(
          page.evaluate(pageCheck, { id, text, maxTextMarker: MAX_TEXT_MARKER }),
          TIMEOUT_MS,
          'mermaid',
        );
        if (!keepSvg) delete r.svg;
        return r;
      } catch (e) {
        // A hung or crashed page: start a fresh one for the next block.
        await newPage().catch(() => {});
        return { ok: false, stage: 'browser', message: e.message.split('\n')[0] };
      }
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// --------------------------------------------------------------------- main

function oneLine(s) {
  // jison's "Expecting 'A', 'B', ... got 'X'" lists run to 30 tokens: shorten.
  s = String(s).replace(/Expecting ((?:'[^']*', ){4})(?:'[^']*', )+('[^']*'), got/g, 'Expecting $1..., $2, got');
  return s
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x && !/^-*\^$/.test(x)) // drop the caret line of parse errors
    .join(' | ');
}

/** Adds the file line to mermaid's "Parse error on line N" (N counts from the block's first line). */
function locate(message, item) {
  const m = /(?:Parse error on line|on line|line) (\d+)/i.exec(message);
  if (!m) return message;
  const fileLine = item.line + Number(m[1]) - (item.file.toLowerCase().endsWith('.mmd') ? 1 : 0);
  return `${message} [file line ${fileLine}]`;
}

async function main(argv) {
  // `| head` closing the pipe must not crash us before the browser is closed.
  process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
    process.stderr.write('usage: node tests/mermaid/check.mjs DIR [DIR...]\n');
    return 2;
  }
  const t0 = Date.now();
  const items = collect(argv);
  const verbose = process.env.MERMAID_VERBOSE === '1';
  let passed = 0;
  let failed = 0;
  let mm = null;
  if (items.length > 0) mm = await openMermaid();
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      (mm ? mm.close() : Promise.resolve()).finally(() => process.exit(2));
    });
  }
  try {
    for (const item of items) {
      const relp = path.relative(process.cwd(), item.file);
      const rel = relp && !relp.startsWith('..') ? relp : item.file;
      let r;
      if (item.unclosed) {
        r = { ok: false, message: 'mermaid fence is never closed' };
      } else if (item.text.trim() === '') {
        r = { ok: false, message: 'empty mermaid block' };
      } else {
        r = await mm.check(item.text);
        if (!r.ok) r.message = `${r.stage}: ${locate(oneLine(r.message), item)}`;
      }
      if (r.ok) {
        passed++;
        if (verbose) console.log(`ok   ${rel} block ${item.block} (line ${item.line}): ${r.diagramType}`);
      } else {
        failed++;
        console.log(`FAIL ${rel} block ${item.block} (line ${item.line}): ${r.message}`);
      }
    }
  } finally {
    if (mm) await mm.close();
  }
  if (verbose || process.env.MERMAID_TIMING === '1') {
    process.stderr.write(
      `mermaid ${mm ? mm.version : '-'}: ${items.length} blocks in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  }
  console.log(`mermaid: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof SetupError) {
        process.stderr.write(`mermaid check: setup error: ${e.message}\n`);
      } else {
        process.stderr.write(`mermaid check: internal error: ${e && e.stack ? e.stack : e}\n`);
      }
      process.exit(2);
    },
  );
}
