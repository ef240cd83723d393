"""The suite runs in throwaway instance folders and leaves the developer's instance/ alone."""

from __future__ import annotations

import os

from business_corner import create_app
from tests.support import instance_guard


def test_the_app_uses_the_instance_folder_it_is_given(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "given")})
    assert app.instance_path == str(tmp_path / "given")
    assert (tmp_path / "given" / "secret_key").exists()  # the key is made there, not in ours


def test_the_environment_names_the_instance_folder_of_servers_and_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("BUSINESS_CORNER_INSTANCE_PATH", str(tmp_path / "from-env"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "from-env")
    assert app.config["DATABASE_URL"].endswith(
        str(tmp_path / "from-env" / "business_corner.sqlite3")
    )


def test_the_suite_itself_runs_outside_the_real_instance_folder():
    assert os.environ["BUSINESS_CORNER_INSTANCE_PATH"] != str(instance_guard.REAL_INSTANCE)


def test_the_whole_suite_left_the_real_instance_folder_unchanged():
    """Runs last (see conftest): the secret key, demo logins, mail… are as they were."""
    assert instance_guard.snapshot() == instance_guard.AT_START
