#!/usr/bin/env bash
# Real-window smoke test: starts a built strata binary under Xvfb on an
# example project, takes a screenshot, checks it is not blank, and closes
# the window with Ctrl+Q, expecting a clean exit (code 0).
#
#   tests/smoke.sh path/to/strata [project.ron] [screenshot.png]
#
# Builds nothing. Needs: xvfb xauth xdotool imagemagick, plus the X/GL
# runtime libraries (libxcursor1 libxi6 libxkbcommon-x11-0 libegl1
# libegl-mesa0 libgl1 libglx-mesa0 libgl1-mesa-dri).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 path/to/strata [project.ron] [screenshot.png]" >&2
    exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(realpath "$1")
PROJECT=$(realpath "${2:-$ROOT/projects/e-commerce.ron}")
WORK=$(mktemp -d)
SHOT=${3:-$WORK/smoke.png}
trap 'rm -rf "$WORK"' EXIT

for tool in xvfb-run xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "smoke: $tool is not installed" >&2; exit 2; }
done
[[ -x $BIN ]] || { echo "smoke: $BIN is not an executable" >&2; exit 2; }

# A private home for preferences and the recovery file, so the test never
# sees (or leaves) a real user's state.
mkdir -p -m 700 "$WORK/run"
export XDG_RUNTIME_DIR=$WORK/run XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config
export BIN PROJECT SHOT WORK

cat > "$WORK/inner.sh" <<'EOF'
set -uo pipefail
"$BIN" "$PROJECT" > "$WORK/app.log" 2>&1 &
PID=$!
# Wait up to 20 s for the window.
WINDOW=""
for _ in $(seq 1 80); do
    WINDOW=$(xdotool search --name 'Strata' 2>/dev/null | head -n 1 || true)
    [[ -n $WINDOW ]] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.25
done
if [[ -z $WINDOW ]]; then
    echo "smoke: no window appeared" >&2
    cat "$WORK/app.log" >&2
    kill "$PID" 2>/dev/null
    exit 1
fi
sleep 2
import -window root "$SHOT"
DEVIATION=$(convert "$SHOT" -colorspace Gray -format '%[fx:standard_deviation]' info:)
COLOURS=$(convert "$SHOT" -format '%k' info:)
echo "smoke: screenshot $SHOT: grey deviation $DEVIATION, $COLOURS colours"
if ! awk -v d="$DEVIATION" -v c="$COLOURS" 'BEGIN { exit !(d > 0.02 && c > 50) }'; then
    echo "smoke: the screenshot looks blank" >&2
    kill "$PID" 2>/dev/null
    exit 1
fi
# Close it as a user would: focus the window and press Ctrl+Q.
xdotool windowfocus --sync "$WINDOW" 2>/dev/null || xdotool windowfocus "$WINDOW"
sleep 0.3
xdotool key ctrl+q
for _ in $(seq 1 40); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.25
done
if kill -0 "$PID" 2>/dev/null; then
    echo "smoke: the window did not close on Ctrl+Q" >&2
    kill "$PID" 2>/dev/null
    exit 1
fi
wait "$PID"
CODE=$?
if [[ $CODE -ne 0 ]]; then
    echo "smoke: strata exited with code $CODE" >&2
    cat "$WORK/app.log" >&2
    exit 1
fi
echo "smoke: closed cleanly (exit 0)"
EOF

if xvfb-run -a -s "-screen 0 1600x1000x24" bash "$WORK/inner.sh"; then
    echo "smoke: 1 passed, 0 failed"
else
    echo "smoke: 0 passed, 1 failed"
    exit 1
fi
