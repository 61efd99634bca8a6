"""Points ccxt exchange objects at the Coffre mock exchanges.

ccxt keeps one base URL per endpoint group in ``exchange.urls['api']``; the mock serves every
exchange's documented paths on ``http://127.0.0.1:PORT`` (``https://`` for Coinbase, whose JWT
names the URL ccxt strips of ``https://``), so each group becomes the mock's base plus the path
prefix the real host uses for that group.
"""

# Exchange id -> {ccxt endpoint group: path prefix on the real host}. Nested groups (Gate,
# WhiteBIT) are written as nested dicts, exactly as ccxt keeps them.
API_GROUPS = {
    "binance": {
        "public": "/api/v3",
        "private": "/api/v3",
        "v1": "/api/v1",
        "sapi": "/sapi/v1",
        "sapiV2": "/sapi/v2",
        "sapiV3": "/sapi/v3",
        "sapiV4": "/sapi/v4",
    },
    "okx": {"rest": ""},
    "bybit": {"spot": "", "futures": "", "v2": "", "public": "", "private": ""},
    "kucoin": {"public": "", "private": "", "uta": "", "utaPrivate": ""},
    "gate": {
        "private": {
            "spot": "/api/v4",
            "wallet": "/api/v4",
            "account": "/api/v4",
            "unified": "/api/v4",
        },
        "public": {"spot": "/api/v4", "margin": "/api/v4", "wallet": "/api/v4"},
    },
    "bitget": {"spot": "", "common": "", "user": "", "margin": "", "mix": ""},
    "kraken": {"public": "", "private": ""},
    "whitebit": {
        "v1": {"public": "/api/v1/public", "private": "/api/v1"},
        "v2": {"public": "/api/v2/public"},
        "v4": {"public": "/api/v4/public", "private": "/api/v4"},
    },
    "cryptocom": {"base": "", "v1": "/exchange/v1", "v2": "/v2"},
    "coinbase": {"rest": ""},
}

# Options that keep ccxt to the spot endpoints the mock serves; without them ccxt also loads
# futures/margin markets, which a read-only key check never needs.
OPTIONS = {
    "binance": {"fetchMarkets": {"types": ["spot"]}, "fetchMargins": False},
    "okx": {"fetchMarkets": {"types": ["spot"]}},
    # A unified trading account, said up front so ccxt does not probe /v5/account/info.
    "bybit": {
        "fetchMarkets": {"types": ["spot"]},
        "enableUnifiedAccount": True,
        "enableUnifiedMargin": False,
    },
    # Classic (non-unified) accounts: no account-mode probe before the balance call.
    "kucoin": {
        "uta": False,
        "hf": False,
        "fetchMarkets": {"types": ["spot"], "fetchTickersFees": False},
    },
    "gate": {"fetchMarkets": {"types": ["spot"]}, "unifiedAccount": False},
    "bitget": {"fetchMarkets": {"types": ["spot"]}},
    # Advanced Trade's /api/v3/brokerage/accounts (what Coffre reads), not the Coinbase App's v2.
    "coinbase": {"fetchBalance": "v3PrivateGetBrokerageAccounts"},
}
COMMON_OPTIONS = {"adjustForTimeDifference": False, "warnOnFetchOpenOrdersWithoutSymbol": False}


def _rebase(current, groups, base):
    """``current`` with each group in ``groups`` sent to ``base`` (nested groups merged, not replaced)."""
    merged = dict(current)
    for name, prefix in groups.items():
        if isinstance(prefix, dict):
            merged[name] = _rebase(current.get(name, {}), prefix, base)
        else:
            merged[name] = base + prefix
    return merged


def point_at_mock(exchange, base, authority=None):
    """Sends every endpoint group of ``exchange`` (a ccxt object) to the mock at ``base``; with
    ``authority`` (a PEM file), its TLS certificate is checked against that authority."""
    exchange.urls["api"] = _rebase(exchange.urls["api"], API_GROUPS[exchange.id], base)
    if authority is not None:
        # ccxt hands requests ``verify=exchange.verify and exchange.validateServerSsl``: the CA
        # path in the second place is what requests verifies against (still verifying).
        exchange.session.verify = authority
        exchange.validateServerSsl = authority
    # Currency lists (networks, fees, deposit state) are not part of a balance check.
    exchange.has["fetchCurrencies"] = False
    return exchange


def config_for(exchange_id, credentials):
    """A ccxt constructor config: the exported credentials plus the options the mock needs."""
    options = dict(COMMON_OPTIONS)
    options.update(OPTIONS.get(exchange_id, {}))
    return {**credentials, "options": options, "enableRateLimit": False, "timeout": 10000}
