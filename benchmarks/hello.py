"""The ceiling: the smallest Flask app, served with the same gunicorn settings as ours."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
