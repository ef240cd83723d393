"""The organisers' forms for tandem rounds."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from business_corner.forms import BaseForm
from business_corner.services.tandems.slots import MAX_DAYS


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


class RunRoundForm(BaseForm):
    starts_on = DateField(
        _l("First day"), validators=[InputRequired(_l("Give the first day of the round."))]
    )
    days = IntegerField(
        _l("Days"),
        default=14,
        validators=[
            InputRequired(_l("Give the length of the round.")),
            NumberRange(min=1, max=MAX_DAYS, message=_l("Between %(min)s and %(max)s.")),
        ],
        invalid_value_message=_l("Give a whole number."),
    )
    submit = SubmitField(_l("Propose the pairs"))


class SwapForm(BaseForm):
    first = SelectField(_l("Pair"), coerce=int, validate_choice=True)
    second = SelectField(_l("with pair"), coerce=int, validate_choice=True)
    submit = SubmitField(_l("Swap their partners"))
