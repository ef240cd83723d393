"""Forms of a series: its rule, and a whole series (a session's fields plus the rule)."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import get_day_names
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    Field,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from business_corner.formatting import current_locale
from business_corner.forms import BaseForm
from business_corner.organiser.forms import SessionForm
from business_corner.services.recurrence import SeriesRule
from business_corner.vocabulary import Recurrence

_NTH = {"1": _l("first"), "2": _l("second"), "3": _l("third"), "4": _l("fourth"), "-1": _l("last")}


def parse_days(text: str) -> list[date]:
    """Dates written one per line (or separated by commas), as 2027-03-14 or 14/03/2027."""
    days = []
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                days.append(datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                str(_l("%(text)s is not a date such as 2027-03-14.", text=part[:20]))
            )
    return days


def _days_field(form: BaseForm, field: Field) -> None:
    parse_days(field.data or "")


class RuleFields(BaseForm):
    """How the dates repeat and end. The first date comes from the form using these."""

    recurrence = RadioField(
        _l("Repeat"),
        validators=[InputRequired(_l("Choose how the dates repeat."))],
        validate_choice=False,
    )
    interval = IntegerField(
        _l("Every how many weeks or months"),
        default=1,
        validators=[
            Optional(),
            NumberRange(min=1, max=12, message=_l("Between %(min)s and %(max)s.")),
        ],
        invalid_value_message=_l("Give a whole number."),
    )
    nth = SelectField(_l("Which one of the month"), validate_choice=False)
    weekday = SelectField(_l("Weekday"), validate_choice=False)
    end = RadioField(
        _l("Ends"),
        choices=[
            SelectChoice("count", _l("After a number of dates")),
            SelectChoice("until", _l("On a last date")),
        ],
        default="count",
        validate_choice=False,
    )
    count = IntegerField(
        _l("Number of dates"),
        validators=[Optional()],
        invalid_value_message=_l("Give a whole number."),
    )
    until = DateField(
        _l("Last date"),
        format=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[Optional()],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    listed_days = TextAreaField(
        _l("Dates of the list (one per line, such as 2027-03-14)"), validators=[_days_field]
    )
    skipped_days = TextAreaField(
        _l("Days to skip, such as holidays (one per line)"), validators=[_days_field]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.recurrence.choices = [SelectChoice(r.value, r.label) for r in Recurrence]
        self.nth.choices = [SelectChoice(code, str(label)) for code, label in _NTH.items()]
        names = get_day_names("wide", locale=current_locale())
        self.weekday.choices = [SelectChoice(str(day), names[day]) for day in range(7)]

    def validate_recurrence(self, field: RadioField) -> None:
        if field.data not in {r.value for r in Recurrence}:
            raise ValidationError(str(_l("Choose how the dates repeat.")))

    def rule(self, first_day: date) -> SeriesRule:
        """The rule the fields describe (the service checks it makes sense)."""
        recurrence = Recurrence(self.recurrence.data)
        by_count = self.end.data != "until"
        monthly = recurrence is Recurrence.MONTHLY_WEEKDAY
        return SeriesRule(
            recurrence=recurrence,
            first_day=first_day,
            interval=self.interval.data or 1,
            weekday=int(self.weekday.data) if monthly and self.weekday.data else None,
            nth=int(self.nth.data) if monthly and self.nth.data in _NTH else None,
            count=self.count.data if by_count else None,
            until=None if by_count else self.until.data,
            listed=(first_day, *parse_days(self.listed_days.data or ""))
            if recurrence is Recurrence.DATES
            else (),
            skipped=frozenset(parse_days(self.skipped_days.data or "")),
        )


class SeriesForm(SessionForm, RuleFields):
    """A new series: a session's details (its date is the first one) and the rule."""

    submit = SubmitField(_l("Create the dates"))


class RuleForm(RuleFields):
    """A new rule for a series, from its first date on (earlier dates stay as they are)."""

    first_day = DateField(
        _l("From this date on"),
        format=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[InputRequired(_l("Give the date."))],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    submit = SubmitField(_l("Change the dates"))


class AddDateForm(BaseForm):
    day = DateField(
        _l("New date"),
        format=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[InputRequired(_l("Give the date."))],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    submit = SubmitField(_l("Add this date"))
