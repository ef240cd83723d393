"""Command-line tools: demo data, organiser accounts, the mail sender."""

from __future__ import annotations

from business_corner.extensions import db
from business_corner.models import Chapter, EventSession, Organiser, Registration
from business_corner.services.registration import register
from business_corner.vocabulary import Role, SessionFormat, SessionStatus
from tests.support.applicants import applicant
from tests.support.records import outbox


def test_demo_loads_two_chapters_and_upcoming_sessions(runner, app, now):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "organiser@marseille.business-corner.example / " in result.output

    chapters = {c.name: c for c in db.session.scalars(db.select(Chapter))}
    assert set(chapters) == {"Marseille", "Los Angeles"}
    assert {o.chapter.name for o in db.session.scalars(db.select(Organiser))} == set(chapters)
    sessions = db.session.scalars(db.select(EventSession)).all()
    upcoming = [s for s in sessions if s.status is SessionStatus.PUBLISHED and s.starts_at > now]
    assert len(upcoming) >= 6
    assert any(
        s.format is SessionFormat.ONLINE and s.title_en.startswith("Marseille ↔ Los Angeles")
        for s in upcoming
    )
    counts = {s.id: 0 for s in sessions}
    for registration in db.session.scalars(db.select(Registration)):
        counts[registration.event_session_id] += 1
    assert any(s.capacity - counts[s.id] == 1 for s in upcoming)  # one nearly full


def test_the_printed_demo_password_logs_in(runner, client):
    output = runner.invoke(args=["demo"]).output
    line = next(line for line in output.splitlines() if "marseille" in line)
    email, password = line.split(": ", 1)[1].split(" / ")
    response = client.post("/organiser/login", data={"email": email, "password": password.strip()})
    assert response.status_code == 302


def test_the_demo_s_joint_session_is_the_los_angeles_organiser_s_too(runner, client):
    """Co-hosted by both chapters: on the Los Angeles dashboard, its attendee list opens."""
    output = runner.invoke(args=["demo"]).output
    line = next(line for line in output.splitlines() if "los-angeles" in line)
    email, password = line.split(": ", 1)[1].split(" / ")
    client.post("/organiser/login", data={"email": email, "password": password.strip()})
    joint = db.session.scalars(
        db.select(EventSession).where(EventSession.title_en.startswith("Marseille ↔ Los Angeles"))
    ).one()
    assert {chapter.name for chapter in joint.hosts} == {"Marseille", "Los Angeles"}
    assert joint.chapter.name == "Marseille"  # its invites' ORGANIZER
    attendees = f"/organiser/sessions/{joint.id}/attendees"
    assert attendees.encode() in client.get("/organiser/").data
    assert client.get(attendees).status_code == 200


def test_demo_refuses_a_database_with_data_unless_asked_to_skip(runner, app):
    assert runner.invoke(args=["demo"]).exit_code == 0
    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0 and "already has data" in again.output
    skipped = runner.invoke(args=["demo", "--if-empty"])
    assert skipped.exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Chapter)) == 2


def test_create_organiser_asks_for_the_password(runner, marseille):
    result = runner.invoke(
        args=["create-organiser", "Zoe@Example.org", "--chapter", "marseille", "--name", "Zoé"],
        input="plum tractor origami\nplum tractor origami\n",
    )
    assert result.exit_code == 0, result.output
    organiser = db.session.scalars(db.select(Organiser)).one()
    assert organiser.email == "zoe@example.org" and organiser.chapter_id == marseille.id
    assert organiser.check_password("plum tractor origami")
    assert organiser.role is Role.ADMIN
    assert "plum tractor origami" not in result.output


def test_create_organiser_takes_a_role(runner, marseille):
    result = runner.invoke(
        args=["create-organiser", "sam@example.org", "--chapter", "Marseille", "--role", "staff"],
        input="plum tractor origami\nplum tractor origami\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalars(db.select(Organiser.role)).one() is Role.STAFF


def test_create_organiser_refuses_bad_input(runner, marseille):
    for args, needle in (
        (
            ["create-organiser", "not-an-address", "--chapter", "Marseille"],
            "not a valid e-mail address",
        ),
        (["create-organiser", "a@b.org", "--chapter", "Paris"], "no chapter named"),
        (
            ["create-organiser", "a@b.org", "--chapter", "Marseille", "--password", "short"],
            "10 characters",
        ),
        (
            [
                "create-organiser",
                "a@b.org",
                "--chapter",
                "Marseille",
                "--password",
                "businesscorner",
            ],
            "easy to guess",
        ),
        (
            ["create-organiser", "a@b.org", "--chapter", "Marseille", "--password", "qwerty123456"],
            "most common passwords",
        ),
    ):
        result = runner.invoke(args=args, input="plum tractor origami\nplum tractor origami\n")
        assert result.exit_code != 0 and needle in result.output, result.output
    assert db.session.scalars(db.select(Organiser)).all() == []


def test_send_mail_delivers_what_is_pending(runner, app, marseille, make_session, now, tmp_path):
    event = make_session(marseille)
    register(db.session, event.id, applicant(), now=now)
    register(db.session, event.id, applicant("ben@example.com"), now=now)

    result = runner.invoke(args=["send-mail"])

    assert result.exit_code == 0 and "sent 2, failed 0" in result.output
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 2
    assert all(message.sent_at is not None for message in outbox())
    assert "sent 0" in runner.invoke(args=["send-mail"]).output


def test_create_chapter(runner, app):
    result = runner.invoke(
        args=[
            "create-chapter",
            "Aix-en-Provence",
            "--timezone",
            "Europe/Paris",
            "--contact",
            "Aix@CCI.example",
        ]
    )
    assert result.exit_code == 0, result.output
    chapter = db.session.scalars(db.select(Chapter)).one()
    assert (chapter.slug, chapter.timezone, chapter.contact_email) == (
        "aix-en-provence",
        "Europe/Paris",
        "aix@cci.example",
    )
    again = runner.invoke(
        args=[
            "create-chapter",
            "aix-en-provence",
            "--timezone",
            "Europe/Paris",
            "--contact",
            "a@b.example",
        ]
    )
    assert again.exit_code != 0 and "exists" in again.output
    bad_zone = runner.invoke(
        args=["create-chapter", "Mars", "--timezone", "Mars/Olympus", "--contact", "a@b.example"]
    )
    assert bad_zone.exit_code != 0 and "unknown time zone" in bad_zone.output
