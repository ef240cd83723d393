"""The instance folder at start-up: refused when it cannot be written, loud when the secret
key is created next to data signed with an older one."""

from __future__ import annotations

import logging
import shutil

import pytest

from business_corner.config import StartupError, load_secret_key
from tests.support.instance import INSTANCE, private_mounts_available, start_on

needs_mounts = pytest.mark.skipif(
    not private_mounts_available(), reason="no private mount namespace (unshare -rm)"
)


@pytest.fixture
def instance_folder(tmp_path, sqlite_template):
    """An instance folder in use: its database and its key."""
    folder = tmp_path / "instance"
    folder.mkdir()
    shutil.copyfile(sqlite_template, folder / "business_corner.sqlite3")
    load_secret_key(str(folder))
    return folder


@needs_mounts
def test_a_read_only_instance_folder_is_refused_at_start_up(instance_folder):
    started = start_on(instance_folder, read_only=True)
    assert started.returncode != 0 and "started" not in started.stdout
    assert "Business corner cannot start" in started.stderr
    assert f"{INSTANCE} cannot be written (Read-only file system)" in started.stderr
    assert "business_corner.sqlite3" in started.stderr and "writable" in started.stderr


@needs_mounts
def test_the_same_folder_writable_starts_quietly(instance_folder):
    started = start_on(instance_folder, read_only=False)
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout and "SECRET KEY" not in started.stderr


@needs_mounts
def test_a_lost_secret_key_next_to_a_database_is_warned_about(instance_folder):
    (instance_folder / "secret_key").unlink()
    started = start_on(instance_folder, read_only=False)
    assert started.returncode == 0, started.stderr
    assert "A NEW SECRET KEY has been written to" in started.stderr
    assert "NO LONGER WORKS" in started.stderr and "SECRET_KEY" in started.stderr


@needs_mounts
def test_a_first_start_creates_its_key_without_alarm(tmp_path):
    started = start_on(tmp_path, read_only=False)
    assert started.returncode == 0, started.stderr
    assert "SECRET KEY" not in started.stderr and (tmp_path / "secret_key").exists()


def test_a_file_where_the_mail_folder_should_be_is_refused(make_app, tmp_path):
    (tmp_path / "mail-here").write_text("not a folder")
    with pytest.raises(StartupError, match=r"mail-here cannot be written .*mail files in"):
        make_app(MAIL_BACKEND="file", MAIL_FILE_DIR=str(tmp_path / "mail-here" / "mail"))


def test_the_key_is_warned_about_only_by_the_process_that_creates_it(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="business_corner.config"):
        load_secret_key(str(tmp_path), existing_data="the database x already exists")
        load_secret_key(str(tmp_path), existing_data="the database x already exists")
    warnings = [r for r in caplog.records if "NEW SECRET KEY" in r.getMessage()]
    assert len(warnings) == 1 and str(tmp_path / "secret_key") in warnings[0].getMessage()
