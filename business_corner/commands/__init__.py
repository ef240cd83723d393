"""Staff commands, ``flask --app business_corner <command>``: one module per command or
group, all registered here. Commands parse options and print; the rules they apply live in
``services/``."""

from __future__ import annotations

from flask import Flask


def register_commands(app: Flask) -> None:
    from business_corner.commands.accounts import create_chapter_command, create_organiser_command
    from business_corner.commands.demo import demo_command
    from business_corner.commands.mail import (
        send_feedback_requests_command,
        send_mail_command,
        send_reminders_command,
        send_test_mail_command,
    )
    from business_corner.commands.on_the_day import (
        confirm_or_release_command,
        record_no_shows_command,
    )
    from business_corner.commands.pair_tandems import pair_tandems_command
    from business_corner.commands.plan_tables import plan_tables_command
    from business_corner.commands.purge import purge_command
    from business_corner.commands.tandem_questions import send_tandem_questions_command

    app.cli.add_command(demo_command)
    app.cli.add_command(create_chapter_command)
    app.cli.add_command(create_organiser_command)
    app.cli.add_command(send_mail_command)
    app.cli.add_command(send_test_mail_command)
    app.cli.add_command(send_reminders_command)
    app.cli.add_command(send_feedback_requests_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(plan_tables_command)
    app.cli.add_command(confirm_or_release_command)
    app.cli.add_command(record_no_shows_command)
    app.cli.add_command(pair_tandems_command)
    app.cli.add_command(send_tandem_questions_command)
