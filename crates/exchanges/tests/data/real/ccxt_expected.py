"""Writes `<reply>.ccxt.json` beside every `balance*.reply.json`: what ccxt's own fetchBalance
returns for that reply (free and used per asset, as decimal strings), so the Rust test compares
Coffre's reading with ccxt's without needing Python. Run with the project's venv:
    ~/.cache/coffre-venv/bin/python crates/exchanges/tests/data/real/ccxt_expected.py
Offline: ccxt's HTTP layer is replaced by the recorded reply."""
import json
import pathlib
import ccxt

HERE = pathlib.Path(__file__).parent
CREDENTIALS = {"apiKey": "key", "secret": "c2VjcmV0", "password": "passphrase", "uid": "1"}
# What the Coffre client asks for, in ccxt's terms.
PARAMS = {"bybit": {"type": "unified"}, "coinbase": {"v3": True}, "bitget": {"uta": False, "type": "spot"}}
OPTIONS = {
    "bybit": {"enableUnifiedAccount": True, "enableUnifiedMargin": False},
    "okx": {"fetchBalance": {"type": "trading"}},
}


def parse(exchange_id, reply):
    exchange = getattr(ccxt, exchange_id)(dict(CREDENTIALS, options=OPTIONS.get(exchange_id, {})))
    exchange.number = str  # amounts as ccxt's decimal strings, never floats
    exchange.markets = {}
    exchange.markets_by_id = {}
    exchange.currencies = {}
    exchange.load_markets = lambda *args, **kwargs: {}
    exchange.fetch = lambda *args, **kwargs: reply
    balance = exchange.fetch_balance(PARAMS.get(exchange_id, {}))
    codes = sorted(k for k in balance if k not in ("info", "free", "used", "total", "timestamp", "datetime", "debt"))
    ids = {exchange.safe_currency_code(i): i for i in reply_ids(exchange_id, reply)}
    return [
        {"id": ids.get(code, code), "code": code, "free": number(balance[code]["free"]), "used": number(balance[code]["used"])}
        for code in codes
    ]


def reply_ids(exchange_id, reply):
    """The exchange's own asset ids in the reply (ccxt renames some: XXBT -> BTC)."""
    if exchange_id in ("kraken",):
        return list(reply["result"])
    if exchange_id == "whitebit":
        return list(reply)
    return []


def number(value):
    return None if value is None else str(value)


for path in sorted(HERE.glob("*/balance*.reply.json")):
    reply = json.loads(path.read_text())
    expected = {"ccxt_version": ccxt.__version__, "balances": parse(path.parent.name, reply)}
    out = path.with_name(path.name.replace(".reply.json", ".ccxt.json"))
    out.write_text(json.dumps(expected, indent=2) + "\n")
    print(out.relative_to(HERE), expected["balances"])
