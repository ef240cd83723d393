"""The application factory and its configuration."""

from __future__ import annotations

import stat

from business_corner.config import load_secret_key, settings_from_environment, sqlalchemy_url


def test_test_config_is_used(app):
    assert app.testing and app.config["SECRET_KEY"] == "test secret key"


def test_environment_variables_are_parsed():
    settings = settings_from_environment(
        {
            "DATABASE_URL": "postgresql://db/bc",
            "MAIL_PORT": "2525",
            "MAIL_USE_TLS": "true",
            "SECRET_KEY": "",
            "UNRELATED": "x",
        }
    )
    assert settings == {
        "DATABASE_URL": "postgresql://db/bc",
        "MAIL_PORT": 2525,
        "MAIL_USE_TLS": True,
    }


def test_postgresql_urls_use_psycopg_3():
    assert sqlalchemy_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlalchemy_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert sqlalchemy_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = load_secret_key(str(tmp_path))
    assert len(first) == 64 and load_secret_key(str(tmp_path)) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_without_a_secret_key_the_instance_key_is_used(make_app):
    app = make_app(SECRET_KEY=None)
    assert app.config["SECRET_KEY"] == load_secret_key(app.instance_path)
