"""Every form, fed with anything: no answer is ever a server error (≥ 500).

FUZZ_EXAMPLES sets the examples per form (CI: 250, over 9 forms and links: 2,250);
`make fuzz` runs many more.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from business_corner import create_app
from business_corner.extensions import db
from business_corner.models import Chapter, EventSession, Organiser
from business_corner.services.registration import register
from business_corner.vocabulary import Level, SessionFormat, SessionStatus
from tests.support.applicants import applicant
from tests.support.clients import IsolatedClient
from tests.support.tokens import make_manage_token

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "250"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # shared, noisy machines: speed is measured in benchmarks, not here
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Anything a browser (or a robot) can send: every Unicode character but lone surrogates,
# which no encoding can carry — control characters, bidi overrides, emoji, CJK included.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
long_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=200, max_size=6000)
plausible = st.sampled_from(
    [
        "",
        "A1",
        "B2",
        "C2",
        "digital",
        "health",
        "in_person",
        "online",
        "hybrid",
        "Europe/Paris",
        "America/Los_Angeles",
        "2030-02-30",
        "2030-03-31",
        "31/12/2030",
        "25:61",
        "18:30",
        "02:30",
        "0",
        "-1",
        "1001",
        "20",
        "y",
        "first",
        "second",
        "https://meet.example/x",
        "ana@example.com",
        "not an address",
        "zoé@x.fr",
    ]
)
value = st.one_of(any_text, plausible, long_text)
field_value = st.one_of(st.none(), value, st.lists(value, max_size=3))


def form_of(*names: str) -> st.SearchStrategy[dict[str, object]]:
    """A form with these fields, each missing, odd, huge or repeated; plus stray fields."""
    return st.fixed_dictionaries(
        {name: field_value for name in names},
        optional={"extra": field_value, "csrf_token": any_text},
    ).map(lambda form: {key: val for key, val in form.items() if val is not None})


REGISTRATION = form_of(
    "first_name",
    "last_name",
    "email",
    "company",
    "job_title",
    "sector",
    "level",
    "can_host",
    "consent",
    "website",
)
DETAILS = form_of("first_name", "last_name", "company", "job_title", "sector", "level", "can_host")
LOGIN = form_of("email", "password")
SESSION = form_of(
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "format",
    "venue",
    "video_url",
    "day",
    "starts",
    "ends",
    "timezone",
    "repeated_time",
    "capacity",
    "levels",
)


@pytest.fixture
def fuzz_world(sqlite_template, tmp_path) -> Iterator[dict[str, object]]:
    """One app on SQLite with a published session, a draft, a registration, an organiser."""
    path = tmp_path / "fuzz.sqlite3"
    shutil.copyfile(sqlite_template, path)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "fuzz",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(tmp_path / "mail"),
            "PUBLIC_URL": "https://business-corner.test",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        from datetime import timedelta

        from business_corner.clock import utcnow

        now = utcnow()
        chapter = Chapter(
            name="Marseille",
            slug="marseille",
            timezone="Europe/Paris",
            contact_email="m@business-corner.test",
        )
        organiser = Organiser(email="o@business-corner.test", chapter=chapter)
        organiser.set_password("a long password")
        events = [
            EventSession(
                chapter=chapter,
                title_en="t",
                title_fr="t",
                format=SessionFormat.HYBRID,
                venue="v",
                video_url="https://m.x",
                starts_at=now + timedelta(days=5),
                ends_at=now + timedelta(days=5, hours=1),
                timezone="Europe/Paris",
                capacity=2,
                levels=tuple(Level),
                status=status,
            )
            for status in (SessionStatus.PUBLISHED, SessionStatus.DRAFT)
        ]
        db.session.add_all([chapter, organiser, *events])
        db.session.commit()
        registration = register(db.session, events[0].id, applicant(), now=now)
        yield {
            "app": app,
            "published": events[0].id,
            "draft": events[1].id,
            "organiser": organiser.id,
            "token": make_manage_token(registration.registration_id),
        }
        db.session.remove()
        db.engine.dispose()


def client_for(world, *, organiser: bool = False):
    client = world["app"].test_client()
    if organiser:
        with client.session_transaction() as browser_session:
            browser_session["_user_id"] = str(world["organiser"])
    return client


def no_server_error(response) -> None:
    assert response.status_code < 500, response.status_code


def test_registration_form(fuzz_world):
    client = client_for(fuzz_world)

    @FUZZ
    @given(form=REGISTRATION)
    def run(form):
        no_server_error(client.post(f"/sessions/{fuzz_world['published']}/register", data=form))

    run()


def test_manage_form(fuzz_world):
    client = client_for(fuzz_world)

    @FUZZ
    @given(form=DETAILS)
    def run(form):
        no_server_error(client.post(f"/manage/{fuzz_world['token']}", data=form))

    run()


def test_login_form(fuzz_world):
    client = client_for(fuzz_world)

    @FUZZ
    @given(form=LOGIN)
    def run(form):
        no_server_error(client.post("/organiser/login", data=form))

    run()


def test_new_session_form(fuzz_world):
    client = client_for(fuzz_world, organiser=True)

    @FUZZ
    @given(form=SESSION)
    def run(form):
        no_server_error(client.post("/organiser/sessions/new", data=form))

    run()


def test_edit_session_form(fuzz_world):
    client = client_for(fuzz_world, organiser=True)

    @FUZZ
    @given(form=SESSION, target=st.sampled_from(["published", "draft"]))
    def run(form, target):
        no_server_error(client.post(f"/organiser/sessions/{fuzz_world[target]}/edit", data=form))

    run()


def test_status_buttons(fuzz_world):
    client = client_for(fuzz_world, organiser=True)
    actions = st.sampled_from(["publish", "cancel", "delete"])

    @FUZZ
    @given(action=actions, target=st.sampled_from(["published", "draft"]), form=form_of("submit"))
    def run(action, target, form):
        no_server_error(
            client.post(f"/organiser/sessions/{fuzz_world[target]}/{action}", data=form)
        )

    run()


def test_links_with_anything_in_them(fuzz_world):
    """Manage links, feed addresses, the language switch and its `next`, session ids."""
    client = client_for(fuzz_world)
    segment = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="/?#%"),
        min_size=1,
        max_size=200,
    )

    @FUZZ
    @given(
        kind=st.sampled_from(
            ["manage", "cancel", "erase", "data", "feed", "chapter", "language", "session"]
        ),
        part=segment,
        other=any_text,
    )
    def run(kind, part, other):
        paths = {
            "manage": (f"/manage/{part}", {}),
            "cancel": (f"/manage/{part}/cancel", {}),
            "erase": (f"/manage/{part}/erase", {}),
            "data": (f"/manage/{part}/data.json", {}),
            "feed": (f"/calendar/fr/private/{part}.ics", {}),
            "chapter": (f"/calendar/{part}/chapters/{part}.ics", {}),
            "language": (f"/language/{part}", {"next": other}),
            "session": (f"/sessions/{part}", {}),
        }
        path, query = paths[kind]
        no_server_error(client.get(path, query_string=query))

    run()


def test_cancel_and_erase_posts(fuzz_world):
    client = client_for(fuzz_world)

    @FUZZ
    @given(
        action=st.sampled_from(["cancel", "erase"]),
        form=form_of("submit"),
        token=st.one_of(st.just(fuzz_world["token"]), any_text.filter(lambda t: "/" not in t)),
    )
    def run(action, form, token):
        no_server_error(client.post(f"/manage/{token or 'x'}/{action}", data=form))

    run()


def test_conditional_feed_requests(fuzz_world):
    client = client_for(fuzz_world)
    header = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=200)

    @FUZZ
    @given(etag=header, since=header)
    def run(etag, since):
        no_server_error(
            client.get(
                "/calendar/en/sessions.ics",
                headers={"If-None-Match": etag, "If-Modified-Since": since},
            )
        )

    run()
