#!/usr/bin/env bash
# App benchmarks (figures, not pass/fail): cold start, unlock → 1,000 keys drawn, idle memory of
# all the app's processes, and binary size, on the release build the way `tauri build` makes it.
# Needs what scripts/e2e.sh needs (Xvfb, tauri-driver, WebKitWebDriver).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/coffre-target}"
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -d ui/node_modules ]; then
  npm --prefix ui ci --no-audit --no-fund
fi
npm --prefix ui run build
# `cargo bench` builds the app with the release profile; custom-protocol = what `tauri build` ships.
xvfb-run -a --server-args="-screen 0 1280x800x24" \
  cargo bench -p coffre-app --features custom-protocol --bench app
