"""A real third-party client pointed at the mock instead of the exchange's host works unchanged:
ccxt's `fetch_balance()` (markets first, then the signed balance call) with each demo key."""

import ccxt
import pytest

from ccxt_mock import config_for, point_at_mock

# The exchanges whose ccxt balance path the mock serves end to end.
SERVED = ["binance", "okx", "bybit", "kucoin", "gate", "bitget", "kraken", "whitebit", "cryptocom"]
# Not Coinbase: ccxt puts "GET http://127.0.0.1:PORT/..." in the JWT `uri` claim (it strips only
# "https://"), which Coinbase and so the mock refuse; that needs TLS on the mock.


def client_for(account, base):
    credentials = {"apiKey": account["api_key"], "secret": account["secret"]}
    if account.get("passphrase"):
        credentials["password"] = account["passphrase"]
    exchange = getattr(ccxt, account["exchange"])(config_for(account["exchange"], credentials))
    return point_at_mock(exchange, base)


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_fetch_balance_returns_the_mock_balances(demo_accounts, mock_urls, exchange):
    account = demo_accounts[exchange]
    balance = client_for(account, mock_urls[exchange]).fetch_balance()
    rows = account.get("balances")
    assert rows, "demo account should carry balances to compare"
    for row in rows:
        assert balance[row["asset"]]["free"] == pytest.approx(float(row["free"])), row["asset"]


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_with_a_wrong_secret_is_refused_as_an_authentication_error(
    demo_accounts, mock_urls, exchange
):
    account = dict(demo_accounts[exchange])
    # Same shape and alphabet, different bytes: only the signature check can tell.
    secret = account["secret"]
    assert secret[0] != secret[1]
    account["secret"] = secret[1] + secret[0] + secret[2:]
    # ccxt turns each served exchange's signature refusal into AuthenticationError, except Kraken's
    # "EAPI:Invalid signature", which its error table leaves a plain ExchangeError.
    expected = ccxt.ExchangeError if exchange == "kraken" else ccxt.AuthenticationError
    with pytest.raises(expected) as refused:
        client_for(account, mock_urls[exchange]).fetch_balance()
    if exchange == "kraken":
        assert "EAPI:Invalid signature" in str(refused.value)


@pytest.mark.parametrize("exchange", SERVED)
def test_ccxt_markets_come_from_the_mock(demo_accounts, mock_urls, exchange):
    markets = client_for(demo_accounts[exchange], mock_urls[exchange]).load_markets()
    assert {"BTC/USDT", "ETH/USDT"} <= set(markets)

