"""Business corner: English-practice networking sessions for entrepreneurs, in two cities."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from business_corner import (
    after_commit,
    form_expiry,
    i18n,
    page_cache,
    request_guards,
    templating,
)
from business_corner.config import (
    INSTANCE_PATH_VARIABLE,
    PROJECT_ROOT,
    check_writable,
    default_settings,
    engine_options,
    existing_data,
    limiter_storage_options,
    load_secret_key,
    settings_from_environment,
    settings_from_instance_files,
    sqlalchemy_url,
)
from business_corner.database import prepare_engine
from business_corner.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, commands.

    The instance folder (configuration, secret key, SQLite database, mail files) is
    ``instance/`` next to the code, unless ``INSTANCE_PATH`` in ``test_config`` or the
    ``BUSINESS_CORNER_INSTANCE_PATH`` environment variable names another one.
    """
    app = Flask(__name__, instance_path=_instance_path(test_config), instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)

    app.config.from_mapping(default_settings(app.instance_path))
    if test_config is None:
        app.config.from_mapping(settings_from_instance_files(app.instance_path))
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_mapping(settings_from_environment(os.environ))
    else:
        app.config.from_mapping(test_config)
    database_url = sqlalchemy_url(app.config["DATABASE_URL"])
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(database_url, int(app.config["DATABASE_CONNECT_TIMEOUT_SECONDS"])),
    )
    check_writable(app.instance_path, app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(
            app.instance_path, existing_data=existing_data(database_url)
        )
    if not app.config.get("PUBLIC_URL") and test_config is None:
        logging.getLogger(__name__).warning(
            "PUBLIC_URL is not set: pages that link outside the site (feeds, calendar files) "
            "will fail and no mail can be composed; set it, or use make run"
        )
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = str(app.config["PUBLIC_URL"] or "").startswith(
            "https://"
        )
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])

    request_guards.init_app(app)
    _init_extensions(app)
    _register_blueprints(app)
    if app.config["PROXY_FIX_HOPS"]:
        # Behind a reverse proxy: trust its X-Forwarded-For/-Proto (so rate limits count the
        # visitor, not the proxy, and HTTPS is recognised). Never set this on a server that
        # faces the internet directly: anyone could then claim any address.
        hops = int(app.config["PROXY_FIX_HOPS"])
        # Wrapping wsgi_app is how Flask and Werkzeug document installing a middleware;
        # mypy sees a method being replaced.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # the documented way
            app.wsgi_app, x_for=hops, x_proto=hops
        )

    from business_corner import errors, logging_privacy, security
    from business_corner.commands import register_commands

    logging_privacy.install()
    errors.register_error_handlers(app)
    security.init_app(app)
    register_commands(app)
    return app


def _instance_path(test_config: Mapping[str, Any] | None) -> str | None:
    chosen = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(INSTANCE_PATH_VARIABLE)
    return os.path.abspath(chosen) if chosen else None  # None: Flask's default, instance/


def _init_extensions(app: Flask) -> None:
    from business_corner.organiser.auth import init_login

    db.init_app(app)
    with app.app_context():
        prepare_engine(db.engine, wait_seconds=float(app.config["DATABASE_WAIT_SECONDS"]))
    # Batch mode lets Alembic alter tables on SQLite too (it copies the table).
    migrate.init_app(
        app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    templating.init_app(app)
    page_cache.init_app(app)
    after_commit.init_app(app)
    form_expiry.init_app(app)  # before CSRFProtect reads WTF_CSRF_CHECK_DEFAULT
    csrf.init_app(app)
    login_manager.init_app(app)
    init_login(app)
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS",
        limiter_storage_options(
            app.config["RATELIMIT_STORAGE_URI"],
            float(app.config["RATELIMIT_STORAGE_TIMEOUT_SECONDS"]),
        ),
    )
    # Our limits are all on routes (login, registration): their decorators check them.
    # There are no default, application-wide or meta limits, so the check Flask-Limiter
    # also runs before every request finds nothing to count on other pages and never asks
    # the counters' storage (tests/security/test_limits_scope.py holds this).
    limiter.init_app(app)


def _register_blueprints(app: Flask) -> None:
    # Each blueprint package attaches its own routes when imported (see its __init__.py).
    from business_corner.calendar import bp as calendar_bp
    from business_corner.health import bp as health_bp
    from business_corner.organiser import bp as organiser_bp
    from business_corner.public import bp as public_bp
    from business_corner.registration import bp as registration_bp
    from business_corner.tandem import bp as tandem_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(registration_bp)
    app.register_blueprint(organiser_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(tandem_bp)
