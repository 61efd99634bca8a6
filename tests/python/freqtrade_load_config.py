"""Loads Freqtrade configuration files through Freqtrade's own configuration code
(``Configuration.from_files``, which layers the ``FREQTRADE__*`` environment variables over
them, as ``freqtrade trade -c FILE`` does) and prints the resulting ``exchange`` credentials as
SHA-256 digests (the name in clear), so the caller can compare without a secret on screen.

Usage: ``python freqtrade_load_config.py -c CONFIG [-c CONFIG…]`` (Freqtrade's own flag) with
Freqtrade installed.
"""

import argparse
import hashlib
import json
import logging
import sys

from freqtrade.configuration import Configuration


def digest(value):
    return hashlib.sha256(str(value).encode()).hexdigest() if value is not None else None


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", action="append", required=True)
    files = parser.parse_args(argv).config
    logging.disable(logging.CRITICAL)  # Freqtrade logs every step it takes
    exchange = Configuration.from_files(files)["exchange"]
    print(
        json.dumps(
            {
                "name": exchange.get("name"),
                "key": digest(exchange.get("key")),
                "secret": digest(exchange.get("secret")),
                "password": digest(exchange.get("password")),
                "types": {k: type(exchange.get(k)).__name__ for k in ("key", "secret", "password")},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
