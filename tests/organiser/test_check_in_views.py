"""The door page, a scanned ticket, and attendance on the attendee list, through HTTP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import EventSession, Registration, WalkIn
from business_corner.services import check_in as door
from business_corner.services.check_in import CheckInRules
from business_corner.services.registration import register
from tests.support.applicants import applicant
from tests.support.language import visible_text
from tests.support.tokens import make_check_in_token, make_manage_token

RULES = CheckInRules()


@pytest.fixture
def tonight(marseille, make_session, now):
    """Starting in half an hour: Ana Martin of Calanques SAS, Ben Dupont of Société Navale."""
    event = make_session(marseille, capacity=2, starts_in=timedelta(minutes=30))
    ana = register(db.session, event.id, applicant("ana@x.fr"), now=now).registration_id
    ben_details = applicant("ben@x.fr", first_name="Ben", last_name="Dupont")
    ben = register(db.session, event.id, ben_details, now=now).registration_id
    db.session.get_one(Registration, ben).company = "Société Navale"
    db.session.commit()
    return event, ana, ben


def row_of(markup: str, registration_id: int) -> str:
    match = re.search(rf'<li class="door-row[^"]*" id="r{registration_id}"[^>]*>', markup)
    assert match, markup
    return match.group(0)


def checked_in(registration_id: int) -> bool:
    db.session.expire_all()
    return db.session.get_one(Registration, registration_id).checked_in_at is not None


def test_the_door_lists_everyone_expected_with_the_counts(client, organiser, login, tonight):
    event, ana, ben = tonight
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/check-in").get_data(as_text=True)
    text = visible_text(page)
    assert "Ana Martin" in text and "Ben Dupont" in text
    assert "hidden" not in row_of(page, ana) and "hidden" not in row_of(page, ben)
    assert re.search(r"Attendus\s*2\s*Présents\s*0\s*Sans inscription\s*0", text)
    assert 'src="/static/js/check-in.js"' in page


@pytest.mark.parametrize(("query", "found"), [("societe nav", "ben"), ("MARTIN", "ana")])
def test_searching_without_javascript_is_a_get_form(
    client, organiser, login, tonight, query, found
):
    event, ana, ben = tonight
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/check-in", query_string={"q": query})
    markup = page.get_data(as_text=True)
    shown, other = (ben, ana) if found == "ben" else (ana, ben)
    assert " hidden" not in row_of(markup, shown)
    assert " hidden" in row_of(markup, other)


def test_one_tap_checks_in_and_comes_back_to_the_same_search(client, organiser, login, tonight):
    event, ana, _ben = tonight
    login(organiser)
    response = client.post(
        f"/organiser/sessions/{event.id}/check-in/{ana}", data={"present": "1", "q": "ana"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organiser/sessions/{event.id}/check-in?q=ana#r{ana}"
    assert checked_in(ana)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Arrivée de Ana Martin enregistrée." in visible_text(page)
    assert "is-present" in row_of(page, ana)

    undone = client.post(f"/organiser/sessions/{event.id}/check-in/{ana}", data={"present": "0"})
    assert undone.status_code == 302 and not checked_in(ana)


def test_the_script_gets_the_new_row_and_counts(client, organiser, login, tonight):
    event, ana, _ben = tonight
    login(organiser)
    answer = client.post(
        f"/organiser/sessions/{event.id}/check-in/{ana}",
        data={"present": "1"},
        headers={"Accept": "application/json"},
    ).get_json()
    assert "is-present" in answer["row"] and f'id="r{ana}"' in answer["row"]
    assert 'data-search="ana martin calanques sas"' in answer["row"]
    assert re.search(r"<dd>1</dd>", answer["counts"])
    assert "Ana Martin" in answer["message"]
    assert checked_in(ana)


def test_before_the_door_opens_nothing_changes(
    client, organiser, login, marseille, make_session, now
):
    event = make_session(marseille, starts_in=timedelta(days=2))
    ana = register(db.session, event.id, applicant(), now=now).registration_id
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/check-in").get_data(as_text=True)
    assert "L’accueil ouvre 120 minutes avant le début de la session." in visible_text(page)
    assert "door-toggle" not in page
    refused = client.post(
        f"/organiser/sessions/{event.id}/check-in/{ana}",
        data={"present": "1"},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 409 and "120 minutes" in refused.get_json()["error"]
    assert not checked_in(ana)


def test_a_walk_in_at_the_door_is_present_at_once(client, organiser, login, tonight):
    event, _ana, _ben = tonight
    login(organiser)
    response = client.post(
        f"/organiser/sessions/{event.id}/check-in/walk-ins",
        data={
            "name": "Zoé Arrivée",
            "company": "Port de Marseille",
            "level": "B2",
            "sector": "transport",
            "email": " Zoe@Port.FR ",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    (walk_in,) = db.session.scalars(db.select(WalkIn)).all()
    assert (walk_in.name, walk_in.email) == ("Zoé Arrivée", "zoe@port.fr")
    assert walk_in.consent_at is not None
    page = client.get(f"/organiser/sessions/{event.id}/check-in").get_data(as_text=True)
    assert "Zoé Arrivée" in page
    assert door.door_counts(db.session, event.id).walk_ins == 1


def test_a_walk_ins_address_needs_their_consent(client, organiser, login, tonight):
    event, _ana, _ben = tonight
    login(organiser)
    response = client.post(
        f"/organiser/sessions/{event.id}/check-in/walk-ins",
        data={"name": "Zoé", "level": "B2", "sector": "transport", "email": "zoe@port.fr"},
    )
    assert response.status_code == 422
    assert "la personne doit accepter" in visible_text(response.get_data(as_text=True))
    assert db.session.scalars(db.select(WalkIn)).all() == []


# A scanned ticket ------------------------------------------------------------------------


def test_a_scanned_ticket_shows_the_organiser_who_it_is_and_one_button(
    client, organiser, login, tonight
):
    _event, ana, _ben = tonight
    login(organiser)
    url = f"/organiser/check-in/{make_check_in_token(ana)}"
    page = client.get(url).get_data(as_text=True)
    assert "Ana Martin" in page and "Calanques SAS" in page
    assert page.count('method="post"') == 2  # the check-in button, and logging out
    assert not checked_in(ana)  # a GET changes nothing

    done = client.post(url)
    assert done.status_code == 302 and checked_in(ana)
    assert "Arrivée enregistrée à" in visible_text(client.get(url).get_data(as_text=True))


def test_to_anyone_else_a_ticket_shows_nothing_personal_and_changes_nothing(
    client, los_angeles, make_organiser, login, tonight
):
    _event, ana, _ben = tonight
    url = f"/organiser/check-in/{make_check_in_token(ana)}"

    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "Martin" not in anonymous.get_data(as_text=True)
    assert "/organiser/login?next=" in anonymous.get_data(as_text=True)
    posted = client.post(url)
    assert posted.status_code == 302 and "/organiser/login" in posted.headers["Location"]

    login(make_organiser(los_angeles))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "Martin" not in response.get_data(as_text=True)
    assert not checked_in(ana)


@pytest.mark.parametrize("token", ["not-a-ticket", "manage"])
def test_a_ticket_that_is_not_one_opens_nothing(client, organiser, login, tonight, token):
    _event, ana, _ben = tonight
    login(organiser)
    value = make_manage_token(ana) if token == "manage" else token
    for response in (
        client.get(f"/organiser/check-in/{value}"),
        client.post(f"/organiser/check-in/{value}"),
    ):
        assert response.status_code == 404
        assert "Martin" not in response.get_data(as_text=True)
    assert not checked_in(ana)


# The attendee list ---------------------------------------------------------------------


def test_the_list_marks_people_present_and_records_no_shows_once_it_is_over(
    client, organiser, login, tonight, now
):
    event, ana, ben = tonight
    login(organiser)
    response = client.post(
        f"/organiser/sessions/{event.id}/check-in/{ana}", data={"present": "1", "back": "list"}
    )
    assert response.headers["Location"] == f"/organiser/sessions/{event.id}/attendees#r{ana}"
    # The session is over: opening the list records Ben as a no-show.
    db.session.expire_all()
    moved = db.session.get_one(EventSession, event.id)
    moved.starts_at, moved.ends_at = now - timedelta(hours=3), now - timedelta(hours=2)
    db.session.commit()

    text = visible_text(client.get(f"/organiser/sessions/{event.id}/attendees").get_data(True))

    assert re.search(r"Ana Martin.*Arrivée enregistrée", text)
    assert re.search(r"Ben Dupont.*Absence", text)
    db.session.expire_all()
    assert db.session.get_one(Registration, ben).no_show_at is not None


def test_the_list_shows_each_persons_record_at_other_sessions(
    client, organiser, login, marseille, make_session, tonight, now
):
    event, _ana, _ben = tonight
    before = make_session(marseille, starts_in=timedelta(minutes=20), minutes=30)
    earlier = register(db.session, before.id, applicant("ana@x.fr"), now=now).registration_id
    someone = register(db.session, before.id, applicant("else@x.fr"), now=now).registration_id
    door.check_in(db.session, organiser, before.id, someone, now=now, rules=RULES)
    door.record_no_shows(db.session, now + timedelta(hours=1), RULES)
    assert db.session.get_one(Registration, earlier).no_show_at is not None
    login(organiser)

    text = visible_text(client.get(f"/organiser/sessions/{event.id}/attendees").get_data(True))

    assert re.search(r"Ana Martin.*0 présence · 1 absence", text)
    assert re.search(r"Ben Dupont.*aucune", text)


def test_confirm_or_release_is_switched_on_and_off_per_session(
    client, organiser, login, marseille, make_session
):
    event = make_session(marseille, starts_in=timedelta(days=5))
    login(organiser)
    page = client.get(f"/organiser/sessions/{event.id}/attendees").get_data(as_text=True)
    assert "Demander aux participants de confirmer" in page

    client.post(f"/organiser/sessions/{event.id}/confirm-or-release", data={"on": "1"})
    db.session.expire_all()
    assert db.session.get_one(EventSession, event.id).confirm_or_release
    client.post(f"/organiser/sessions/{event.id}/confirm-or-release", data={"on": "0"})
    db.session.expire_all()
    assert not db.session.get_one(EventSession, event.id).confirm_or_release
