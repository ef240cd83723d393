"""Every process reads the site's address from one place, and none guesses it."""

from __future__ import annotations

from business_corner import create_app
from business_corner.config import settings_from_instance_files
from business_corner.links import PUBLIC_URL_FILE


def test_the_address_make_run_writes_is_what_every_process_reads(tmp_path):
    (tmp_path / PUBLIC_URL_FILE).write_text("http://127.0.0.1:5123\n", encoding="utf-8")
    assert settings_from_instance_files(str(tmp_path)) == {"PUBLIC_URL": "http://127.0.0.1:5123"}
    assert settings_from_instance_files(str(tmp_path / "elsewhere")) == {}


def test_sending_mail_without_an_address_says_so_instead_of_guessing(app_settings):
    app = create_app({**app_settings, "PUBLIC_URL": None})
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code != 0
    assert "PUBLIC_URL is not configured" in result.output


def test_the_test_message_goes_to_an_address_without_a_registration(runner, app, tmp_path):
    result = runner.invoke(args=["send-test-mail", "someone@example.com", "--language", "en"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["send-mail"])
    assert "sent 1" in result.output
    (eml,) = (tmp_path / "mail").glob("*.eml")
    raw = eml.read_bytes()
    assert b"To: someone@example.com" in raw and b"Subject: Business corner: mail check" in raw
    assert b"https://business-corner.test" in raw
