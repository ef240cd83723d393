"""Tandems in a real browser: a member joins from their phone or laptop, confirms from the
mail and changes their hours; an organiser runs a round and publishes it."""

from __future__ import annotations

import re
import time
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from tests.support.browser import DESKTOP, PHONE

SAYS = {
    "fr": {
        "join": "Rejoindre les tandems",
        "inbox": "Consultez votre messagerie",
        "subject": "confirmez votre adresse",
        "confirm": "Confirmer mon adresse",
        "confirmed": "Votre adresse est confirmée",
        "save": "Enregistrer mes modifications",
        "saved": "Vos informations ont été enregistrées.",
        "propose": "Proposer les binômes",
        "publish": "Publier et envoyer les invitations",
        "published": "Publié",
        "invite": "Votre tandem avec",
    },
    "en": {
        "join": "Join the tandems",
        "inbox": "Check your inbox",
        "subject": "confirm your address",
        "confirm": "Confirm my address",
        "confirmed": "Your address is confirmed",
        "save": "Save my changes",
        "saved": "Your details have been saved.",
        "propose": "Propose the pairs",
        "publish": "Publish and send the invitations",
        "published": "Published",
        "invite": "Your tandem with",
    },
}
JOURNEYS = [("fr", "marseille", PHONE), ("en", "los-angeles", DESKTOP)]


@pytest.mark.parametrize(("language", "city", "viewport"), JOURNEYS)
def test_join_confirm_from_the_mail_and_change_hours(
    page_for, site, mailbox, language, city, viewport
):
    says = SAYS[language]
    email = f"tandem.{language}.{viewport['width']}@example.com"
    page = page_for(language, viewport=viewport)
    page.goto(site.url("/"))
    page.locator(".main-nav").get_by_role("link", name="Tandems").click()
    page.fill("#first_name", "Noa")
    page.fill("#last_name", "Lambert")
    page.fill("#email", email)
    page.check(f"input[name=city][value={city}]")
    page.fill("#company", "Lambert Export")
    page.select_option("#sector", "agrifood")
    page.check("input[name=english_level][value=B2]")
    page.check("input[name=offers][value=agrifood]")
    page.check("input[name=seeks][value=trade]")
    page.fill("#seeks_text", "a distributor" if language == "en" else "un distributeur")
    page.check("#consent")
    page.get_by_role("button", name=says["join"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(says["inbox"])

    mail = mailbox.wait_for(email, says["subject"])
    assert mail["Content-Language"] == language
    text = mail.get_body(("plain",)).get_content()
    link = re.search(re.escape(site.base) + r"/tandems/me/[^\s/]+/confirm", text)
    assert link, text
    page.goto(link.group(0))
    page.get_by_role("button", name=says["confirm"]).click()
    expect(page.locator(".flash-success")).to_contain_text(says["confirmed"])

    # Friday mornings only, this member's own clock.
    for day in ("mon", "tue", "wed", "thu"):
        page.uncheck(f"#{day}_on")
    page.fill("#fri_from", "08:00")
    page.fill("#fri_to", "10:00")
    page.get_by_role("button", name=says["save"]).click()
    expect(page.locator(".flash-success")).to_have_text(says["saved"])
    assert page.input_value("#fri_from") == "08:00" and page.input_value("#fri_to") == "10:00"
    assert not page.is_checked("#mon_on")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize(("language", "viewport"), [("en", DESKTOP), ("fr", PHONE)])
def test_run_a_round_and_publish_it(page_for, site, mailbox, language, viewport):
    says = SAYS[language]
    page = page_for(language, organiser=True, viewport=viewport)
    page.goto(site.url("/organiser/tandems"))
    page.fill("#days", "14")
    page.get_by_role("button", name=says["propose"]).click()
    page.wait_for_url(re.compile(r"/organiser/tandems/rounds/\d+$"))
    cards = page.locator(".pair-card")
    assert cards.count() >= 1
    expect(cards.first.locator(".why")).not_to_be_empty()
    invitations_before = invitations(mailbox)
    page.get_by_role("button", name=says["publish"]).click()
    expect(page.locator(".flash-success")).to_contain_text(says["published"])
    # Two invitations per pair (iMIP REQUEST), written by the mail sender within seconds.
    deadline = time.monotonic() + 15
    while invitations(mailbox) < invitations_before + 2 * cards.count():
        assert time.monotonic() < deadline, "the invitations were not sent"
        time.sleep(0.2)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the round page is {overflow}px too wide"


def invitations(mailbox) -> int:
    """Tandem invitations (METHOD:REQUEST) the application has sent so far."""
    count = 0
    for path in mailbox.folder.glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in message.walk():
            if part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST":
                count += b"UID:tandem-" in part.get_payload(decode=True)
    return count
