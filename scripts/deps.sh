# Installs what building and testing Coffre needs, skipping what is already there.
# Sourced by scripts/start and scripts/test; safe to run again.

# Debian packages: Tauri's WebKitGTK build deps, and for tests the WebDriver, a virtual X server and xclip.
COFFRE_BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
# python3-tk: the test window `coffre type` types into (tests/python/test_type.py).
COFFRE_TEST_PACKAGES=(webkit2gtk-driver xvfb xauth xclip imagemagick dbus-daemon python3-tk)

coffre_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

coffre_install_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    coffre_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive coffre_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

coffre_install_tauri_driver() {
  # tauri-driver 3.0 alphas are published; the 2.x line is the one that works with Tauri 2.
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "==> installing tauri-driver 2.1.0"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}

coffre_install_ui() {
  echo "==> npm ci (ui/)"
  npm --prefix ui ci --no-audit --no-fund
}

# Every script builds into one target directory: $CARGO_TARGET_DIR when set (CI keeps a cache
# there), else the checkout's target/.
coffre_use_target_dir() {
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target}"
}

# The one Rust build of the test suite: all binaries and test binaries of the workspace with one
# feature set. Later steps call it again as a no-op check that nothing needs building.
coffre_build_tests() {
  cargo test --workspace --no-run
}

# Where the build's binaries are.
coffre_bin_dir() {
  echo "${CARGO_TARGET_DIR}/debug"
}
