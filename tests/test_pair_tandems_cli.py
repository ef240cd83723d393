"""pair-tandems: tandem pairs from a members' sheet, as organisers keep one."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MEMBERS = """name,chapter,english_level,french_level,sector,offers,seeks,hours
Ana Martin,marseille,B1,,agrifood,"agrifood;Commerce & distribution",trade,\
"mon-thu 17:00-19:30; fri 08:00-10:00"
Ben Cohen,los-angeles,C2,A2,trade,trade,agrifood,
Chloé Petit,Marseille,A2,,Santé & action sociale,,digital,
David Roux,Los Angeles,C1,,digital,digital,health,mon-fri 08:00-10:00
Eva Blanc,marseille,B2,,tourism,,,sat 10:00-12:00
"""


@pytest.fixture
def sheet(tmp_path):
    def write(text: str, name: str = "members.csv", encoding: str = "utf-8-sig") -> str:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


@pytest.fixture
def chapters(marseille, los_angeles):
    return marseille, los_angeles


def pair(runner, *args):
    return runner.invoke(args=["pair-tandems", *args])


def test_a_readable_list_with_both_clocks(runner, sheet, chapters):
    result = pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--days", "14")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Pairs: 2 (round of 14 days from 2027-03-08)\n")
    assert "  Ana Martin (Marseille) ⇄ Ben Cohen (Los Angeles)\n" in result.output
    assert "Marseille = " in result.output and "Los Angeles (" in result.output
    assert "both practise a language: half the time in English, half in French" in result.output
    assert (
        "Unpaired: 1\n  Eva Blanc (Marseille): no one in Los Angeles is free at the same time"
        in (result.output)
    )


def test_json_with_utc_starts_and_why(runner, sheet, chapters):
    result = pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--days", "14", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {(p["a"], p["b"]) for p in data["pairs"]} == {
        ("Ana Martin", "Ben Cohen"),
        ("Chloé Petit", "David Roux"),
    }
    for item in data["pairs"]:
        assert item["minutes"] == 30 and item["why"]
        starts = datetime.fromisoformat(item["starts_at"].replace("Z", "+00:00"))
        assert item["starts_at"].endswith("Z")
        la = starts.astimezone(ZoneInfo("America/Los_Angeles"))
        assert 8 <= la.hour < 10 or item["b"] == "Ben Cohen"
    ana = next(p for p in data["pairs"] if p["a"] == "Ana Martin")
    assert ana["why"].startswith("Ana seeks Trade & retail, which Ben offers")
    assert data["unpaired"] == [
        {"name": "Eva Blanc", "why": "no one in Los Angeles is free at the same time"}
    ]
    # The same seed, the same pairs and times.
    again = pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--days", "14", "--json")
    assert json.loads(again.output) == data


def test_history_keeps_pairs_apart(runner, sheet, chapters):
    history = sheet("a,b\nAna Martin,Ben Cohen\nChloé Petit,David Roux\n", "history.csv")
    result = pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--history", history, "--json")
    assert result.exit_code == 0, result.output
    pairs = {(p["a"], p["b"]) for p in json.loads(result.output)["pairs"]}
    assert pairs == {("Ana Martin", "David Roux"), ("Chloé Petit", "Ben Cohen")}


def test_a_french_excel_sheet_with_semicolons(runner, sheet, chapters):
    french = (
        "name;chapter;english_level;french_level;sector;offers;seeks;hours\n"
        "Ana Martin;marseille;B1;;Agriculture & agroalimentaire;"
        '"agrifood;trade";trade;"lun-jeu 17h-19h30; ven 08:00-10:00"\n'
        "Ben Cohen;los-angeles;C2;;trade;trade;agrifood;\n"
    )
    result = pair(runner, sheet(french, encoding="utf-8"), "--from", "2027-03-08", "--json")
    assert result.exit_code == 0, result.output
    assert [(p["a"], p["b"]) for p in json.loads(result.output)["pairs"]] == [
        ("Ana Martin", "Ben Cohen")
    ]


def test_refusals_name_the_line_and_the_value(runner, sheet, chapters):
    bad = (
        "name,chapter,english_level,french_level,sector,offers,seeks,hours\n"
        "Ana,paris,B1,,agrifood,,,\n"
        "Ben,los-angeles,B3,,trade,,,\n"
        "Cleo,marseille,B1,Z9,banking,,,\n"
        'Dan,los-angeles,C1,,trade,"trade;fishing",,\n'
        "Eve,marseille,B1,,trade,,,mon 5pm-7pm\n"
        "Fay,marseille,B1,,trade,,,mon 08:00-08:15\n"
        "Gus,marseille,B1,,trade,,,\n"
        "Gus,marseille,B1,,trade,,,\n"
    )
    result = pair(runner, sheet(bad), "--from", "2027-03-08")
    assert result.exit_code == 1
    output = result.output
    assert "line 2: unknown chapter 'paris'; use los-angeles or marseille" in output
    assert "line 3: level 'B3' is not a CEFR level" in output
    assert "line 4: french_level: level 'Z9' is not a CEFR level" in output
    assert "line 4: unknown sector 'banking'" in output
    assert "line 5: offers: unknown sector 'fishing'" in output
    assert "line 6: Hours 'mon 5pm-7pm' cannot be read: 5pm-7pm is not a time range" in output
    assert "line 7: hours 'mon 08:00-08:15' leave no usable hour" in output
    assert "line 9: Gus is already on line 8" in output
    assert "Pairs" not in output


def test_missing_columns_and_unknown_history_names(runner, sheet, chapters):
    result = pair(runner, sheet("name,level\nAna,B1\n"), "--from", "2027-03-08")
    assert result.exit_code == 1
    assert "line 1: missing column(s) chapter, english_level, sector" in result.output
    history = sheet("a,b\nAna Martin,Zed\n", "history.csv")
    result = pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--history", history)
    assert result.exit_code == 1 and "line 2: 'Zed' is not a name in the members' sheet" in (
        result.output
    )


def test_dates_and_days_are_checked(runner, sheet, chapters):
    assert pair(runner, sheet(MEMBERS), "--from", "8/3/2027").exit_code == 2
    assert pair(runner, sheet(MEMBERS), "--from", "2027-03-08", "--days", "0").exit_code == 2
    assert pair(runner, sheet(MEMBERS)).exit_code == 2
