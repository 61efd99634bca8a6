"""`coffre type` against a real X server (its own Xvfb) and a real Tk window standing in for the
platform's form: the fields arrive in order, only in a window titled like the platform, and
nothing goes through the clipboard."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COFFRE, LABELS, PASSWORD, coffre

HERE = Path(__file__).resolve().parent
TYPE_REFUSED = 7
BAD_INPUT = 1

pytestmark = pytest.mark.skipif(
    not shutil.which("Xvfb") or not shutil.which("xclip"), reason="needs Xvfb and xclip"
)


@pytest.fixture(scope="module")
def display():
    """A private Xvfb; yields the environment that points at it (and at no Wayland)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as lines:
        number = lines.readline().strip()
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    env["DISPLAY"] = f":{number}"
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


class Form:
    """The Tk test window: `fields()` is what it has received."""

    def __init__(self, env, title):
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "autotype_window.py"), title],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout.readline().strip() == "ready"

    def fields(self):
        self.proc.stdin.write("dump\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture
def form(display, request):
    window = Form(display, request.param)
    yield window
    window.close()


def type_key(vault, env, label, platform, *extra):
    return subprocess.run(
        [str(COFFRE), "--vault", str(vault), "--password-stdin", "type", label,
         "--platform", platform, "--delay", "0", *extra],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def clipboard(env):
    out = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"], env=env, capture_output=True, text=True, timeout=10
    )
    return out.stdout if out.returncode == 0 else None


def set_clipboard(env, text):
    # xclip forks and serves the selection until another program takes it.
    subprocess.run(["xclip", "-selection", "clipboard", "-i"], input=text, env=env, text=True,
                   check=True, timeout=10)


@pytest.mark.parametrize("form", ["Connect exchange | Bitsgap — Mozilla Firefox"], indirect=True)
def test_types_key_then_secret_into_the_platform_window(vault, demo_accounts, display, form):
    set_clipboard(display, "sentinel")
    account = demo_accounts["binance"]
    out = type_key(vault, display, LABELS["binance"], "bitsgap")
    assert out.returncode == 0, out.stderr
    assert form.fields() == [account["api_key"], account["secret"], ""]
    assert "typed API key, then secret into" in out.stderr
    # Typed, not pasted: the clipboard still holds what another program put there.
    assert clipboard(display) == "sentinel"
    for value in (account["api_key"], account["secret"]):
        assert value not in out.stdout + out.stderr


@pytest.mark.parametrize("form", ["app.bitsgap.com/my-exchanges - Chromium"], indirect=True)
def test_a_passphrase_comes_third_when_the_key_has_one(vault, demo_accounts, display, form):
    account = demo_accounts["okx"]
    out = type_key(vault, display, LABELS["okx"], "bitsgap")
    assert out.returncode == 0, out.stderr
    assert form.fields() == [account["api_key"], account["secret"], account["passphrase"]]


@pytest.mark.parametrize("form", ["3Commas — Chromium"], indirect=True)
def test_a_form_without_passphrase_field_gets_key_and_secret(vault, demo_accounts, display, form):
    account = demo_accounts["okx"]
    out = type_key(vault, display, LABELS["okx"], "3commas")
    assert out.returncode == 0, out.stderr
    assert form.fields() == [account["api_key"], account["secret"], ""]


@pytest.mark.parametrize("form", ["Inbox — Thunderbird"], indirect=True)
def test_another_window_receives_nothing_and_is_named(vault, display, form):
    out = type_key(vault, display, LABELS["binance"], "bitsgap")
    assert out.returncode == TYPE_REFUSED
    assert '"Inbox — Thunderbird"' in out.stderr
    assert "not Bitsgap's" in out.stderr
    assert form.fields() == ["", "", ""]


@pytest.mark.parametrize("form", ["Bitsgap — Mozilla Firefox"], indirect=True)
@pytest.mark.parametrize(
    "label, platform, code, says",
    [
        ("no-such-key", "bitsgap", BAD_INPUT, "no-such-key"),
        (LABELS["binance"], "no-such-platform", BAD_INPUT, "unknown platform"),
        (LABELS["binance"], "ccxt-script", BAD_INPUT, "no form to type into"),
    ],
)
def test_bad_input_types_nothing(vault, display, form, label, platform, code, says):
    out = type_key(vault, display, label, platform)
    assert out.returncode == code, out.stderr
    assert says in out.stderr
    assert form.fields() == ["", "", ""]


@pytest.mark.parametrize("form", ["Bitsgap — Mozilla Firefox"], indirect=True)
@pytest.mark.parametrize(
    "change, says",
    [
        ({"WAYLAND_DISPLAY": "wayland-0"}, "Wayland"),
        ({"XDG_SESSION_TYPE": "wayland"}, "clipboard sequence"),
        ({"DISPLAY": ""}, "no X display"),
        ({"DISPLAY": ":987"}, "no X display"),
    ],
)
def test_no_x_display_or_wayland_types_nothing(vault, display, form, change, says):
    out = type_key(vault, {**display, **change}, LABELS["binance"], "bitsgap")
    assert out.returncode == TYPE_REFUSED, out.stderr
    assert says in out.stderr
    assert form.fields() == ["", "", ""]


@pytest.fixture(scope="module")
def odd_vault(tmp_path_factory, demo_accounts):
    """A vault with a PEM key (Coinbase CDP) and an OKX key whose passphrase is not ASCII."""
    path = tmp_path_factory.mktemp("odd") / "vault.db"
    coffre(path, "init", "--weak-kdf", "--kdf-mib", "1", "--kdf-passes", "1")
    cdp = demo_accounts["coinbase"]
    coffre(path, "add", "--exchange", "coinbase", "--label", "cdp", lines=[cdp["api_key"], cdp["secret"]])
    okx = demo_accounts["okx"]
    coffre(path, "add", "--exchange", "okx", "--label", "okx-accent",
           lines=[okx["api_key"], okx["secret"], "Pässphrase-ệ-1"])
    return path


@pytest.mark.parametrize("form", ["Bitsgap — Mozilla Firefox"], indirect=True)
def test_a_pem_secret_is_refused_with_its_reason_and_nothing_typed(odd_vault, display, form):
    out = type_key(odd_vault, display, "cdp", "bitsgap")
    assert out.returncode == BAD_INPUT, out.stderr
    assert "line break" in out.stderr and "clipboard" in out.stderr
    assert "BEGIN" not in out.stderr
    assert form.fields() == ["", "", ""]


@pytest.mark.parametrize("form", ["Bitsgap — Mozilla Firefox"], indirect=True)
def test_a_character_the_layout_lacks_is_refused_before_anything_is_typed(odd_vault, demo_accounts, display, form):
    out = type_key(odd_vault, display, "okx-accent", "bitsgap")
    # Xvfb's default layout (us) has neither ä nor ệ: refused, not typed wrong or in part.
    assert out.returncode == BAD_INPUT, out.stderr
    assert "passphrase has a character the current keyboard layout cannot type" in out.stderr
    assert "Pässphrase" not in out.stderr
    assert form.fields() == ["", "", ""]
