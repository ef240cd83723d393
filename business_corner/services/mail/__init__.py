"""E-mail that is never lost: composed into the outbox, delivered after the commit."""
