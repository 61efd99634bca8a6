#!/usr/bin/env bash
# Runs the Python export tests (tests/python, pytest) against the real `coffre` CLI and
# `coffre-mock-exchange` binaries, in a reusable venv with ccxt, pytest and python-dotenv.
# Prints pytest's summary line; exits non-zero when a build, the install or a test fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/deps.sh
coffre_use_target_dir
venv="$HOME/.cache/coffre-venv"

# The binaries of the test build (same feature set as scripts/test: nothing is built twice).
coffre_build_tests
export COFFRE_BIN_DIR="$(coffre_bin_dir)"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Pinned majors; pip only downloads when a requirement is not met yet.
"$venv/bin/pip" install --quiet "ccxt>=4,<5" "pytest>=8,<9" "python-dotenv>=1,<2"

cd "$repo/tests/python"
exec "$venv/bin/python" -m pytest -p no:cacheprovider -q -rfE "$@"
