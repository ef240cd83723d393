"""Forms of the team page and the audit trail."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, RadioField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from business_corner.forms import BaseForm, strip
from business_corner.i18n import LOCALE_NAMES, SUPPORTED_LOCALES
from business_corner.models import Organiser
from business_corner.vocabulary import AuditAction, Role


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, role.label) for role in Role]


class InviteForm(BaseForm):
    email = EmailField(
        _l("Their e-mail address"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter an e-mail address.")), Length(max=254)],
    )
    role = RadioField(_l("Role"), validators=[InputRequired(_l("Choose a role."))])
    language = RadioField(
        _l("Language of the invitation"), validators=[InputRequired(_l("Choose a language."))]
    )
    submit = SubmitField(_l("Send the invitation"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices()
        self.language.choices = [
            SelectChoice(code, LOCALE_NAMES[code]) for code in SUPPORTED_LOCALES
        ]


class RoleForm(BaseForm):
    role = SelectField(_l("Role"), validators=[InputRequired(_l("Choose a role."))])
    submit = SubmitField(_l("Change the role"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices()


class AuditFilterForm(BaseForm):
    """The audit trail's filters: read from the query string (a GET form)."""

    action = SelectField(_l("Action"), validators=[Optional()], validate_choice=False)
    member = SelectField(_l("Member"), validators=[Optional()], validate_choice=False)
    since = DateField(
        _l("From"),
        validators=[Optional()],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    until = DateField(
        _l("Until"),
        validators=[Optional()],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    submit = SubmitField(_l("Filter"))

    def __init__(self, *args: object, members: list[Organiser], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        everything = SelectChoice("", str(_l("All")))
        self.action.choices = [
            everything,
            *sorted(
                (SelectChoice(action.value, action.label) for action in AuditAction),
                key=lambda choice: choice.label,
            ),
        ]
        self.member.choices = [everything] + [
            SelectChoice(str(member.id), member.display_name) for member in members
        ]

    def chosen_action(self) -> AuditAction | None:
        try:
            return AuditAction(self.action.data) if self.action.data else None
        except ValueError:
            return None

    def chosen_member(self) -> int | None:
        value = self.member.data or ""
        return int(value) if value.isdigit() and len(value) < 10 else None
