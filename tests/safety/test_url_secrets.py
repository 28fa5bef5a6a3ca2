"""A password in the URL query (?password=…, ?sslpassword=…) is masked like the
``user:pass@`` form, in every error message and in `doctor`; passfile (a path) shows."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.store.urls import mask_text, masked, parse_url, scrub

SECRET = "Qz7-query-secret"
SSL_SECRET = "Kp4-ssl-secret"
# Nothing listens on port 9 of localhost: every command fails to connect.
IN_QUERY = (
    f"postgresql://127.0.0.1:9/callcoach?user=coach&password={SECRET}"
    f"&sslpassword={SSL_SECRET}&passfile=/home/coach/.pgpass"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("x://h/db?password=abc", "x://h/db?password=***"),
        ("x://h/db?user=a&PASSWORD=abc&port=1", "x://h/db?user=a&PASSWORD=***&port=1"),
        ("x://h/db?sslpassword=abc", "x://h/db?sslpassword=***"),
        ("x://u:pw@h/db?password=abc", "x://u:***@h/db?password=***"),
        ("host=h password='a b c' dbname=d", "host=h password=*** dbname=d"),
        ("x://h/db?passfile=/p/.pgpass", "x://h/db?passfile=/p/.pgpass"),
        ("x://h/db?mypassword_hint=1", "x://h/db?mypassword_hint=1"),
    ],
)
def test_mask_text(text: str, shown: str) -> None:
    assert mask_text(text) == shown


def test_masked_and_scrub_hide_query_passwords() -> None:
    url = parse_url(IN_QUERY)
    where = masked(url)
    assert SECRET not in where and SSL_SECRET not in where
    assert "passfile=%2Fhome%2Fcoach%2F.pgpass" in where
    said = scrub(f"auth failed for {SECRET} /\n {SSL_SECRET}", url)
    assert said == "auth failed for *** / ***"


@pytest.mark.parametrize(
    "argv",
    [["history"], ["trainee", "list"], ["report"], ["play", "last"], ["doctor"]],
    ids=lambda a: a[0],
)
def test_no_command_prints_a_query_password(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", IN_QUERY, *argv])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "127.0.0.1" in printed
    assert SECRET not in printed and SSL_SECRET not in printed


def test_a_bad_url_with_a_query_password_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", f"mysql://h/db?password={SECRET}", "history"]) == 1
    err = capsys.readouterr().err
    assert "password=***" in err and SECRET not in err
