"""Calendar files: a session's .ics, and the subscribable feeds (public and organisers')."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)
