"""psycopg2 is imported without Python's ssl module (half its import time), and ssl stays importable after."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("psycopg2", reason='needs psycopg2: pip install -e ".[postgres]"')


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_driver_loads_without_ssl_and_ssl_imports_as_usual_afterwards() -> None:
    out = run(
        "import sys\n"
        "from hedong_cli.journal.postgres import _psycopg2\n"
        "driver = _psycopg2()\n"
        "print('ssl' in sys.modules, 'ssl' in sys.modules and sys.modules['ssl'] is None)\n"
        "import ssl\n"
        "print(ssl.OPENSSL_VERSION.startswith('OpenSSL'), driver.extensions.parse_dsn('dbname=x')['dbname'])\n"
    )
    assert out.splitlines() == ["False False", "True x"]


def test_an_ssl_module_already_loaded_is_left_as_it_is() -> None:
    out = run(
        "import ssl, sys\n"
        "from hedong_cli.journal.postgres import _psycopg2\n"
        "_psycopg2()\n"
        "print(sys.modules['ssl'] is ssl)\n"
    )
    assert out == "True"
