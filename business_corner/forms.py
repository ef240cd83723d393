"""Pieces shared by every form: the base form, text clean-up, plain-text checks, checkboxes."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from business_corner.form_expiry import form_expired


class CatalogueTranslations:
    """WTForms' own messages, translated by our catalogue rather than WTForms' bundled one,
    so that every word a reader sees is in translations/ and written the same way."""

    # WTForms fills in the placeholders itself: hand back the translated text unformatted
    # (flask_babel.ngettext would format it, and fail on WTForms' %(max)d).
    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


_CATALOGUE = CatalogueTranslations()

#: WTForms' built-in messages that our forms can still show (most fields carry our own).
#: Listed so that message extraction puts them in the catalogue.
WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _l("Number must be between %(min)s and %(max)s."),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    lazy_ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
)


class BaseForm(FlaskForm):
    #: Fields the page shows before the others, in that order, where it differs from the
    #: order they are declared in (a subclass's fields come last): the error summary lists
    #: the fields in the order a person meets them.
    page_order: tuple[str, ...] = ()

    def is_submitted(self) -> bool:
        # A form whose token expired is shown again filled in, never acted on (form_expiry).
        return super().is_submitted() and not form_expired()

    def in_page_order(self) -> list[Any]:
        first = [self[name] for name in self.page_order]
        return first + [f for f in self if f.name not in self.page_order]

    class Meta:
        # CSRFProtect checks the token of every POST before any view runs; templates put it
        # in each form with csrf_field(). A form of its own would check it a second time
        # and sign a new token each time it is built, a twentieth of a registration's CPU.
        csrf = False

        def get_translations(self, form: Any) -> CatalogueTranslations:
            return _CATALOGUE


# Bidirectional overrides and isolates can make "gpj.exe" display as "exe.jpg".
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def has_hidden_characters(text: str, *, multiline: bool = False) -> bool:
    """Control characters (NUL, escapes…) or bidi overrides, which no name needs."""
    allowed = {"\n", "\r"} if multiline else set()
    return any(
        (unicodedata.category(char) == "Cc" and char not in allowed) or char in _BIDI_CONTROLS
        for char in text
    )


class PlainText:
    """Visible text: accents, CJK and emoji welcome; control codes and bidi overrides not."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: Any, field: Field) -> None:
        if field.data and has_hidden_characters(field.data, multiline=self.multiline):
            raise ValidationError(str(_l("Please use visible characters only (no control codes).")))


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes instead of a multi-select box nobody knows how to use."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
