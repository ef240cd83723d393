"""The organiser accounts the fixtures create."""

from __future__ import annotations

#: Every test organiser's password (the ``make_organiser`` fixture sets it).
ORGANISER_PASSWORD = "correct horse battery"
