"""The form of a message to a session's attendees."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from business_corner.forms import BaseForm, PlainText, strip
from business_corner.services.attendee_messages import Draft
from business_corner.vocabulary import Audience

_TOO_LONG = _l("At most %(max)d characters.")


class MessageForm(BaseForm):
    audience = RadioField(
        _l("Send to"), validators=[InputRequired(_l("Choose who receives the message."))]
    )
    subject_fr = StringField(
        _l("Subject in French"),
        filters=[strip],
        validators=[Length(max=200, message=_TOO_LONG), PlainText()],
    )
    body_fr = TextAreaField(
        _l("Text in French"),
        filters=[strip],
        validators=[Length(max=10000, message=_TOO_LONG), PlainText(multiline=True)],
    )
    subject_en = StringField(
        _l("Subject in English"),
        filters=[strip],
        validators=[Length(max=200, message=_TOO_LONG), PlainText()],
    )
    body_en = TextAreaField(
        _l("Text in English"),
        filters=[strip],
        validators=[Length(max=10000, message=_TOO_LONG), PlainText(multiline=True)],
    )
    preview = SubmitField(_l("Preview"))
    send = SubmitField(_l("Send now"))
    edit = SubmitField(_l("Change the message"))

    def __init__(
        self, *args: object, audiences: Sequence[Audience] = tuple(Audience), **kwargs: object
    ) -> None:
        """``audiences``: the groups offered for this session ("checked in" only once
        check-in has started there)."""
        super().__init__(*args, **kwargs)
        self.audiences = list(audiences)
        self.audience.choices = [
            SelectChoice(audience.value, audience.label) for audience in self.audiences
        ]

    def validate_audience(self, field: RadioField) -> None:
        if field.data not in {audience.value for audience in self.audiences}:
            raise ValidationError(str(_l("Choose who receives the message.")))

    def draft(self) -> Draft:
        # Browsers send line breaks as CRLF; mail and previews want plain newlines.
        return Draft(
            audience=Audience(self.audience.data),
            subject_fr=self.subject_fr.data or "",
            subject_en=self.subject_en.data or "",
            body_fr=(self.body_fr.data or "").replace("\r\n", "\n"),
            body_en=(self.body_en.data or "").replace("\r\n", "\n"),
        )

    def mark_missing(self, languages: list[str]) -> None:
        """Put "write it in French/English" on the empty fields of the languages needed."""
        for language in languages:
            for name in (f"subject_{language}", f"body_{language}"):
                field = self[name]
                if not (field.data or "").strip():
                    field.errors = [
                        *field.errors,
                        str(
                            _l("Some recipients read French: this is needed.")
                            if language == "fr"
                            else _l("Some recipients read English: this is needed.")
                        ),
                    ]
