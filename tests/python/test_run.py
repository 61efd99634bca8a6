"""`coffre run` with the real consumers: a ccxt script that reads its keys from the environment
(ccxt's command-line names) fetches balances from the mock exchanges, and Freqtrade's own
configuration loader reads the key, secret and passphrase Coffre put in its environment."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COFFRE, LABELS, PASSWORD, coffre

HERE = Path(__file__).resolve().parent
BALANCE_SCRIPT = str(HERE / "ccxt_env_balance.py")
FREQTRADE_SCRIPT = str(HERE / "freqtrade_load_config.py")
# Freqtrade pulls in pandas, scipy, TA-Lib and more (~800 MB): its own venv, made once, pinned.
FREQTRADE = "freqtrade==2026.9"
FREQTRADE_VENV = Path.home() / ".cache" / "coffre-freqtrade-venv"


def run(vault, *args, cwd=HERE, env=None):
    """`coffre run ARGS`, the master password on stdin; never raises on a non-zero exit."""
    return subprocess.run(
        [str(COFFRE), "--vault", str(vault), "--password-stdin", "run", *args],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def sha(value):
    return hashlib.sha256(value.encode()).hexdigest()


def expected_free(account):
    return {row["asset"]: float(row["free"]) for row in account["balances"]}


@pytest.mark.parametrize("exchange", ["binance", "okx"])
def test_a_ccxt_script_under_coffre_run_fetches_balances(vault, demo_accounts, mock_urls, exchange):
    out = run(
        vault,
        LABELS[exchange],
        "--for",
        "ccxt",
        "--",
        sys.executable,
        BALANCE_SCRIPT,
        f"{exchange}={mock_urls[exchange]}",
    )
    assert out.returncode == 0, out.stderr
    free = json.loads(out.stdout)[exchange]
    for asset, amount in expected_free(demo_accounts[exchange]).items():
        assert free[asset] == pytest.approx(amount), asset
    account = demo_accounts[exchange]
    for secret in (account["api_key"], account["secret"], account.get("passphrase")):
        assert not secret or secret not in out.stdout + out.stderr


def test_one_ccxt_script_gets_a_key_per_exchange(vault, demo_accounts, mock_urls):
    out = run(
        vault,
        "--key",
        LABELS["binance"],
        "--key",
        LABELS["okx"],
        "--for",
        "ccxt",
        "--",
        sys.executable,
        BALANCE_SCRIPT,
        f"binance={mock_urls['binance']}",
        f"okx={mock_urls['okx']}",
    )
    assert out.returncode == 0, out.stderr
    balances = json.loads(out.stdout)
    for exchange in ("binance", "okx"):
        for asset, amount in expected_free(demo_accounts[exchange]).items():
            assert balances[exchange][asset] == pytest.approx(amount)


def test_the_ccxt_script_without_coffre_fails_cleanly(mock_urls):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BINANCE_", "OKX_"))}
    out = subprocess.run(
        [sys.executable, BALANCE_SCRIPT, f"okx={mock_urls['okx']}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=HERE,
        env=env,
    )
    assert out.returncode == 2
    assert "missing credentials: OKX_APIKEY, OKX_SECRET, OKX_PASSWORD" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


@pytest.fixture(scope="session")
def freqtrade_python():
    """A Python with Freqtrade: $COFFRE_FREQTRADE_PYTHON, or a venv made once under ~/.cache."""
    given = os.environ.get("COFFRE_FREQTRADE_PYTHON")
    if given:
        return given
    python = FREQTRADE_VENV / "bin" / "python"
    check = [str(python), "-c", "import freqtrade.configuration"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return str(python)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(FREQTRADE_VENV)], check=True, timeout=120)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", FREQTRADE],
            check=True,
            timeout=600,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        pytest.skip(f"could not install {FREQTRADE} into {FREQTRADE_VENV}: {e}")
    return str(python)


def freqtrade_config(folder, **exchange):
    user_data = folder / "user_data"
    user_data.mkdir(exist_ok=True)
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "exchange": {"name": "binance", "key": "", "secret": "", **exchange},
                "stake_currency": "USDT",
                "dry_run": True,
                "user_data_dir": str(user_data),
            }
        )
    )
    return config


def test_freqtrade_reads_key_secret_and_passphrase_from_coffre_run(
    vault, demo_accounts, freqtrade_python, tmp_path
):
    config = freqtrade_config(tmp_path)
    out = run(
        vault,
        LABELS["okx"],
        "--for",
        "freqtrade",
        "--",
        freqtrade_python,
        FREQTRADE_SCRIPT,
        "-c",
        str(config),
    )
    assert out.returncode == 0, out.stderr
    account = demo_accounts["okx"]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded["name"] == "okx"  # the variable wins over the file's "binance"
    assert loaded["key"] == sha(account["api_key"])
    assert loaded["secret"] == sha(account["secret"])
    assert loaded["password"] == sha(account["passphrase"])
    assert loaded["types"] == {"key": "str", "secret": "str", "password": "str"}
    assert "holds exchange" not in out.stderr  # the config holds no credential of its own


def test_freqtrade_gets_a_pem_secret_with_its_line_breaks(
    tmp_path, demo_accounts, freqtrade_python
):
    account = demo_accounts["coinbase"]
    assert account["secret"].startswith("-----BEGIN")
    own_vault = tmp_path / "vault.db"
    coffre(own_vault, "init", "--weak-kdf", "--kdf-mib", "1", "--kdf-passes", "1")
    coffre(
        own_vault,
        "add",
        "--exchange",
        "coinbase",
        "--label",
        "cdp",
        "--platform",
        "freqtrade",
        lines=[account["api_key"], account["secret"]],
    )
    config = freqtrade_config(tmp_path, key="left-over")
    # No --for: the key is assigned to Freqtrade.
    out = run(own_vault, "cdp", "--", freqtrade_python, FREQTRADE_SCRIPT, "-c", str(config))
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    stored = json.loads(coffre(own_vault, "export", "cdp", "--format", "ccxt").stdout)["secret"]
    assert stored.count("\n") >= 3
    assert loaded["secret"] == sha(stored), "the PEM reaches Freqtrade with its line breaks"
    assert loaded["key"] == sha(account["api_key"])
    assert f"{config} holds exchange.key" in out.stderr
    assert "left-over" not in out.stderr
