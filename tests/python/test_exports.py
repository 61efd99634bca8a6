"""`coffre export` output read by the tools it is meant for: ccxt constructs and reads balances
from the mock exchanges, Freqtrade's documented config keys, and dotenv parsing."""

import io
import json

import ccxt
import pytest
from dotenv import dotenv_values

from ccxt_mock import config_for, point_at_mock
from conftest import LABELS, export

EXCHANGES = sorted(LABELS)
# What Freqtrade documents for the `exchange` block's credentials (plus `name`).
FREQTRADE_KEYS = {"name", "key", "secret"}


def expected_credentials(account):
    wanted = {"apiKey": account["api_key"], "secret": account["secret"]}
    if account.get("passphrase"):
        wanted["password"] = account["passphrase"]
    return wanted


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_ccxt_export_constructs_the_exchange_with_the_stored_credentials(
    vault, demo_accounts, exchange
):
    config = json.loads(export(vault, LABELS[exchange], "ccxt"))
    account = demo_accounts[exchange]
    assert config == expected_credentials(account)
    client = getattr(ccxt, exchange)(config)
    assert client.apiKey == account["api_key"]
    assert client.secret == account["secret"]
    if account.get("passphrase"):
        assert client.password == account["passphrase"]
    else:
        assert not client.password
    client.check_required_credentials()  # raises when ccxt misses a credential it needs


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_ccxt_export_reads_the_mock_balance(vault, demo_accounts, mock_urls, exchange):
    credentials = json.loads(export(vault, LABELS[exchange], "ccxt"))
    client = point_at_mock(getattr(ccxt, exchange)(config_for(exchange, credentials)), mock_urls[exchange])
    balance = client.fetch_balance()
    for row in demo_accounts[exchange].get("balances") or []:
        free, locked = float(row["free"]), float(row["locked"])
        assert balance[row["asset"]]["free"] == pytest.approx(free), row["asset"]
        assert balance[row["asset"]]["total"] == pytest.approx(free + locked), row["asset"]
    assert demo_accounts[exchange].get("balances"), "demo account should carry balances to compare"


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_freqtrade_export_has_exactly_the_documented_exchange_keys(vault, demo_accounts, exchange):
    config = json.loads(export(vault, LABELS[exchange], "freqtrade"))
    account = demo_accounts[exchange]
    assert list(config) == ["exchange"]
    block = config["exchange"]
    wanted = FREQTRADE_KEYS | ({"password"} if account.get("passphrase") else set())
    assert set(block) == wanted
    assert block["name"] == exchange
    assert block["key"] == account["api_key"]
    assert block["secret"] == account["secret"]
    if account.get("passphrase"):
        assert block["password"] == account["passphrase"]


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_freqtrade_env_export_sets_the_exchange_variables(vault, demo_accounts, exchange):
    values = dotenv_values(stream=io.StringIO(export(vault, LABELS[exchange], "freqtrade-env")))
    account = demo_accounts[exchange]
    assert values["FREQTRADE__EXCHANGE__KEY"] == account["api_key"]
    assert values["FREQTRADE__EXCHANGE__SECRET"] == account["secret"]
    if account.get("passphrase"):
        assert values["FREQTRADE__EXCHANGE__PASSWORD"] == account["passphrase"]
    else:
        assert "FREQTRADE__EXCHANGE__PASSWORD" not in values


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_env_export_parses_with_dotenv_to_the_stored_values(vault, demo_accounts, exchange):
    values = dotenv_values(stream=io.StringIO(export(vault, LABELS[exchange], "env")))
    account = demo_accounts[exchange]
    prefix = exchange.upper()
    assert values[f"{prefix}_API_KEY"] == account["api_key"]
    assert values[f"{prefix}_API_SECRET"] == account["secret"]
    if account.get("passphrase"):
        assert values[f"{prefix}_API_PASSPHRASE"] == account["passphrase"]
    else:
        assert f"{prefix}_API_PASSPHRASE" not in values


# Passphrases a trader may well choose: `$`, quotes, backslashes (the dotenv export once wrote `\$`,
# which python-dotenv keeps as two characters).
TRICKY_PASSPHRASES = [
    'My "pass" $HOME \\ phrase',
    "it's a \"back\\slash\"",
    "$PATH$1 `id` \\n",
    "tab-less 'quoted' but no dollar",
]


@pytest.mark.parametrize("passphrase", TRICKY_PASSPHRASES)
def test_env_export_reads_the_same_in_python_dotenv_and_sh(
    vault, demo_accounts, tmp_path, passphrase
):
    import subprocess

    from conftest import coffre

    account = demo_accounts["okx"]
    label = f"okx-tricky-{TRICKY_PASSPHRASES.index(passphrase)}"
    coffre(
        vault,
        "add",
        "--exchange",
        "okx",
        "--label",
        label,
        lines=[account["api_key"], account["secret"], passphrase],
    )
    text = export(vault, label, "env")
    assert dotenv_values(stream=io.StringIO(text))["OKX_API_PASSPHRASE"] == passphrase
    env_file = tmp_path / "okx.env"
    env_file.write_text(text)
    read_by_sh = subprocess.run(
        ["sh", "-c", '. "$1" && printf %s "$OKX_API_PASSPHRASE"', "sh", str(env_file)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
    ).stdout
    assert read_by_sh == passphrase
    assert dotenv_values(stream=io.StringIO(text))["OKX_API_SECRET"] == account["secret"]


def test_env_export_refuses_a_value_python_dotenv_would_expand(vault, demo_accounts):
    """python-dotenv expands `${NAME}` even inside single quotes: such a value is refused, not
    written to be read as something else."""
    import subprocess

    from conftest import COFFRE, PASSWORD, coffre

    account = demo_accounts["okx"]
    coffre(
        vault,
        "add",
        "--exchange",
        "okx",
        "--label",
        "okx-braced",
        lines=[account["api_key"], account["secret"], "pass${HOME}word"],
    )
    out = subprocess.run(
        [str(COFFRE), "--vault", str(vault), "--password-stdin", "export", "okx-braced", "--format", "env"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "passphrase" in out.stderr and "${HOME}" not in out.stderr
    assert out.stdout == ""
