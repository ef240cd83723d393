"""The organiser's forms for conversation tables and the door: how to plan the tables, and
walk-ins."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from business_corner.forms import BaseForm, PlainText, strip
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.walk_ins import ConsentForAddress, Newcomer
from business_corner.vocabulary import Level, Sector

_TOO_LONG = _l("At most %(max)d characters.")


class TablePlanForm(BaseForm):
    layout = RadioField(
        _l("Size the tables by"),
        choices=[
            SelectChoice("seats", _l("Seats per table")),
            SelectChoice("tables", _l("Number of tables")),
        ],
        default="seats",
        validate_choice=False,
    )
    count = IntegerField(
        _l("How many"),
        validators=[
            InputRequired(_l("Give a number.")),
            NumberRange(min=1, max=100, message=_l("Between %(min)s and %(max)s.")),
        ],
        invalid_value_message=_l("Give a whole number."),
    )
    rounds = IntegerField(
        _l("Rounds"),
        validators=[
            InputRequired(_l("Give the number of rounds.")),
            NumberRange(min=1, max=12, message=_l("Between %(min)s and %(max)s.")),
        ],
        invalid_value_message=_l("Give a whole number."),
    )
    round_minutes = IntegerField(
        _l("Minutes per round"),
        validators=[
            InputRequired(_l("Give the length of a round.")),
            NumberRange(min=5, max=180, message=_l("Between %(min)s and %(max)s.")),
        ],
        invalid_value_message=_l("Give a whole number."),
    )
    first_round = TimeField(
        _l("First round starts at"),
        validators=[InputRequired(_l("Give the start time."))],
        invalid_value_message=_l("Give a time such as 18:30."),
    )
    self_assessed = BooleanField(
        _l("Seat people by the level they gave themselves after their last session")
    )
    submit = SubmitField(_l("Plan the tables"))

    def validate_layout(self, field: RadioField) -> None:
        if field.data not in {"seats", "tables"}:
            raise ValidationError(str(_l("Choose how to size the tables.")))


class WalkInForm(BaseForm):
    """Someone who came without registering: checked in at once, seated at the tables."""

    name = StringField(
        _l("Name"),
        filters=[strip],
        validators=[
            DataRequired(_l("Give the person's name.")),
            Length(max=200, message=_TOO_LONG),
            PlainText(),
        ],
    )
    company = StringField(
        _l("Company (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=200, message=_TOO_LONG), PlainText()],
    )
    level = SelectField(_l("English level"), validators=[InputRequired()], validate_choice=False)
    sector = SelectField(_l("Business sector"), validators=[InputRequired()], validate_choice=False)
    can_host = BooleanField(_l("Can host a table"))
    email = EmailField(
        _l("E-mail (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=254, message=_TOO_LONG)],
    )
    consent = BooleanField(
        _l("They agree that we keep this address to send them the follow-up of the session.")
    )
    add = SubmitField(_l("Add: present now"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.level.choices = [SelectChoice(lv.value, f"{lv.value} · {lv.label}") for lv in Level]
        self.sector.choices = [SelectChoice(s.value, s.label) for s in Sector]

    def validate_level(self, field: SelectField) -> None:
        if field.data not in {level.value for level in Level}:
            raise ValidationError(str(_l("Choose an English level.")))

    def validate_sector(self, field: SelectField) -> None:
        if field.data not in {sector.value for sector in Sector}:
            raise ValidationError(str(_l("Choose a sector.")))

    def validate_email(self, field: EmailField) -> None:
        if field.data:
            try:
                field.data = normalise_address(field.data)
            except InvalidAddress as error:
                raise ValidationError(str(error.message)) from error

    def validate_consent(self, field: BooleanField) -> None:
        if self.email.data and not field.data:
            raise ValidationError(str(ConsentForAddress().message))

    def newcomer(self) -> Newcomer:
        return Newcomer(
            name=self.name.data,
            company=self.company.data or "",
            level=Level(self.level.data),
            sector=Sector(self.sector.data),
            can_host=bool(self.can_host.data),
            email=self.email.data or "",
            consent=bool(self.consent.data),
        )
