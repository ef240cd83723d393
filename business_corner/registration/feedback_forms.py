"""The feedback form an attendee who came fills in the day after (no account: their link)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from business_corner.forms import BaseForm, MultiCheckboxField, PlainText, strip
from business_corner.registration.forms import level_choices
from business_corner.services.feedback import COMMENT_MAX, Answers, Companion
from business_corner.vocabulary import Level, TableFit

_USEFULNESS_LABELS = {
    1: _l("1 · not useful"),
    2: _l("2"),
    3: _l("3"),
    4: _l("4"),
    5: _l("5 · very useful"),
}


class FeedbackForm(BaseForm):
    # validate_choice=False: the methods below refuse unknown values with our own wording.
    usefulness = RadioField(
        _l("How useful was the session for you?"),
        validators=[InputRequired(_l("Please rate the session from 1 to 5."))],
        validate_choice=False,
    )
    level = RadioField(
        _l("Your English level now"),
        validators=[InputRequired(_l("Please choose your English level."))],
        validate_choice=False,
    )
    table_fit = RadioField(
        _l("Did your table's level suit you?"),
        validators=[InputRequired(_l("Please say whether your table's level suited you."))],
        validate_choice=False,
    )
    contacts = MultiCheckboxField(
        _l("People at your tables you would like to stay in touch with"),
        validate_choice=False,
    )
    share_contacts = BooleanField(
        _l(
            "If someone I chose also chose me, send them my name, company and e-mail "
            "(and send me theirs)."
        )
    )
    comment = TextAreaField(
        _l("Anything else? (optional)"),
        filters=[strip],
        validators=[
            Length(max=COMMENT_MAX, message=_l("At most %(max)d characters.")),
            PlainText(multiline=True),
        ],
    )
    submit = SubmitField(_l("Send my answers"))

    def __init__(self, companions: list[Companion], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.companions = companions
        self.usefulness.choices = [
            SelectChoice(str(value), str(label)) for value, label in _USEFULNESS_LABELS.items()
        ]
        self.level.choices = level_choices()
        self.table_fit.choices = [SelectChoice(fit.value, fit.label) for fit in TableFit]
        self.contacts.choices = [
            SelectChoice(
                str(person.registration_id),
                f"{person.first_name} · {person.company}" if person.company else person.first_name,
            )
            for person in companions
        ]

    def validate_usefulness(self, field: RadioField) -> None:
        if field.data not in {str(value) for value in _USEFULNESS_LABELS}:
            raise ValidationError(str(_l("Please rate the session from 1 to 5.")))

    def validate_level(self, field: RadioField) -> None:
        if field.data not in {level.value for level in Level}:
            raise ValidationError(str(_l("Please choose your English level.")))

    def validate_table_fit(self, field: RadioField) -> None:
        if field.data not in {fit.value for fit in TableFit}:
            raise ValidationError(str(_l("Please say whether your table's level suited you.")))

    def validate_contacts(self, field: MultiCheckboxField) -> None:
        allowed = {str(person.registration_id) for person in self.companions}
        if not set(field.data or []) <= allowed:
            raise ValidationError(str(_l("Choose only people who sat at your tables.")))

    def answers(self) -> Answers:
        return Answers(
            usefulness=int(self.usefulness.data),
            level=Level(self.level.data),
            table_fit=TableFit(self.table_fit.data),
            contacts=frozenset(int(value) for value in self.contacts.data or []),
            share_contacts=bool(self.share_contacts.data),
            comment=self.comment.data or "",
        )
