"""A sign-up validates the address once: the form does it, the service takes the result."""

from __future__ import annotations

import email_validator
import pytest

from business_corner.services import addresses
from business_corner.services.addresses import Address, normalise_address
from tests.support.applicants import registration_form


@pytest.fixture
def validations(monkeypatch):
    """Every address email-validator checks, in order."""
    seen: list[str] = []

    def counting(address: str, **options: object) -> email_validator.ValidatedEmail:
        seen.append(address)
        return email_validator.validate_email(address, **options)

    monkeypatch.setattr(addresses, "validate_email", counting)
    return seen


def test_each_sign_up_validates_the_address_exactly_once(
    client, marseille, make_session, validations
):
    event = make_session(marseille)
    for attempt in (1, 2):  # the second is a repeat: same address, same work, nothing cached
        response = client.post(
            f"/sessions/{event.id}/register", data=registration_form(email="Ana@Example.com")
        )
        assert response.status_code == 302
        assert validations == ["Ana@Example.com"] * attempt


def test_a_normalised_address_is_not_validated_again(app, validations):
    address = normalise_address(" Ana@Example.COM ")
    assert isinstance(address, Address) and address == "ana@example.com"
    assert normalise_address(address) is address
    assert validations == ["Ana@Example.COM"]
