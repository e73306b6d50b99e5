#!/usr/bin/env bash
# Exports every example project and the hostile-names fixture with the given
# strata binary, then has real Mermaid (headless Chromium) parse and render
# every ```mermaid block and .mmd file. Usage: check-exports.sh STRATA_BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
strata="${1:?usage: check-exports.sh STRATA_BINARY}"

if [ ! -d "$here/node_modules/mermaid" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for project in "$root"/projects/*.ron "$root"/tests/fixtures/hostile-names.ron; do
    name="$(basename "$project" .ron)"
    "$strata" export "$project" --out "$out/$name" >/dev/null
    echo "exported $name"
done
node "$here/check.mjs" "$out"
