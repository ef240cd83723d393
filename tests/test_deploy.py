"""What runs on a schedule is shipped to run: every command the README says to run from
cron (or hourly, or daily) has a systemd service and timer in deploy/ and a line in
deploy/crontab.example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
#: A row of the README's command table: | `command [options]` | what it does |
ROW = re.compile(r"^\| `([a-z-]+)[^`]*` \| (.*) \|$")
SCHEDULED = re.compile(r"from cron|run it (hourly|daily)")


def scheduled_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = (ROW.match(line) for line in readme.splitlines())
    return [row[1] for row in rows if row and SCHEDULED.search(row[2])]


def test_the_readme_names_the_scheduled_commands():
    assert {"send-reminders", "confirm-or-release", "record-no-shows", "purge"} <= set(
        scheduled_commands()
    )


@pytest.mark.parametrize("command", scheduled_commands())
def test_a_scheduled_command_has_its_service_timer_and_crontab_line(command):
    started_by = [
        service
        for service in DEPLOY.glob("*.service")
        if re.search(
            rf"^ExecStart=.* {re.escape(command)}$",
            service.read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    ]
    assert len(started_by) == 1, f"no systemd service runs {command}"
    service = started_by[0]
    timer = service.with_suffix(".timer")
    assert timer.exists(), f"{service.name} has no timer"
    assert "OnCalendar=" in timer.read_text(encoding="utf-8")
    crontab = (DEPLOY / "crontab.example").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(f" {command}") and not line.startswith("#") for line in crontab)
