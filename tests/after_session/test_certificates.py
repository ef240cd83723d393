"""Certificates of attendance: only after check-in, a code nobody can guess, a PDF whose
text reads back intact, and a public page that says only the name and the session."""

from __future__ import annotations

import io
import math
from datetime import timedelta

import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from business_corner.extensions import db
from business_corner.models import AuditEntry, Registration
from business_corner.services import certificates
from business_corner.services.certificates import (
    CODE_ALPHABET,
    CODE_LENGTH,
    NoCertificate,
    certificate_code,
    certificate_page,
    certificates_pdf,
    verify,
)
from business_corner.vocabulary import AuditAction
from tests.support.after_session import past_session
from tests.support.language import visible_text
from tests.support.tokens import make_manage_token

ELOISE = {
    "email": "eloise@example.fr",
    "first_name": "Éloïse",
    "last_name": "Dû-Pèré",
    "locale": "fr",
}
BEN = {"email": "ben@example.com", "first_name": "Ben", "last_name": "Ng", "locale": "en"}
TITLE_FR = "Réseauter à l’été : où ça ? Ça œuvre !"


@pytest.fixture
def over(make_session, marseille, now):
    """Éloïse and Ben came; Zoé registered and did not."""
    return past_session(
        make_session,
        marseille,
        now,
        came=[ELOISE, BEN],
        missed=[{"email": "zoe@example.fr", "first_name": "Zoé"}],
        title_fr=TITLE_FR,
        title_en="Networking in summer",
    )


def person(registration_id: int) -> Registration:
    return db.session.get_one(Registration, registration_id)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_certificate_only_after_check_in(over):
    _event, (eloise, _ben), (zoe,) = over
    with pytest.raises(NoCertificate):
        certificate_code(db.session, person(zoe))
    assert person(zoe).certificate_code is None
    assert len(certificate_code(db.session, person(eloise))) == CODE_LENGTH


def test_an_undone_check_in_takes_the_certificate_away(over):
    _event, (eloise, _ben), _missed = over
    code = certificate_code(db.session, person(eloise))
    assert verify(db.session, code) is not None
    person(eloise).checked_in_at = None
    db.session.commit()
    assert verify(db.session, code) is None
    with pytest.raises(NoCertificate):
        certificate_code(db.session, person(eloise))


def test_the_code_is_drawn_once_and_kept(over):
    _event, (eloise, _ben), _missed = over
    first = certificate_code(db.session, person(eloise))
    db.session.expire_all()
    assert certificate_code(db.session, person(eloise)) == first


def test_codes_are_random_not_derived_from_ids(over):
    """78 bits drawn by ``secrets``: no two alike in thousands, every character used, and
    nothing of the registration's id in them."""
    _event, (eloise, ben), _missed = over
    drawn = {certificates.new_code() for _ in range(5000)}
    assert len(drawn) == 5000
    assert set("".join(drawn)) == set(CODE_ALPHABET)
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) > 75
    codes = [
        certificate_code(db.session, person(eloise)),
        certificate_code(db.session, person(ben)),
    ]
    assert codes[0] != codes[1]
    assert str(eloise) not in codes[0] or str(ben) not in codes[1]


def test_verification_accepts_the_code_as_typed_and_nothing_close(over):
    _event, (eloise, _ben), _missed = over
    code = certificate_code(db.session, person(eloise))
    shown = certificates.display_code(code)
    assert verify(db.session, shown.lower()).name == "Éloïse Dû-Pèré"
    assert verify(db.session, f" {code} ").name == "Éloïse Dû-Pèré"
    other = CODE_ALPHABET[(CODE_ALPHABET.index(code[-1]) + 1) % len(CODE_ALPHABET)]
    assert verify(db.session, code[:-1] + other) is None
    assert verify(db.session, code[:-1]) is None
    assert verify(db.session, "' OR 1=1 --") is None


def test_the_pdf_reads_back_with_every_accent(app, over, now):
    _event, (eloise, _ben), _missed = over
    code = certificate_code(db.session, person(eloise))
    with force_locale("fr"):
        page = certificate_page(person(eloise), code, "https://bc.test/certificates/check")
    data = certificates_pdf([page], now)
    assert data.startswith(b"%PDF-")
    (text,) = pdf_text(data)
    flat = " ".join(text.split())
    assert "Attestation de présence" in flat
    assert "Éloïse Dû-Pèré" in flat
    assert TITLE_FR in flat
    assert "Calanques SAS" in flat
    assert certificates.display_code(code) in flat
    assert "Marseille" in flat and "1 h 30 min" in flat


def test_the_attendee_downloads_it_from_their_page_in_their_language(client, over):
    _event, (_eloise, ben), (zoe,) = over
    token = make_manage_token(ben)
    page = client.get(f"/manage/{token}").get_data(as_text=True)
    assert f"/manage/{token}/certificate.pdf" in page
    response = client.get(f"/manage/{token}/certificate.pdf")
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    (text,) = pdf_text(response.data)
    assert "Certificate of attendance" in text and "Networking in summer" in text

    refused_token = make_manage_token(zoe)
    assert "certificate.pdf" not in client.get(f"/manage/{refused_token}").get_data(True)
    refused = client.get(f"/manage/{refused_token}/certificate.pdf", follow_redirects=True)
    assert refused.status_code == 200
    assert "réservée aux personnes" in visible_text(refused.get_data(as_text=True))


def test_the_public_page_says_only_the_name_and_the_session(client, over):
    _event, (eloise, _ben), _missed = over
    code = certificate_code(db.session, person(eloise))
    response = client.get(f"/certificates/check?code={certificates.display_code(code)}")
    text = visible_text(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Éloïse Dû-Pèré" in text and TITLE_FR in text
    assert "eloise@example.fr" not in text and "Calanques" not in text

    unknown = client.get("/certificates/check?code=AAAA-AAAA-AAAA-AAAA")
    assert unknown.status_code == 404
    assert "Éloïse" not in unknown.get_data(as_text=True)
    assert client.get("/certificates/check").status_code == 200


def test_organisers_download_every_certificate_as_one_pdf(
    client, login, organiser, over, make_organiser, los_angeles
):
    event, (eloise, ben), _missed = over
    login(organiser)
    response = client.get(f"/organiser/sessions/{event.id}/certificates.pdf")
    assert response.mimetype == "application/pdf"
    texts = pdf_text(response.data)
    assert len(texts) == 2
    # By last name, each in the attendee's own language.
    assert "Attestation de présence" in texts[0] and "Éloïse" in texts[0]
    assert "Certificate of attendance" in texts[1] and "Ben Ng" in texts[1]
    assert person(eloise).certificate_code and person(ben).certificate_code
    (entry,) = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == AuditAction.CERTIFICATES_EXPORTED)
    )
    assert entry.subject_id == event.id


def test_no_certificates_for_a_session_nobody_came_to(
    client, login, organiser, make_session, marseille
):
    event = make_session(marseille, starts_in=timedelta(days=3))
    login(organiser)
    response = client.get(f"/organiser/sessions/{event.id}/certificates.pdf", follow_redirects=True)
    assert "Personne n’a été enregistré" in visible_text(response.get_data(as_text=True))
