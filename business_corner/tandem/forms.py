"""The member's forms: sign up, change details and hours, and the one-button answers."""

from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from business_corner.forms import BaseForm, MultiCheckboxField, PlainText, strip
from business_corner.registration.forms import level_choices, sector_choices
from business_corner.services.addresses import InvalidAddress, normalise_address
from business_corner.services.tandems.hours import (
    DAY_CODES,
    DEFAULT_HOURS,
    SLOT_MINUTES,
    HourRange,
    WeeklyHours,
)
from business_corner.services.tandems.membership import MemberDetails
from business_corner.vocabulary import Level, Sector, TandemFrequency, TandemReport

_TOO_LONG = _l("At most %(max)d characters.")
DAY_NAMES = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


def _name_field(label: object, missing: object) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[DataRequired(missing), Length(max=100, message=_TOO_LONG), PlainText()],
    )


class MemberDetailsForm(BaseForm):
    """Who the member is, what they offer and seek, when and how often: all changeable."""

    first_name = _name_field(_l("First name"), _l("Please enter your first name."))
    last_name = _name_field(_l("Last name"), _l("Please enter your last name."))
    company = StringField(
        _l("Company"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your company (or 'independent').")),
            Length(max=200, message=_TOO_LONG),
            PlainText(),
        ],
    )
    sector = SelectField(
        _l("Business sector"),
        validators=[InputRequired(_l("Please choose your sector."))],
        validate_choice=False,
    )
    english_level = RadioField(
        _l("Your English level"),
        validators=[InputRequired(_l("Please choose your English level."))],
        validate_choice=False,
    )
    french_level = SelectField(_l("French you want to practise (optional)"), validate_choice=False)
    offers = MultiCheckboxField(_l("What you can offer (sectors)"), validate_choice=False)
    offers_text = StringField(
        _l("In a few words, what you offer"),
        filters=[strip],
        validators=[Optional(), Length(max=200, message=_TOO_LONG), PlainText()],
    )
    seeks = MultiCheckboxField(_l("What you are looking for (sectors)"), validate_choice=False)
    seeks_text = StringField(
        _l("In a few words, what you are looking for"),
        filters=[strip],
        validators=[Optional(), Length(max=200, message=_TOO_LONG), PlainText()],
    )
    frequency = RadioField(
        _l("How often"),
        choices=[SelectChoice(f.value, f.label) for f in TandemFrequency],
        default=TandemFrequency.EVERY_ROUND.value,
        validate_choice=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.sector.choices = sector_choices()
        self.english_level.choices = level_choices()
        self.french_level.choices = [SelectChoice("", _l("I do not want to practise French"))] + [
            SelectChoice(level.value, f"{level.value} · {level.label}") for level in Level
        ]
        sectors = [SelectChoice(s.value, s.label) for s in Sector]
        self.offers.choices = sectors
        self.seeks.choices = sectors
        self.frequency.choices = [SelectChoice(f.value, f.label) for f in TandemFrequency]

    def day_rows(self) -> list[tuple[object, BooleanField, TimeField, TimeField]]:
        return [
            (name, self[f"{code}_on"], self[f"{code}_from"], self[f"{code}_to"])
            for code, name in zip(DAY_CODES, DAY_NAMES, strict=True)
        ]

    def fill_hours(self, hours: WeeklyHours) -> None:
        """Show ``hours`` (one range per day; a day with several shows their span)."""
        for day, code in enumerate(DAY_CODES):
            ranges = hours.on(day)
            self[f"{code}_on"].data = bool(ranges)
            if ranges:
                self[f"{code}_from"].data = _time(ranges[0].start)
                self[f"{code}_to"].data = _time(ranges[-1].end)

    def validate_sector(self, field: SelectField) -> None:
        if field.data not in {sector.value for sector in Sector}:
            raise ValidationError(str(_l("Please choose your sector.")))

    def validate_english_level(self, field: RadioField) -> None:
        if field.data not in {level.value for level in Level}:
            raise ValidationError(str(_l("Please choose your English level.")))

    def validate_french_level(self, field: SelectField) -> None:
        if field.data and field.data not in {level.value for level in Level}:
            raise ValidationError(str(_l("Please choose a level from the list.")))

    def validate_offers(self, field: MultiCheckboxField) -> None:
        _check_sectors(field)

    def validate_seeks(self, field: MultiCheckboxField) -> None:
        _check_sectors(field)

    def validate_frequency(self, field: RadioField) -> None:
        if field.data not in {f.value for f in TandemFrequency}:
            raise ValidationError(str(_l("Please choose how often.")))

    def hours(self) -> WeeklyHours | None:
        """The week's hours, or None after putting an error on the fields that are wrong."""
        ranges = []
        for code in DAY_CODES:
            if not self[f"{code}_on"].data:
                continue
            start, end = self[f"{code}_from"], self[f"{code}_to"]
            if start.data is None or end.data is None:
                (start if start.data is None else end).errors.append(
                    str(_l("Give the time, or untick the day."))
                )
                continue
            first, last = _minutes(start.data), _minutes(end.data)
            if last - first < SLOT_MINUTES:
                end.errors.append(str(_l("Give at least 30 minutes, ending after the start.")))
                continue
            ranges.append(HourRange(DAY_CODES.index(code), first, last))
        if any(self[f"{code}_{part}"].errors for code in DAY_CODES for part in ("from", "to")):
            return None
        if not ranges:
            self.mon_on.errors.append(str(_l("Tick at least one day with its hours.")))
            return None
        return WeeklyHours.of(ranges)

    def details(self, hours: WeeklyHours) -> MemberDetails:
        return MemberDetails(
            first_name=self.first_name.data,
            last_name=self.last_name.data,
            company=self.company.data,
            sector=Sector(self.sector.data),
            english_level=Level(self.english_level.data),
            french_level=Level(self.french_level.data) if self.french_level.data else None,
            offers=frozenset(Sector(code) for code in self.offers.data or ()),
            offers_text=self.offers_text.data or "",
            seeks=frozenset(Sector(code) for code in self.seeks.data or ()),
            seeks_text=self.seeks_text.data or "",
            hours=hours,
            frequency=TandemFrequency(self.frequency.data),
        )


def _check_sectors(field: MultiCheckboxField) -> None:
    if any(code not in {s.value for s in Sector} for code in field.data or ()):
        raise ValidationError(str(_l("Please choose sectors from the list.")))


def _time(minutes: int) -> time:
    return time(23, 59) if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)


