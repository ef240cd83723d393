"""The session form's co-hosts: chosen by the creating chapter, in both languages; the
pages of a joint session say who hosts it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from business_corner.extensions import db
from business_corner.models import AuditEntry, EventSession, SessionHost
from business_corner.vocabulary import AuditAction
from tests.organiser.test_sessions_views import session_form, text

ENGLISH = {"Accept-Language": "en"}
FRENCH = {"Accept-Language": "fr"}


@pytest.fixture
def next_month(now):
    return (now + timedelta(days=30)).date()


def hosts_of(event_id: int) -> set[int]:
    db.session.expire_all()
    return set(
        db.session.scalars(
            db.select(SessionHost.chapter_id).where(SessionHost.session_id == event_id)
        )
    )


@pytest.mark.parametrize(
    ("headers", "legend", "label"),
    [
        (ENGLISH, "Joint session", "Co-hosting chapters"),
        (FRENCH, "Session commune", "Antennes co-organisatrices"),
    ],
)
def test_the_creating_chapter_is_offered_the_other_chapters(
    client, organiser, los_angeles, login, headers, legend, label
):
    login(organiser)
    page = text(client.get("/organiser/sessions/new", headers=headers))
    assert legend in page and label in page
    assert f'value="{los_angeles.id}"' in page and "Los Angeles" in page
    assert 'name="co_host_ids"' in page
    assert page.count('name="co_host_ids"') == 1  # not its own chapter


def test_creating_a_joint_session_from_the_form(
    client, organiser, marseille, los_angeles, login, next_month
):
    login(organiser)
    response = client.post(
        "/organiser/sessions/new", data=session_form(next_month, co_host_ids=[str(los_angeles.id)])
    )
    assert response.status_code == 302
    event = db.session.scalars(db.select(EventSession)).one()
    assert hosts_of(event.id) == {marseille.id, los_angeles.id}
    edit = text(client.get(f"/organiser/sessions/{event.id}/edit", headers=ENGLISH))
    assert f'value="{los_angeles.id}" checked' in edit or (
        f'checked id="co_host_ids-0" name="co_host_ids" type="checkbox" value="{los_angeles.id}"'
        in edit
    )


def test_unticking_a_co_host_on_the_edit_form_drops_it(
    client, organiser, marseille, los_angeles, make_session, login, next_month
):
    joint = make_session(marseille, co_hosts=(los_angeles,))
    login(organiser)
    client.post(f"/organiser/sessions/{joint.id}/edit", data=session_form(next_month))
    assert hosts_of(joint.id) == {marseille.id}
    assert db.session.scalars(
        db.select(AuditEntry.chapter_id).where(AuditEntry.action == AuditAction.HOSTS_CHANGED)
    ).all() == [marseille.id, los_angeles.id]


def test_an_unknown_co_host_is_a_form_error_not_a_500(
    client, organiser, login, next_month, los_angeles
):
    login(organiser)
    for value in ("999999", "not-a-number"):
        response = client.post(
            "/organiser/sessions/new",
            data=session_form(next_month, co_host_ids=[value]),
            headers=ENGLISH,
        )
        assert response.status_code == 422
    assert db.session.scalars(db.select(EventSession)).all() == []


@pytest.mark.parametrize(
    ("headers", "note"),
    [
        (ENGLISH, "Joint session created by the Marseille chapter, co-hosted by: Los Angeles."),
        (
            FRENCH,
            "Session commune créée par l’antenne de Marseille, co-organisée par\u00a0: "
            "Los Angeles.",
        ),
    ],
)
def test_a_co_host_edits_but_does_not_choose_the_hosts(
    client,
    marseille,
    los_angeles,
    make_chapter,
    make_organiser,
    make_session,
    login,
    next_month,
    headers,
    note,
):
    new_york = make_chapter("New York", "America/New_York")
    joint = make_session(marseille, co_hosts=(los_angeles,))
    login(make_organiser(los_angeles))
    page = text(client.get(f"/organiser/sessions/{joint.id}/edit", headers=headers))
    assert 'name="co_host_ids"' not in page
    assert note in page
    response = client.post(
        f"/organiser/sessions/{joint.id}/edit",
        data=session_form(next_month, capacity="33", co_host_ids=[str(new_york.id)]),
    )
    assert response.status_code == 302
    assert hosts_of(joint.id) == {marseille.id, los_angeles.id}
    assert db.session.get(EventSession, joint.id).capacity == 33


@pytest.mark.parametrize(
    ("headers", "line"),
    [
        (ENGLISH, "Organised together by the chapters of Los Angeles, Marseille"),
        (FRENCH, "Organisée ensemble par les antennes de Los Angeles, Marseille"),
    ],
)
def test_the_public_page_names_every_host(
    client, marseille, los_angeles, make_session, headers, line
):
    joint = make_session(marseille, co_hosts=(los_angeles,))
    assert line in text(client.get(f"/sessions/{joint.id}", headers=headers))
    assert "Los Angeles · Marseille" in text(client.get("/", headers=headers))


def test_the_audit_trail_names_the_chapters(
    client, organiser, marseille, los_angeles, make_session, login, next_month
):
    joint = make_session(marseille)
    login(organiser)
    client.post(
        f"/organiser/sessions/{joint.id}/edit",
        data=session_form(next_month, co_host_ids=[str(los_angeles.id)]),
    )
    page = text(client.get("/organiser/audit", headers=ENGLISH))
    assert "Co-hosts changed" in page
    assert "Added: Los Angeles · removed: —" in page


@pytest.mark.parametrize(
    ("headers", "tag", "line"),
    [
        (
            ENGLISH,
            "Joint session: Los Angeles, Marseille",
            "Joint session of the chapters of Los Angeles, Marseille; invitations come from "
            "the Marseille chapter.",
        ),
        (
            FRENCH,
            "Session commune\u00a0: Los Angeles, Marseille",
            "Session commune des antennes de Los Angeles, Marseille\u00a0; les invitations "
            "partent de l’antenne de Marseille.",
        ),
    ],
)
def test_the_co_host_s_pages_say_the_session_is_joint(
    client, marseille, los_angeles, make_organiser, make_session, login, headers, tag, line
):
    joint = make_session(marseille, co_hosts=(los_angeles,))
    login(make_organiser(los_angeles))
    assert tag in text(client.get("/organiser/", headers=headers))
    assert line in text(client.get(f"/organiser/sessions/{joint.id}/attendees", headers=headers))
