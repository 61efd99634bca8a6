#!/usr/bin/env bash
# Runs the Python export tests (tests/python, pytest) against the real `coffre` CLI and
# `coffre-mock-exchange` binaries, in a reusable venv with ccxt, pytest and python-dotenv.
# Prints pytest's summary line; exits non-zero when a build, the install or a test fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/root/.cache/coffre-target}"
venv="$HOME/.cache/coffre-venv"

cargo build --quiet --manifest-path "$repo/Cargo.toml" -p coffre-cli -p coffre-mock-exchange

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Pinned majors; pip only downloads when a requirement is not met yet.
"$venv/bin/pip" install --quiet "ccxt>=4,<5" "pytest>=8,<9" "python-dotenv>=1,<2"

cd "$repo/tests/python"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -rfE "$@"
