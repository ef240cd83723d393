"""Forms about an organiser's own account: joining, passwords."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, Field, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from business_corner.forms import BaseForm, PlainText, strip
from business_corner.services.passwords import MAX_PASSWORD_LENGTH, password_problem


class _NewPasswordForm(BaseForm):
    """A new password, typed twice, checked against the rules of ``services.passwords``."""

    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(max=MAX_PASSWORD_LENGTH, message=_l("At most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("The new password again"),
        validators=[
            DataRequired(_l("Type the new password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )

    #: The person's address, name and chapter: a password made of them is refused.
    password_context: Iterable[str] = ()

    def validate_password(self, field: Field) -> None:
        if field.data and (problem := password_problem(field.data, self.context())) is not None:
            raise ValidationError(str(problem))

    def context(self) -> list[str]:
        return list(self.password_context)


class JoinForm(_NewPasswordForm):
    name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[
            DataRequired(_l("Give your name, as your colleagues know it.")),
            Length(max=200, message=_l("At most %(max)d characters.")),
            PlainText(),
        ],
        render_kw={"autocomplete": "name"},
    )
    submit = SubmitField(_l("Join the team"))

    def context(self) -> list[str]:
        return [*self.password_context, self.name.data or ""]


class ResetPasswordForm(_NewPasswordForm):
    submit = SubmitField(_l("Set the new password"))


class ChangePasswordForm(_NewPasswordForm):
    current = PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Please enter your current password.")),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Change the password"))


class ForgotPasswordForm(BaseForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter your e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    submit = SubmitField(_l("Send me a link"))
