"""Attendees signing up and managing their place through the link in their e-mail."""

from flask import Blueprint

bp = Blueprint("registration", __name__, template_folder="templates")
