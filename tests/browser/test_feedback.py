"""The feedback form on a 375 px phone, in both languages: it fits, axe finds nothing, the
"I can…" help is under each level, companions are offered by first name and company, and
the answer is taken once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from business_corner import create_app
from business_corner.clock import utcnow
from business_corner.extensions import db
from business_corner.links import link_signer
from business_corner.models import Chapter, EventSession, Organiser, Registration
from business_corner.services.registration import register
from business_corner.services.tables.session_plans import PlanSettings, make_plan
from business_corner.vocabulary import Level, SessionFormat, SessionStatus
from tests.browser.conftest import LANGUAGES
from tests.support.applicants import applicant
from tests.support.axe import report, violations
from tests.support.browser import PHONE

SAYS = {
    "fr": {
        "heading": "Comment s’est passée la session ?",
        "useful": "5 · très utile",
        "can do": "Je me débrouille dans la plupart des situations professionnelles",
        "fit": "À peu près adapté",
        "consent": "Si une personne que j’ai choisie",
        "send": "Envoyer mes réponses",
        "thanks": "Merci ! Vos réponses nous aident",
    },
    "en": {
        "heading": "How was the session?",
        "useful": "5 · very useful",
        "can do": "I can deal with most work situations if people speak clearly.",
        "fit": "About right",
        "consent": "If someone I chose also chose me",
        "send": "Send my answers",
        "thanks": "Thank you! Your answers help us",
    },
}


@pytest.fixture(scope="module")
def feedback_tokens(site, site_folder: Path) -> dict[str, str]:
    """A Marseille session that ended yesterday; one attendee per language plus a companion,
    all checked in at one table. Their manage tokens, by language."""
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{site_folder / 'business_corner.sqlite3'}",
            "SECRET_KEY": "browser tests",
            "PUBLIC_URL": site.base,
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(site_folder / "mail"),
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        now = utcnow()
        chapter = db.session.scalars(db.select(Chapter).where(Chapter.name == "Marseille")).one()
        organiser = db.session.scalars(
            db.select(Organiser).where(Organiser.chapter_id == chapter.id)
        ).first()
        starts = (now + timedelta(days=2)).replace(second=0, microsecond=0)
        event = EventSession(
            chapter=chapter,
            title_en="Feedback evening",
            title_fr="Soirée des retours",
            description_en="",
            description_fr="",
            format=SessionFormat.IN_PERSON,
            venue="9 La Canebière, Marseille",
            video_url="",
            starts_at=starts,
            ends_at=starts + timedelta(minutes=90),
            timezone=chapter.timezone,
            capacity=10,
            levels=tuple(Level),
            status=SessionStatus.PUBLISHED,
        )
        db.session.add(event)
        db.session.commit()
        people = {
            "fr": applicant("retour.fr@example.com", first_name="Amélie", locale="fr"),
            "en": applicant("feedback.en@example.com", first_name="Bill", locale="en"),
            "mate": applicant("mate@example.com", first_name="Corentin", locale="fr"),
        }
        ids = {
            key: register(db.session, event.id, person, now=now).registration_id
            for key, person in people.items()
        }
        event = db.session.get_one(EventSession, event.id)
        event.starts_at = now - timedelta(hours=22)
        event.ends_at = event.starts_at + timedelta(minutes=90)
        for registration_id in ids.values():
            db.session.get_one(Registration, registration_id).checked_in_at = event.starts_at
        db.session.commit()
        make_plan(
            db.session, organiser, event.id, PlanSettings(1, None, 1, 20, event.starts_at), now=now
        )
        signer = link_signer(app)
        tokens = {key: signer.make_manage_token(ids[key]) for key in ("fr", "en")}
        db.session.remove()
        db.engine.dispose()
    return tokens


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_form_on_a_phone(page_for, site, feedback_tokens, language):
    says = SAYS[language]
    page = page_for(language, viewport=PHONE)
    page.goto(site.url(f"/manage/{feedback_tokens[language]}/feedback"))
    expect(page.get_by_role("heading", level=1)).to_have_text(says["heading"])
    expect(page.locator("main")).to_contain_text(says["can do"])
    expect(page.locator("main")).to_contain_text("Corentin · Calanques SAS")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    found = violations(page)
    assert found == [], report(found)

    # Sent empty: the errors are listed, the page still fits.
    page.get_by_role("button", name=says["send"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    page.get_by_label(says["useful"]).check()
    page.get_by_label("B2 ·").check()
    page.get_by_label(says["fit"]).check()
    page.get_by_label("Corentin · Calanques SAS").check()
    page.get_by_label(says["consent"]).check()
    page.get_by_role("button", name=says["send"]).click()
    expect(page.locator("main")).to_contain_text(says["thanks"])

    page.goto(site.url(f"/manage/{feedback_tokens[language]}/feedback"))
    expect(page.locator(".status")).to_be_visible()
    expect(page.get_by_role("button", name=says["send"])).to_have_count(0)
