"""Test clients whose requests and commands run like real ones, each in its own context."""

from __future__ import annotations

import contextvars
from typing import Any

from flask import has_app_context
from flask.testing import FlaskClient, FlaskCliRunner

from business_corner.extensions import db


class IsolatedClient(FlaskClient):
    """A test client whose requests run like real ones, each in its own app context.

    Tests hold an app context for their own queries; Flask would otherwise share it (and
    ``g``, the database session, the cached locale and user) with every request.
    """

    # FlaskClient.open's signature is Werkzeug's long list of keywords; this passes them on.
    def open(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _end_test_transaction()  # the request sees what the test wrote; no lock held
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _end_test_transaction()  # end the test's snapshot: it sees what the request wrote
        return response


class IsolatedRunner(FlaskCliRunner):
    # As above: Click's runner takes many keywords, passed on unchanged.
    def invoke(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _end_test_transaction()
        result = contextvars.Context().run(super().invoke, *args, **kwargs)
        _end_test_transaction()
        return result


def _end_test_transaction() -> None:
    if has_app_context():
        db.session.commit()
