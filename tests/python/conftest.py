"""Fixtures for the export tests: the real `coffre` CLI and `coffre-mock-exchange` binaries, a
throw-away vault holding three demo keys, and the running mock exchanges."""

import json
import os
import subprocess
from pathlib import Path

import pytest

PASSWORD = "correct horse battery staple"
# scripts/python-tests.sh names the test build's binary folder; else the checkout's target/.
BIN_DIR = Path(
    os.environ.get("COFFRE_BIN_DIR")
    or Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).resolve().parents[2] / "target")) / "debug"
)
COFFRE = BIN_DIR / "coffre"
MOCK = BIN_DIR / "coffre-mock-exchange"

# Exchange id -> the vault label its demo key gets in these tests.
LABELS = {"binance": "binance-main", "okx": "okx-main", "kucoin": "kucoin-spot"}


def coffre(vault, *args, lines=()):
    """Runs the CLI with the master password (and any further secrets) on stdin."""
    stdin = "\n".join([PASSWORD, *lines]) + "\n"
    return subprocess.run(
        [str(COFFRE), "--vault", str(vault), "--password-stdin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="session")
def all_demo_accounts():
    """Every account the mock serves, as its `--print-accounts` lists them."""
    out = subprocess.run([str(MOCK), "--print-accounts"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="session")
def demo_accounts(all_demo_accounts):
    """The mock's healthy demo account of each exchange, by exchange id."""
    accounts = {}
    for account in all_demo_accounts:
        if "fault" not in account:
            accounts.setdefault(account["exchange"], account)
    return accounts


@pytest.fixture(scope="session")
def mock_exchanges(tmp_path_factory):
    """Starts the mock exchanges; yields their exchange id -> base URL map (their first line) and
    the path of the TLS authority (their second line) that the ``https://`` mocks' certificate
    chains to, written to a file for the clients' ``verify``."""
    proc = subprocess.Popen([str(MOCK)], stdout=subprocess.PIPE, text=True)
    try:
        urls = json.loads(proc.stdout.readline())
        authority = json.loads(proc.stdout.readline())["tls_authority_pem"]
        path = tmp_path_factory.mktemp("mock-tls") / "authority.pem"
        path.write_text(authority)
        yield urls, str(path)
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def mock_urls(mock_exchanges):
    """The exchange id -> base URL map of the running mock exchanges."""
    return mock_exchanges[0]


@pytest.fixture(scope="session")
def mock_authority(mock_exchanges):
    """Path of the PEM certificate to trust for the mocks served over TLS (Coinbase)."""
    return mock_exchanges[1]


@pytest.fixture(scope="session")
def vault(tmp_path_factory, demo_accounts):
    """A vault (cheap KDF) holding the Binance, OKX and KuCoin demo keys."""
    path = tmp_path_factory.mktemp("coffre") / "vault.db"
    coffre(path, "init", "--weak-kdf", "--kdf-mib", "1", "--kdf-passes", "1")
    for exchange, label in LABELS.items():
        account = demo_accounts[exchange]
        secrets = [account["api_key"], account["secret"]]
        if account.get("passphrase"):
            secrets.append(account["passphrase"])
        coffre(path, "add", "--exchange", exchange, "--label", label, lines=secrets)
    return path


def export(vault, label, fmt):
    return coffre(vault, "export", label, "--format", fmt).stdout
