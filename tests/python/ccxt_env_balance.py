"""A ccxt script that takes its keys from the environment the way ccxt's own command line does
(ccxt cli/ts/helpers.ts: for each credential the exchange requires, the variable
``(exchangeId + '_' + credential).upper()``, e.g. ``OKX_APIKEY``, ``OKX_SECRET``, ``OKX_PASSWORD``),
then prints each exchange's free balances as JSON.

Usage: ``python ccxt_env_balance.py EXCHANGE=BASE_URL...`` (the mock exchange's URL per exchange).
Exits 2, naming the missing variables, when the environment lacks a credential: run it under
``coffre run LABEL --for ccxt -- python ccxt_env_balance.py …``.
"""

import json
import os
import sys

import ccxt

from ccxt_mock import config_for, point_at_mock


def credentials_from_env(exchange):
    """Sets every required credential from its variable; returns the names of those missing."""
    missing = []
    for credential, required in exchange.requiredCredentials.items():
        if not required:
            continue
        name = (exchange.id + "_" + credential).upper()
        value = os.environ.get(name)
        if value:
            setattr(exchange, credential, value)
        else:
            missing.append(name)
    return missing


def main(argv):
    balances, missing = {}, []
    for arg in argv:
        exchange_id, base = arg.split("=", 1)
        exchange = getattr(ccxt, exchange_id)(config_for(exchange_id, {}))
        lacking = credentials_from_env(exchange)
        if lacking:
            missing.extend(lacking)
            continue
        balance = point_at_mock(exchange, base).fetch_balance()
        balances[exchange_id] = balance["free"]
    if missing:
        print(
            "missing credentials: " + ", ".join(missing) + " (start this script with "
            "`coffre run LABEL --for ccxt -- python ccxt_env_balance.py …`)",
            file=sys.stderr,
        )
        return 2
    print(json.dumps(balances, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
