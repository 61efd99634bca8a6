#!/usr/bin/env bash
# End-to-end tests of the real Coffre window: builds the UI, then drives the app (the binary the test
# build makes, same feature set as scripts/test) with tauri-driver + WebKitWebDriver under a virtual X
# server. Assumes the Debian packages and tauri-driver are installed (scripts/test does that). Extra
# arguments go to the test binary, e.g. `scripts/e2e.sh full_flow`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
coffre_use_target_dir
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -d ui/node_modules ]; then
  npm --prefix ui ci --no-audit --no-fund
fi
# scripts/test has built the UI already: building it again would touch ui/dist and make cargo
# re-embed it into the app (half a minute for the same bytes).
if [ -z "${COFFRE_UI_BUILT:-}" ]; then
  npm --prefix ui run build
fi

# The app embeds ui/dist at compile time, so it is built after the UI.
coffre_build_tests

# One app at a time: the tests share nothing, but two WebKit instances on two cores time out.
xvfb-run -a --server-args="-screen 0 1280x800x24" \
  cargo test --workspace --test e2e -- --include-ignored --test-threads=1 "$@"
