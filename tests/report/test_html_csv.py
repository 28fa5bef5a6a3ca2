"""`callcoach report --format html|csv` on both databases: right sessions, right numbers,
a self-contained HTML file, an Excel-ready CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.store import open_store
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


def day(n: int) -> datetime:
    return datetime(2026, 11, n, 9, tzinfo=UTC)


def populate(cli: Cli, url: str) -> None:
    assert cli("trainee", "add", "佐藤", "--team", "東京") == 0
    assert cli("trainee", "add", "kim", "--team", "東京") == 0
    assert cli("trainee", "add", "lee", "--team", "大阪") == 0
    with open_store(url) as store:
        finished_run(store, "佐藤", "mini-drill", [55], day(1))
        finished_run(store, "佐藤", "mini-drill", [65], day(2))
        finished_run(store, "佐藤", "mini-drill", [85], day(3))
        finished_run(store, "kim", "mini-drill", [72], day(2))
        finished_run(store, "lee", "mini-drill", [40], day(2))


def test_html_report_of_a_team(
    cli: Cli, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli, db_url)
    out = tmp_path / "team.html"
    assert cli("report", "--team", "東京", "--format", "html", "--out", str(out)) == 0
    assert f"{out}: 4 sessions, 2 trainees" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "CallCoach report — team 東京" in html
    assert re.findall(r'data-trainee="([^"]+)"', html) == ["kim", "佐藤"]
    assert "lee" not in html  # another team
    assert html.count("<svg") == 4  # total + dimensions, per trainee
    sato = html[html.index('data-trainee="佐藤"') :]
    total_line = re.search(r'data-series="total"[^>]*points="([^"]+)"', sato)
    assert total_line is not None and len(total_line.group(1).split()) == 3
    assert "empathy: 90" in sato and "pacing: 60" in sato  # dimension points, 85 ± 5
    assert "秘密の話" not in html  # transcripts never go into a report
    # Self-contained: nothing fetched, no scripts.
    assert not re.search(
        r"<script|<link|@import|url\(|src=|https?://(?!www\.w3\.org/2000/svg)", html
    )


def test_csv_report_is_excel_ready(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli, db_url)
    capsys.readouterr()
    assert cli("report", "--trainee", "佐藤", "--format", "csv") == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeff")  # BOM: Excel reads the Japanese as UTF-8
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["trainee"], r["total"], r["passed"]) for r in rows] == [
        ("佐藤", "55", "no"),
        ("佐藤", "65", "no"),
        ("佐藤", "85", "yes"),
    ]
    assert rows[0]["scenario_title"] == "s0 の件"
    assert (rows[2]["empathy"], rows[2]["pacing"]) == ("90", "80")
    assert rows[0]["date"].startswith("2026-11-01T09:00:00")


def test_csv_cells_cannot_become_formulas(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_url) as store:
        finished_run(store, "=HYPERLINK(1)", "a", [50], day(1))
    capsys.readouterr()
    assert cli("report", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out[1:])))
    assert rows[0]["trainee"] == "'=HYPERLINK(1)"


def test_an_empty_report_says_so(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("report", "--trainee", "nobody") == 0
    assert "No scored sessions match this report." in capsys.readouterr().out


def test_set_report_takes_the_sets_scenarios(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli, db_url)  # scenarios s0…: not in mini-drill
    capsys.readouterr()
    assert cli("report", "--set", "mini-drill", "--format", "csv") == 0
    assert capsys.readouterr().out.count("\r\n") == 1  # the header only
