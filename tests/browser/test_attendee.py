"""An attendee registers from their phone, gets the e-mail, and cancels through its link,
in French and in English; and the whole form works with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LANGUAGES, manage_link
from tests.support.tour import ACCEPTED, SENT_BACK, fill_registration, submit_registration

SAYS = {
    "fr": {
        "inbox": "Consultez votre messagerie",
        "confirmed subject": "Votre place est confirmée",
        "confirmed": "Votre place est confirmée.",
        "cancel link": "Annuler mon inscription",
        "cancel button": "Oui, annuler mon inscription",
        "cancelled": "Votre inscription est annulée.",
        "cancelled subject": "Votre inscription est annulée",
    },
    "en": {
        "inbox": "Check your inbox",
        "confirmed subject": "Your place is confirmed",
        "confirmed": "Your place is confirmed.",
        "cancel link": "Cancel my registration",
        "cancel button": "Yes, cancel my registration",
        "cancelled": "Your registration is cancelled.",
        "cancelled subject": "Your registration is cancelled",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_receive_the_mail_and_cancel_by_its_link(page_for, site, mailbox, language):
    says = SAYS[language]
    email = f"journey.{language}@example.com"
    page = page_for(language)

    page.goto(site.url("/"))
    page.click(f'.card a.button[href="/sessions/{site.event_id}#register"]')
    fill_registration(page, email)
    submit_registration(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(says["inbox"])
    expect(page.locator("main")).to_contain_text(email)
    # The form's #register (where errors would show) does not follow to the confirmation.
    assert "#register" not in page.url, page.url

    confirmation = mailbox.wait_for(email, says["confirmed subject"])
    assert confirmation["Content-Language"] == language
    page.goto(manage_link(confirmation, site.base))
    expect(page.locator(".status")).to_have_text(says["confirmed"])

    page.get_by_role("link", name=says["cancel link"]).click()
    page.get_by_role("button", name=says["cancel button"]).click()
    expect(page.locator(".status")).to_have_text(says["cancelled"])
    cancelled = mailbox.wait_for(email, says["cancelled subject"])
    assert cancelled["Content-Language"] == language


def has_focus(page, selector: str) -> bool:
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector: str, most: int = 40) -> None:
    """Press Tab until the element has the focus, as someone without a mouse would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if has_focus(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_registration_with_the_keyboard_alone(page_for, site, mailbox):
    page = page_for("fr")
    page.goto(site.url(f"/sessions/{site.event_id}"))
    page.keyboard.press("Tab")
    assert has_focus(page, ".skip-link")
    page.keyboard.press("Enter")  # skip the header

    # Sent empty: the errors are summarised first, each linked to its field.
    tab_to(page, "#first_name")
    page.keyboard.press("Enter")
    page.wait_for_url(SENT_BACK)
    assert page.title().startswith("Erreur\u00a0:")
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Merci de corriger")
    page.keyboard.press("Tab")
    first_link = summary.get_by_role("link").first
    expect(first_link).to_be_focused()
    page.keyboard.press("Enter")
    assert has_focus(page, "#first_name")

    # Filled in with the keyboard: type, choose with arrows and space, send with Enter.
    page.keyboard.type("Nour")
    for field, text in [
        ("last_name", "Haddad"),
        ("email", "keyboard@example.com"),
        ("company", "Cap Santé"),
    ]:
        tab_to(page, f"#{field}")
        page.keyboard.type(text)
    tab_to(page, "#sector")
    page.keyboard.type("Sant")  # a closed list jumps to the first match as one types
    assert page.eval_on_selector("#sector", "select => select.value") == "health"
    tab_to(page, "#level-0")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#level-3")  # B2
    tab_to(page, "#consent")
    page.keyboard.press("Space")
    tab_to(page, "#register button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(ACCEPTED)

    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    assert mailbox.wait_for("keyboard@example.com")["Content-Language"] == "fr"
