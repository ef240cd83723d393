"""Rate limits of the public forms that take an address (registration, a series' sign-up,
following, "I lost my link"): per network and per inbox, from the configuration."""

from __future__ import annotations

from flask import current_app, request

from business_corner.security import address_rate_limit_key


def per_address_limit() -> str:
    return str(current_app.config["REGISTRATION_RATE_LIMIT_PER_ADDRESS"])


def per_network_limit() -> str:
    return str(current_app.config["REGISTRATION_RATE_LIMIT_PER_IP"])


def address_key() -> str:
    # Counted per inbox (trimmed, lower-case, without a +tag): one inbox cannot be flooded.
    return address_rate_limit_key(request.form.get("email", ""), current_app.config["SECRET_KEY"])
