"""plan-tables: a table plan from the spreadsheet organisers keep."""

from __future__ import annotations

import json

import pytest

ATTENDEES = """name,level,sector,host
Ana Martin,B1,digital,no
Ben Cohen,C2,finance,yes
Chloé Petit,A2,health,no
David Roux,B2,trade,yes
Eva Blanc,B1,tourism,no
Farid Haddad,B2,digital,no
Gina Rossi,B1,consulting,no
"""


@pytest.fixture
def sheet(tmp_path):
    def write(text: str, encoding: str = "utf-8-sig") -> str:
        path = tmp_path / "attendees.csv"
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write


def test_a_readable_plan_with_how_good_it_is(runner, sheet):
    result = runner.invoke(args=["plan-tables", sheet(ATTENDEES), "--tables", "2", "--rounds", "2"])
    assert result.exit_code == 0, result.output
    assert "Round 1\n  Table 1 (4 people)\n" in result.output
    assert "Round 2" in result.output and "Round 3" not in result.output
    assert "Ben Cohen — C2 host, Finance & insurance" in result.output
    assert "Tables without a host: 0 (0)" in result.output
    assert "Repeated meetings: 3 (3)" in result.output
    assert "- With 7 people over 2 rounds at tables this size, some must meet again" in (
        result.output
    )


def test_json_for_other_programs(runner, sheet):
    result = runner.invoke(
        args=[
            "plan-tables",
            sheet(ATTENDEES),
            "--tables",
            "3",
            "--rounds",
            "2",
            "--seed",
            "4",
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [len(round_["tables"]) for round_ in data["rounds"]] == [3, 3]
    names = sorted(name for table in data["rounds"][0]["tables"] for name in table)
    assert names == sorted(line.split(",")[0] for line in ATTENDEES.splitlines()[1:])
    assert data["metrics"]["tables_without_host"] == 2
    reason = next(r for r in data["metrics"]["reasons"] if r["code"] == "not_enough_hosts")
    assert reason["message"] == (
        "Only 2 hosts for 3 tables: some tables have no host in each round."
    )


def test_the_same_seed_prints_the_same_plan(runner, sheet):
    path = sheet(ATTENDEES)
    args = ["plan-tables", path, "--tables", "2", "--seed", "9", "--json"]
    assert runner.invoke(args=args).output == runner.invoke(args=args).output


def test_french_spreadsheets_are_understood(runner, sheet):
    # Semicolons, columns in another order plus one more, labels in French, "oui"/"non".
    text = (
        "Host;Name;Société;Level;Sector\n"
        "oui;Zoé;Calanques SAS;b2;Numérique & informatique\n"
        "non;Yann;Massilia;A2;Santé & action sociale\n"
        ";Xavier;Vieux-Port;C1;Immobilier\n"
    )
    result = runner.invoke(args=["plan-tables", sheet(text), "--tables", "1", "--rounds", "1"])
    assert result.exit_code == 0, result.output
    assert "Zoé — B2 host, Digital & IT" in result.output
    assert "Yann — A2, Health & social care" in result.output
    assert "Xavier — C1, Real estate" in result.output


def test_every_bad_row_is_named_by_its_line_and_no_plan_is_printed(runner, sheet):
    text = (
        "name,level,sector,host\n"
        "Ana,B3,digital,no\n"
        "\n"
        ",B1,banking,maybe\n"
        "Ben,B1,digital,no\n"
        "Ben,C1,health,yes\n"
    )
    result = runner.invoke(args=["plan-tables", sheet(text)])
    assert result.exit_code != 0
    assert "line 2: level 'B3' is not a CEFR level (A1, A2, B1, B2, C1, C2)" in result.output
    assert "line 4: the name is empty" in result.output
    assert "line 4: unknown sector 'banking'" in result.output
    assert "line 4: host must be yes or no, not 'maybe'" in result.output
    assert "line 6: Ben is already on line 5" in result.output
    assert "Round" not in result.output


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("name,level,host\nAna,B1,no\n", "utf-8", "line 1: missing column(s) sector"),
        ("name,level,sector,host\n", "utf-8", "has no attendee rows"),
        (
            "name,level,sector,host\nAna,B1,digital,no\nZoé,B1,digital,no\n",
            "latin-1",
            "line 3: this is not UTF-8 text",
        ),
    ],
)
def test_unusable_sheets_are_refused_plainly(runner, sheet, text, encoding, message):
    result = runner.invoke(args=["plan-tables", sheet(text, encoding)])
    assert result.exit_code != 0 and message in result.output, result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--rounds", "0"], "A table plan needs at least one round."),
        (
            ["--tables", "2", "--seats", "4"],
            "Give either the number of tables or the seats per table, not both.",
        ),
    ],
)
def test_impossible_requests_are_refused_in_english(runner, sheet, options, message):
    result = runner.invoke(args=["plan-tables", sheet(ATTENDEES), *options])
    assert result.exit_code != 0 and message in result.output, result.output


def test_sector_labels_typed_without_accents_are_read(runner, sheet):
    """Older tools export "Numerique & informatique" for "Numérique & informatique"."""
    text = (
        "name,level,sector,host\n"
        "Ana,B1,Numerique & informatique,no\n"
        "Ben,C1,SANTE & ACTION SOCIALE,yes\n"
        "Chloé,B2,Sante & action sociale,no\n"
    )
    result = runner.invoke(args=["plan-tables", sheet(text), "--json"])
    assert result.exit_code == 0, result.output


def test_a_refused_sector_lists_the_labels_of_both_languages(runner, sheet):
    result = runner.invoke(
        args=["plan-tables", sheet("name,level,sector,host\nAna,B1,banking,no\n")]
    )
    assert result.exit_code != 0
    assert "line 2: unknown sector 'banking'" in result.output
    assert "health (Health & social care / Santé & action sociale)" in result.output
    assert "digital (Digital & IT / Numérique & informatique)" in result.output