def _minutes(clock: time) -> int:
    # 23:59 is how a time input says "until midnight".
    return 24 * 60 if clock == time(23, 59) else clock.hour * 60 + clock.minute


_DEFAULT_DAYS = {r.weekday: r for r in DEFAULT_HOURS.ranges}
for _index, _code in enumerate(DAY_CODES):
    _default = _DEFAULT_DAYS.get(_index)
    setattr(
        MemberDetailsForm,
        f"{_code}_on",
        BooleanField(DAY_NAMES[_index], default=_default is not None),
    )
    setattr(
        MemberDetailsForm,
        f"{_code}_from",
        TimeField(_l("From"), default=time(8, 0), validators=[Optional()]),
    )
    setattr(
        MemberDetailsForm,
        f"{_code}_to",
        TimeField(_l("To"), default=time(19, 0), validators=[Optional()]),
    )


class SignUpForm(MemberDetailsForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please enter your e-mail address.")),
            Length(max=254, message=_TOO_LONG),
        ],
        render_kw={"autocomplete": "email"},
    )
    city = RadioField(
        _l("Your city"),
        validators=[InputRequired(_l("Please choose your city."))],
        validate_choice=False,
    )
    consent = BooleanField(
        _l(
            "I agree that Business corner processes my data to pair me with members of "
            "the other city."
        ),
        validators=[DataRequired(_l("Please agree so that we can pair you."))],
    )
    #: Hidden from people (display: none); form-filling robots fill it in and are ignored.
    website = StringField(
        _l("Leave this field empty"), render_kw={"autocomplete": "off", "tabindex": "-1"}
    )
    submit = SubmitField(_l("Join the tandems"))

    def validate_email(self, field: EmailField) -> None:
        try:
            field.data = normalise_address(field.data)
        except InvalidAddress as error:
            raise ValidationError(str(error.message)) from error

    def validate_city(self, field: RadioField) -> None:
        if field.data not in {choice.value for choice in self.city.choices or []}:
            raise ValidationError(str(_l("Please choose your city.")))


class UpdateMemberForm(MemberDetailsForm):
    submit = SubmitField(_l("Save my changes"))


class ConfirmForm(BaseForm):
    submit = SubmitField(_l("Confirm my address"))


class DeclineForm(BaseForm):
    submit = SubmitField(_l("Yes, decline this tandem"))


class AnotherSlotForm(BaseForm):
    submit = SubmitField(_l("Yes, find another time"))


class LeaveForm(BaseForm):
    submit = SubmitField(_l("Yes, leave the tandems"))


class ButtonForm(BaseForm):
    """A form that is only its button (pause, resume, no thanks)."""


class OutcomeForm(BaseForm):
    report = RadioField(
        _l("Did your tandem happen?"),
        choices=[SelectChoice(r.value, r.label) for r in TandemReport],
        validators=[InputRequired(_l("Please tell us whether it happened."))],
        validate_choice=False,
    )
    again = RadioField(
        _l("Would you like to talk again?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validate_choice=False,
    )
    submit = SubmitField(_l("Send"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.report.choices = [SelectChoice(r.value, r.label) for r in TandemReport]
        self.again.choices = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]

    def validate_report(self, field: RadioField) -> None:
        if field.data not in {r.value for r in TandemReport}:
            raise ValidationError(str(_l("Please tell us whether it happened.")))

    def validate_again(self, field: RadioField) -> None:
        if field.data not in (None, "", "yes", "no"):
            raise ValidationError(str(_l("Please answer yes or no.")))
        if self.report.data == TandemReport.HELD.value and field.data not in ("yes", "no"):
            raise ValidationError(str(_l("Please answer yes or no.")))

    def answers(self) -> tuple[TandemReport, bool | None]:
        again = {"yes": True, "no": False}.get(self.again.data or "")
        return TandemReport(self.report.data), again
