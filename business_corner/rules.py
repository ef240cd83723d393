"""The services' timing settings, read from the app's configuration (the way ``links``
builds the signer): services receive them as plain values and never read the config."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app

from business_corner.services.check_in import CheckInRules
from business_corner.services.confirmations import ConfirmTiming
from business_corner.services.feedback import FeedbackTiming


def check_in_rules(app: Flask | None = None) -> CheckInRules:
    config = (app or current_app).config
    return CheckInRules(
        door_opens_before=timedelta(minutes=float(config["CHECK_IN_OPENS_MINUTES_BEFORE"])),
        self_opens_before=timedelta(minutes=float(config["SELF_CHECK_IN_MINUTES_BEFORE"])),
        editable_for=timedelta(days=float(config["ATTENDANCE_EDIT_DAYS"])),
    )


def confirm_timing(app: Flask | None = None) -> ConfirmTiming:
    config = (app or current_app).config
    return ConfirmTiming(
        ask_before=timedelta(hours=float(config["CONFIRM_ASK_HOURS_BEFORE"])),
        release_before=timedelta(hours=float(config["CONFIRM_RELEASE_HOURS_BEFORE"])),
    )


def feedback_timing(app: Flask | None = None) -> FeedbackTiming:
    config = (app or current_app).config
    return FeedbackTiming(
        send_hour=int(config["FEEDBACK_SEND_HOUR"]), open_days=int(config["FEEDBACK_OPEN_DAYS"])
    )
