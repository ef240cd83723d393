"""Under `make run`, mail goes out even when the browser resets the connection at once."""

from __future__ import annotations

import re
import socket
import struct
import time
from urllib.parse import urlencode

from tests.support.applicants import registration_form
from tests.support.server import as_make_run
from tests.support.smtp import SMTPServer, free_port


def _post_and_reset(port: int, path: str, form: dict[str, str]) -> bytes:
    """POST, read the whole answer, then reset the connection (RST), as a browser that
    moves on does."""
    body = urlencode(form).encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    ).encode() + body
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(65536)
        head, _, rest = answer.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
        while len(rest) < length:
            rest += connection.recv(65536)
        # SO_LINGER with a zero timeout: close() sends RST instead of FIN.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return head


def test_a_registration_mail_arrives_although_the_browser_reset_the_connection(
    app_settings, marseille, make_session
):
    event_id = make_session(marseille).id
    smtp = SMTPServer()
    smtp.start()
    port = free_port()
    settings = {
        **app_settings,
        "TESTING": False,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
    }
    try:
        with as_make_run(settings, port):
            head = _post_and_reset(port, f"/sessions/{event_id}/register", registration_form())
            assert head.startswith(b"HTTP/1.1 302")
            deadline = time.monotonic() + 10
            while not smtp.received and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        smtp.stop()
    (received,) = smtp.received
    assert received.recipients == ["ana@example.com"]
    text = received.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"http://127.0.0.1:{port}/manage/" in text
