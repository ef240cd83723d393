from __future__ import annotations

from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from business_corner.formatting import current_locale
from business_corner.forms import BaseForm, MultiCheckboxField, PlainText, strip
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.registration import Applicant, Details
from business_corner.vocabulary import Level, Sector


def level_choices() -> list[SelectChoice]:
    return list(_level_choices(current_locale()))


def sector_choices() -> list[SelectChoice]:
    return list(_sector_choices(current_locale()))


# The labels depend only on the language: translate them once per language, not per form
# (a registration rush builds thousands of these forms).
@cache
def _level_choices(locale: str) -> tuple[SelectChoice, ...]:
    return tuple(SelectChoice(level.value, f"{level.value} · {level.label}") for level in Level)


@cache
def _sector_choices(locale: str) -> tuple[SelectChoice, ...]:
    return (
        SelectChoice("", str(_l("Choose your sector"))),
        *(SelectChoice(sector.value, str(sector.label)) for sector in Sector),
    )


class AttendeeDetailsForm(BaseForm):
    """Who the attendee is: what they can change later through their link."""

    first_name = StringField(
        _l("First name"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your first name.")),
            Length(max=100, message=_l("At most %(max)d characters.")),
            PlainText(),
        ],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        _l("Last name"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your last name.")),
            Length(max=100, message=_l("At most %(max)d characters.")),
            PlainText(),
        ],
        render_kw={"autocomplete": "family-name"},
    )
    company = StringField(
        _l("Company"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your company (or 'independent').")),
            Length(max=200, message=_l("At most %(max)d characters.")),
            PlainText(),
        ],
        render_kw={"autocomplete": "organization"},
    )
    job_title = StringField(
        _l("Job title (optional)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=200, message=_l("At most %(max)d characters.")),
            PlainText(),
        ],
        render_kw={"autocomplete": "organization-title"},
    )
    # validate_choice=False: the methods below refuse unknown values with our own wording.
    sector = SelectField(
        _l("Business sector"),
        validators=[InputRequired(_l("Please choose your sector."))],
        validate_choice=False,
    )
    level = RadioField(
        _l("Your English level"),
        validators=[InputRequired(_l("Please choose your English level."))],
        validate_choice=False,
    )
    can_host = BooleanField(_l("I can host a table: I speak English fluently or natively"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Built per form so that labels follow the reader's language.
        self.sector.choices = sector_choices()
        self.level.choices = level_choices()

    def validate_sector(self, field: SelectField) -> None:
        if field.data not in {sector.value for sector in Sector}:
            raise ValidationError(str(_l("Please choose your sector.")))

    def validate_level(self, field: RadioField) -> None:
        if field.data not in {level.value for level in Level}:
            raise ValidationError(str(_l("Please choose your English level.")))

    def details(self) -> Details:
        return Details(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            company=self.company.data,
            job_title=self.job_title.data or "",
            sector=Sector(self.sector.data),
            level=Level(self.level.data),
            can_host=bool(self.can_host.data),
        )


class AddressForm(BaseForm):
    """An address to write to, normalised, with the honeypot robots fill in."""

    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your e-mail address.")),
            Length(max=254, message=_l("At most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    #: Hidden from people (display: none); form-filling robots fill it in and are ignored.
    website = StringField(
        _l("Leave this field empty"), render_kw={"autocomplete": "off", "tabindex": "-1"}
    )

    @property
    def filled_by_a_robot(self) -> bool:
        return bool(self.website.data)

    def validate_email(self, field: EmailField) -> None:
        try:
            field.data = normalise_address(field.data)
        except InvalidAddress as error:
            raise ValidationError(str(error.message)) from error


class RegistrationForm(AttendeeDetailsForm, AddressForm):
    # The page asks for the e-mail address right after the names (macro attendee_fields).
    page_order = ("first_name", "last_name", "email")

    consent = BooleanField(
        _l("I agree that Business corner processes my data to organise this session."),
        validators=[DataRequired(_l("Please agree so that we can register you."))],
    )
    submit = SubmitField(_l("Register"))

    def applicant(self, locale: str) -> Applicant:
        return Applicant(
            details=self.details(),
            email=self.email.data,
            locale=locale,
            consent=bool(self.consent.data),
        )


class UpdateDetailsForm(AttendeeDetailsForm):
    submit = SubmitField(_l("Save my changes"))


class EraseDataForm(BaseForm):
    submit = SubmitField(_l("Yes, delete my data"))


class CancelRegistrationForm(BaseForm):
    submit = SubmitField(_l("Yes, cancel my registration"))


class StillComingForm(BaseForm):
    submit = SubmitField(_l("Yes, I am coming"))


class CheckInForm(BaseForm):
    submit = SubmitField(_l("I'm here"))


class RejoinForm(BaseForm):
    submit = SubmitField(_l("Join the waiting list again"))


class SeriesRegistrationForm(RegistrationForm):
    """Sign up for several dates of a series at once: the dates ticked, or all coming ones."""

    dates = MultiCheckboxField(_l("Which dates?"), validate_choice=False)
    all_dates = BooleanField(_l("All coming dates"))
    submit = SubmitField(_l("Register for these dates"))

    def chosen(self, open_ids: list[int]) -> list[int]:
        """The ticked dates among ``open_ids`` (all of them with "all coming dates")."""
        if self.all_dates.data:
            return open_ids
        ticked = {value for value in self.dates.data or [] if value.isdigit()}
        return [event_id for event_id in open_ids if str(event_id) in ticked]


class ConfirmDateForm(BaseForm):
    """A button on the manage page adding or cancelling another date of the series."""

    submit = SubmitField(_l("Confirm"))


#: A series' page holds the follow form beside the sign-up form: its fields are prefixed.
SERIES_FOLLOW_PREFIX = "follow"


class FollowForm(AddressForm):
    """ "Tell me about new dates": an address and consent (a chapter is chosen on the
    follow page; a series' page posts its own id)."""

    chapter = SelectField(_l("Chapter"), validate_choice=False)
    consent = BooleanField(
        _l("I agree that Business corner keeps my address to tell me about new dates."),
        validators=[DataRequired(_l("Please agree so that we can write to you."))],
    )
    submit = SubmitField(_l("Tell me about new dates"))


class LostLinkForm(AddressForm):
    """ "I lost my link": the address the links go to."""

    submit = SubmitField(_l("Send me my links"))
