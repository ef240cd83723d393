"""Input no page can use, refused before anything reads it.

- ``<int:...>`` in a route matches only what an INTEGER column holds (PostgreSQL's is 32-bit
  and answers "integer out of range" beyond it): a larger id is a page that does not exist.
- A NUL character (PostgreSQL cannot store one in text, and no name, address or link holds
  one) in the path, the query string or a form field is bad input.
- A multipart part without a name cannot be read as a field (Flask-WTF's CSRF check trips
  over it): bad input too.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter, Map

#: The largest id an INTEGER column holds (SQLite's are larger, PostgreSQL's are not).
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` bounded to ``MAX_ID`` unless the route asks for its own maximum."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)


class UnusableInput(BadRequest):
    """A NUL character, or a form part without a name."""


def _has_nul(texts: Iterable[str | None]) -> bool:
    return any(text is not None and "\x00" in text for text in texts)


def refuse_unusable_input() -> None:
    """Before every other hook (the CSRF check reads the form first)."""
    if "\x00" in request.path or _has_nul(request.args.keys()):
        raise UnusableInput()
    if _has_nul(value for values in request.args.listvalues() for value in values):
        raise UnusableInput()
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    fields = request.form
    names = [*fields.keys(), *request.files.keys()]
    if None in names or _has_nul(names):
        raise UnusableInput()
    if _has_nul(value for values in fields.listvalues() for value in values):
        raise UnusableInput()


def _unusable_input(error: UnusableInput) -> tuple[str, int]:
    return (
        render_template(
            "error.html",
            status=400,
            title=_("Bad request"),
            message=_(
                "What you sent contains something no page can use (an invisible NUL character "
                "or a form field without a name). Nothing was saved. Go back, correct it and "
                "send it again."
            ),
            error_id=None,
        ),
        400,
    )


def init_app(app: Flask) -> None:
    """Call before any blueprint is registered: routes pick their converters when added."""
    app.url_map.converters["int"] = BoundedIntConverter
    # First of all before-request hooks, whatever registers later: CSRFProtect's hook
    # parses the form, and must not see a part without a name.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_unusable_input)
    app.register_error_handler(UnusableInput, _unusable_input)
