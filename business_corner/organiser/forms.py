from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
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

from business_corner.clock import utcnow
from business_corner.forms import BaseForm, MultiCheckboxField, PlainText, strip
from business_corner.models import EventSession
from business_corner.services.city_times import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    UnrepresentableTime,
    canonical_zones,
    is_known_zone,
    local_to_utc,
)
from business_corner.services.sessions import (
    MAX_CANCEL_REASON,
    MAX_CAPACITY,
    DayOutsideWindow,
    SessionDetails,
    check_day,
    video_link_problem,
)
from business_corner.vocabulary import Level, SessionFormat

_TOO_LONG = _l("At most %(max)d characters.")
#: Values of the "which of the two times" choice, mapped to ``datetime.fold``.
_REPEATED_TIME_FOLD = {"first": 0, "second": 1}


class LoginForm(BaseForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip],
        validators=[DataRequired(_l("Please enter your e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Please enter your password.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    submit = SubmitField(_l("Log in"))


class LogoutForm(BaseForm):
    submit = SubmitField(_l("Log out"))


class ConfirmForm(BaseForm):
    """A confirmation button, for actions that change a session's status. It carries no token
    of its own: CSRFProtect checks every POST's token, which the template adds with csrf_field()."""

    submit = SubmitField(_l("Confirm"))


class CancelSessionForm(BaseForm):
    """Cancelling a session, with an optional reason in each language for the mail."""

    reason_fr = TextAreaField(
        _l("Reason in French"),
        filters=[strip],
        validators=[Length(max=MAX_CANCEL_REASON, message=_TOO_LONG), PlainText(multiline=True)],
    )
    reason_en = TextAreaField(
        _l("Reason in English"),
        filters=[strip],
        validators=[Length(max=MAX_CANCEL_REASON, message=_TOO_LONG), PlainText(multiline=True)],
    )
    submit = SubmitField(_l("Yes, cancel the session"))


def _web_link(form: BaseForm, field: StringField) -> None:
    if field.data and (problem := video_link_problem(field.data)) is not None:
        raise ValidationError(str(problem))


class SessionForm(BaseForm):
    title_fr = StringField(
        _l("Title in French"),
        filters=[strip],
        validators=[Length(max=200, message=_TOO_LONG), PlainText()],
    )
    title_en = StringField(
        _l("Title in English"),
        filters=[strip],
        validators=[Length(max=200, message=_TOO_LONG), PlainText()],
    )
    description_fr = TextAreaField(
        _l("Description in French"),
        filters=[strip],
        validators=[Length(max=5000, message=_TOO_LONG), PlainText(multiline=True)],
    )
    description_en = TextAreaField(
        _l("Description in English"),
        filters=[strip],
        validators=[Length(max=5000, message=_TOO_LONG), PlainText(multiline=True)],
    )
    # validate_choice=False on choice fields: the validate_* methods below refuse unknown
    # values with our own wording.
    format = RadioField(
        _l("Format"), validators=[InputRequired(_l("Choose a format."))], validate_choice=False
    )
    venue = TextAreaField(
        _l("Venue address"),
        filters=[strip],
        validators=[Length(max=300, message=_TOO_LONG), PlainText(multiline=True)],
    )
    video_url = StringField(
        _l("Online meeting link"),
        filters=[strip],
        validators=[Length(max=500, message=_TOO_LONG), _web_link],
    )
    # Browsers send ISO dates; someone typing by hand (no date picker) writes 14/03/2027.
    day = DateField(
        _l("Date"),
        format=["%Y-%m-%d", "%d/%m/%Y"],
        validators=[InputRequired(_l("Give the date."))],
        invalid_value_message=_l("Give a date such as 2027-03-14."),
    )
    starts = TimeField(
        _l("Starts at"),
        validators=[InputRequired(_l("Give the start time."))],
        invalid_value_message=_l("Give a time such as 18:30."),
    )
    ends = TimeField(
        _l("Ends at"),
        validators=[InputRequired(_l("Give the end time."))],
        invalid_value_message=_l("Give a time such as 18:30."),
    )
    timezone = SelectField(
        _l("Time zone"),
        validators=[InputRequired(_l("Choose a time zone from the list."))],
        validate_choice=False,
    )
    repeated_time = RadioField(
        _l("This time happens twice that day. Which one?"),
        choices=[
            SelectChoice("first", _l("The first one, before the clocks go back")),
            SelectChoice("second", _l("The second one, after the clocks go back")),
        ],
        validators=[Optional()],
        validate_choice=False,
    )
    past_confirmed = BooleanField(_l("Yes, this session is in the past"))
    capacity = IntegerField(
        _l("Seats"),
        invalid_value_message=_l("Give a whole number of seats."),
        validators=[
            InputRequired(_l("Give the number of seats.")),
            NumberRange(min=1, max=MAX_CAPACITY, message=_l("Between %(min)s and %(max)s.")),
        ],
    )
    levels = MultiCheckboxField(_l("English levels welcome"), validate_choice=False)
    #: For a date of a series: change it alone, or it and the following dates.
    scope = RadioField(
        _l("Apply the changes to"),
        choices=[
            SelectChoice("this", _l("This date only")),
            SelectChoice("following", _l("This date and the following dates of the series")),
        ],
        default="this",
        validators=[Optional()],
        validate_choice=False,
    )
    #: Not named like ``EventSession.co_hosts`` (chapters): the form must not fill it from them.
    co_host_ids = MultiCheckboxField(_l("Co-hosting chapters"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Save"))

    def __init__(
        self,
        *args: object,
        chapter_zones: list[str],
        current_zone: str = "",
        co_host_choices: list[tuple[int, str]] | None = None,
        **kwargs: object,
    ) -> None:
        """``chapter_zones`` come first, the chapter's own at their head; ``current_zone`` is
        the zone a saved session already has, kept on offer even if it is an old alias.
        ``co_host_choices`` (id, name) are the chapters that may co-host, offered only to
        the chapter that creates the session (None: the co-hosts are not chosen here)."""
        super().__init__(*args, **kwargs)
        #: Whether this organiser chooses the co-hosts (the creating chapter only).
        self.chooses_co_hosts = co_host_choices is not None
        self.co_host_ids.choices = [
            SelectChoice(chapter_id, name) for chapter_id, name in co_host_choices or []
        ]
        self.format.choices = [SelectChoice(f.value, str(f.label)) for f in SessionFormat]
        self.levels.choices = [SelectChoice(lv.value, f"{lv.value} · {lv.label}") for lv in Level]
        ours, others = str(_l("Our chapters")), str(_l("Other time zones"))
        other_zones = set(canonical_zones()) - set(chapter_zones)
        if current_zone and current_zone not in chapter_zones:
            other_zones.add(current_zone)
        self.timezone.choices = [
            SelectChoice(zone, zone, optgroup=ours) for zone in chapter_zones
        ] + [SelectChoice(zone, zone, optgroup=others) for zone in sorted(other_zones)]
        self._offered_zones = set(chapter_zones) | other_zones
        #: Set when the entered time happens twice and the organiser must pick one.
        self.needs_repeated_time = bool(self.repeated_time.data)
        #: Set when the day is in the past: the organiser must tick ``past_confirmed``.
        self.needs_past_confirmation = bool(self.past_confirmed.data)

    def validate_format(self, field: RadioField) -> None:
        if field.data not in {choice.value for choice in SessionFormat}:
            raise ValidationError(str(_l("Choose a format.")))

    def validate_levels(self, field: MultiCheckboxField) -> None:
        codes = {level.value for level in Level}
        if not field.data or not set(field.data) <= codes:
            raise ValidationError(str(_l("Choose at least one English level.")))

    def validate_co_host_ids(self, field: MultiCheckboxField) -> None:
        if not self.chooses_co_hosts:
            return  # not this organiser's to choose: ``chosen_co_hosts`` ignores the field
        offered = {choice.value for choice in field.choices or []}
        if not set(field.data or []) <= offered:
            raise ValidationError(str(_l("Choose the co-host chapters from the list.")))

    def chosen_co_hosts(self) -> list[int] | None:
        """The co-hosts ticked, or None when this organiser does not choose them."""
        return list(self.co_host_ids.data or []) if self.chooses_co_hosts else None

    def validate_repeated_time(self, field: RadioField) -> None:
        if field.data and field.data not in _REPEATED_TIME_FOLD:
            raise ValidationError(str(_l("This time happens twice that day. Which one?")))

    def validate_timezone(self, field: SelectField) -> None:
        if field.data not in self._offered_zones:
            raise ValidationError(str(_l("Choose a time zone from the list.")))

    def fill_times_from(self, event: EventSession) -> None:
        """Show a saved session's times as the organiser typed them."""
        starts = event.starts_at.astimezone(ZoneInfo(event.timezone))
        ends = event.ends_at.astimezone(ZoneInfo(event.timezone))
        self.day.data, self.starts.data, self.ends.data = starts.date(), starts.time(), ends.time()
        if starts.replace(fold=0).utcoffset() != starts.replace(fold=1).utcoffset():
            # The start is in the repeated hour: keep saying which of the two it is.
            self.needs_repeated_time = True
            self.repeated_time.data = "second" if starts.fold else "first"

    def session_details(self) -> SessionDetails | None:
        """The details with times resolved to UTC, or None with the field errors set."""
        if not self._day_in_window():
            return None
        fold = _REPEATED_TIME_FOLD.get(self.repeated_time.data or "")
        starts_at = self._instant(self.starts, fold)
        ends_at = self._instant(self.ends, fold)
        if starts_at is None or ends_at is None:
            return None
        if ends_at <= starts_at:
            # On the End field (and so in the error summary), not only as a banner.
            self.ends.errors.append(str(_l("The session must end after it starts.")))
            return None
        return SessionDetails(
            title_en=self.title_en.data or "",
            title_fr=self.title_fr.data or "",
            description_en=self.description_en.data or "",
            description_fr=self.description_fr.data or "",
            format=SessionFormat(self.format.data),
            venue=self.venue.data or "",
            video_url=self.video_url.data or "",
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=self.timezone.data,
            capacity=self.capacity.data,
            levels=tuple(Level(code) for code in self.levels.data),
            past_confirmed=bool(self.past_confirmed.data),
        )

    def _today(self) -> date:
        """Today on the session's own clock."""
        zone = ZoneInfo(self.timezone.data) if is_known_zone(self.timezone.data) else UTC
        return utcnow().astimezone(zone).date()

    def _day_in_window(self) -> bool:
        try:
            check_day(self.day.data, self._today(), past_confirmed=bool(self.past_confirmed.data))
        except DayOutsideWindow as error:
            self.day.errors.append(str(error.message))
            self.needs_past_confirmation |= error.needs_confirmation
            return False
        return True

    def _instant(self, field: TimeField, fold: int | None) -> datetime | None:
        try:
            return local_to_utc(self.day.data, field.data, self.timezone.data, fold)
        except NonexistentLocalTime as error:
            field.errors.append(str(error.message))
        except AmbiguousLocalTime as error:
            self.needs_repeated_time = True
            self.repeated_time.errors.append(str(error.message))
        except UnrepresentableTime as error:
            self.day.errors.append(str(error.message))
        return None
