"""A real third-party client pointed at the mock instead of the exchange's host works unchanged:
ccxt's `fetch_balance()` (markets first, then the signed balance call) with each demo key, and the
key-permission endpoint Coffre reads, called through ccxt's own implicit API methods."""

import ccxt
import pytest

from ccxt_mock import config_for, point_at_mock

# Every mocked exchange; Coinbase's mock speaks TLS, since ccxt signs its JWT `uri` from the
# `https://` URL, and ccxt checks the mock's certificate against the mock's own authority.
SERVED = [
    "binance", "okx", "bybit", "kucoin", "gate", "bitget", "kraken", "whitebit", "cryptocom", "coinbase",
]

# Exchange id -> (ccxt implicit method for the endpoint Coffre reads a key's permissions from,
# reader of (read, trade, withdraw) from its raw answer). WhiteBIT and Crypto.com publish no such
# endpoint (the catalog's `reports_permissions = false`), so they are not here.
PERMISSIONS = {
    "binance": (
        "sapi_get_account_apirestrictions",
        lambda r: (r["enableReading"], r["enableSpotAndMarginTrading"], r["enableWithdrawals"]),
    ),
    "okx": (
        "private_get_account_config",
        lambda r: _listed(r["data"][0]["perm"].split(","), "read_only", "trade", "withdraw"),
    ),
    "bybit": (
        "private_get_v5_user_query_api",
        lambda r: (
            True,
            "SpotTrade" in r["result"]["permissions"]["Spot"],
            "Withdraw" in r["result"]["permissions"]["Wallet"],
        ),
    ),
    "kucoin": (
        "private_get_user_api_key",
        lambda r: _listed(r["data"]["permission"].split(","), "General", "Spot", "Transfer"),
    ),
    "gate": (
        "private_account_get_main_keys",
        lambda r: (
            bool(r[0]["perms"]),
            any(p["name"] == "spot" and not p["read_only"] for p in r[0]["perms"]),
            any(p["name"] == "wallet" and not p["read_only"] for p in r[0]["perms"]),
        ),
    ),
    "bitget": (
        "private_spot_get_v2_spot_account_info",
        lambda r: _listed(r["data"]["authorities"], "stor", "stow", "wwow"),
    ),
    "kraken": (
        "private_post_getapikeyinfo",
        lambda r: _listed(r["result"]["permissions"], "query-funds", "modify-trades", "withdraw-funds"),
    ),
    "coinbase": (
        "v3_private_get_brokerage_key_permissions",
        lambda r: (r["can_view"], r["can_trade"], r["can_transfer"]),
    ),
}

# What the mock grants a key whose account names no permissions (MockPermissions::default).
DEFAULT_PERMISSIONS = {"read": True, "spot_trade": True, "withdraw": False}


def _listed(names, read, trade, withdraw):
    return (read in names, trade in names, withdraw in names)


def client_for(account, base, authority):
    credentials = {"apiKey": account["api_key"], "secret": account["secret"]}
    if account.get("passphrase"):
        credentials["password"] = account["passphrase"]
    exchange = getattr(ccxt, account["exchange"])(config_for(account["exchange"], credentials))
    return point_at_mock(exchange, base, authority)


def expected_permissions(account):
    granted = {**DEFAULT_PERMISSIONS, **(account.get("permissions") or {})}
    return (granted["read"], granted["spot_trade"], granted["withdraw"])


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_fetch_balance_returns_the_mock_balances(demo_accounts, mock_urls, mock_authority, exchange):
    account = demo_accounts[exchange]
    balance = client_for(account, mock_urls[exchange], mock_authority).fetch_balance()
    rows = account.get("balances")
    assert rows, "demo account should carry balances to compare"
    for row in rows:
        assert balance[row["asset"]]["free"] == pytest.approx(float(row["free"])), row["asset"]


@pytest.mark.parametrize("exchange", sorted(PERMISSIONS))
def test_ccxt_reads_the_key_permissions_coffre_reads(demo_accounts, mock_urls, mock_authority, exchange):
    account = demo_accounts[exchange]
    method, read = PERMISSIONS[exchange]
    answer = getattr(client_for(account, mock_urls[exchange], mock_authority), method)()
    assert read(answer) == expected_permissions(account), answer


def test_ccxt_sees_withdrawals_enabled_on_the_key_that_has_them(all_demo_accounts, mock_urls, mock_authority):
    account = next(a for a in all_demo_accounts if a.get("label") == "Binance withdrawals on")
    answer = client_for(account, mock_urls["binance"], mock_authority).sapi_get_account_apirestrictions()
    assert answer["enableWithdrawals"] is True
    assert PERMISSIONS["binance"][1](answer) == expected_permissions(account)


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_with_a_wrong_secret_is_refused_as_an_authentication_error(
    demo_accounts, mock_urls, mock_authority, exchange
):
    account = dict(demo_accounts[exchange])
    secret = account["secret"]
    if exchange == "coinbase":
        # A PEM keeps its shape only with another key inside: a fresh one in Coinbase's format.
        account["secret"] = _other_ec_key(secret)
    else:
        # Same shape and alphabet, different bytes: only the signature check can tell.
        assert secret[0] != secret[1]
        account["secret"] = secret[1] + secret[0] + secret[2:]
    # ccxt turns each served exchange's signature refusal into AuthenticationError, except Kraken's
    # "EAPI:Invalid signature" and Coinbase's "UNAUTHENTICATED" (a 401 whose JSON ccxt's error
    # table does not list), which it leaves a plain ExchangeError.
    plain = {"kraken": "EAPI:Invalid signature", "coinbase": '"error":"UNAUTHENTICATED"'}
    expected = ccxt.ExchangeError if exchange in plain else ccxt.AuthenticationError
    with pytest.raises(expected) as refused:
        client_for(account, mock_urls[exchange], mock_authority).fetch_balance()
    if exchange in plain:
        assert plain[exchange] in str(refused.value)


def _other_ec_key(pem):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    other = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()
    assert other != pem and other.startswith("-----BEGIN EC PRIVATE KEY-----")
    return other


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_markets_come_from_the_mock(demo_accounts, mock_urls, mock_authority, exchange):
    markets = client_for(demo_accounts[exchange], mock_urls[exchange], mock_authority).load_markets()
    assert {"BTC/USDT", "ETH/USDT"} <= set(markets)


def test_the_coinbase_mock_is_refused_without_its_authority(demo_accounts, mock_urls):
    """The TLS is real: a client that trusts only the usual roots does not reach the mock."""
    assert mock_urls["coinbase"].startswith("https://127.0.0.1:")
    with pytest.raises(ccxt.NetworkError):
        client_for(demo_accounts["coinbase"], mock_urls["coinbase"], None).fetch_balance()
