"""WSGI entry point: ``gunicorn wsgi:app``."""

from business_corner import create_app

app = create_app()
