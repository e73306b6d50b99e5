#!/usr/bin/env bash
# Proves that check.mjs judges mermaid blocks correctly:
#   fixtures/good  -> exit 0, no FAIL
#   fixtures/bad   -> exit 1, exactly 9 FAILs, "mermaid: 1 passed, 9 failed"
#   generated      -> maxTextSize / maxEdges overruns fail (exit 1, 2 FAILs)
#   usage / missing browser -> exit 2
# Set MERMAID_SELFTEST_ESCAPING=1 to also re-verify ESCAPING.md (~70 s).
# Exits non-zero if the checker misjudges anything.
set -u
cd "$(dirname "$0")"

if [ ! -d node_modules/mermaid ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund >/dev/null || { echo "selftest: npm ci failed" >&2; exit 2; }
fi
if [ ! -x "${MERMAID_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "selftest: no Chromium; install it: apt-get update && apt-get install -y --no-install-recommends chromium" >&2
  exit 2
fi

pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() { # name, wanted exit code, wanted FAIL count ('' = any), wanted summary ('' = any), command...
  local name=$1 want_rc=$2 want_fails=$3 want_summary=$4
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local fails
  fails=$(grep -c '^FAIL ' "$tmp/out")
  local summary
  summary=$(grep -E '^mermaid: [0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -n1)
  if [ "$rc" = "$want_rc" ] && { [ -z "$want_fails" ] || [ "$fails" = "$want_fails" ]; } &&
     { [ -z "$want_summary" ] || [ "$summary" = "$want_summary" ]; }; then
    echo "ok   $name (exit $rc, $fails FAIL lines)"
    pass=$((pass + 1))
  else
    echo "BAD  $name: exit $rc (want $want_rc), $fails FAIL lines (want ${want_fails:-any}), summary '$summary' (want '${want_summary:-any}')"
    sed 's/^/     | /' "$tmp/out" "$tmp/err" | head -n 40
    fail=$((fail + 1))
  fi
}

expect "good fixtures pass" 0 0 "mermaid: 4 passed, 0 failed" node check.mjs fixtures/good
expect "bad fixtures fail" 1 9 "mermaid: 1 passed, 9 failed" node check.mjs fixtures/bad
expect "good + bad together" 1 9 "mermaid: 5 passed, 9 failed" node check.mjs fixtures/good fixtures/bad

# Mermaid's default limits: >50,000 chars renders a "Maximum text size"
# placeholder without throwing; >500 edges throws.
mkdir -p "$tmp/limits"
node -e '
const fs = require("fs"), d = process.argv[1];
let big = "flowchart TB\n";
for (let i = 0; i < 1200; i++) big += `  n${i}["label number ${i} padded with some more text"]\n`;
fs.writeFileSync(d + "/big.mmd", big);
let e = "flowchart LR\n";
for (let i = 0; i < 501; i++) e += `  a${i} --> a${i + 1}\n`;
fs.writeFileSync(d + "/edges.md", "# many edges\n\n```mermaid\n" + e + "```\n");
' "$tmp/limits"
expect "default limits enforced" 1 2 "mermaid: 0 passed, 2 failed" node check.mjs "$tmp/limits"
if ! grep -q 'maxTextSize' "$tmp/out" || ! grep -q 'Edge limit exceeded' "$tmp/out"; then
  echo "BAD  limit messages missing"; fail=$((fail + 1))
fi

expect "usage error" 2 0 "" node check.mjs
expect "missing browser" 2 0 "" env MERMAID_CHROMIUM=/nonexistent/chromium node check.mjs fixtures/good
if ! grep -q 'apt-get install' "$tmp/err"; then
  echo "BAD  missing-browser message lacks the install hint"; fail=$((fail + 1))
fi
expect "no such dir" 2 0 "" node check.mjs fixtures/does-not-exist

if [ "${MERMAID_SELFTEST_ESCAPING:-0}" = 1 ]; then
  if node escaping.mjs >"$tmp/esc" 2>&1; then
    echo "ok   ESCAPING.md rules verified ($(tail -n1 "$tmp/esc"))"; pass=$((pass + 1))
  else
    echo "BAD  escaping.mjs"; cat "$tmp/esc"; fail=$((fail + 1))
  fi
fi

echo "mermaid-selftest: $pass passed, $fail failed"
[ "$fail" = 0 ]
