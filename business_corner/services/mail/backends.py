"""Where messages go: a real SMTP server, or ``.eml`` files during development."""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol


class MailBackend(Protocol):
    def send(self, sender: str, recipient: str, raw: bytes, *, name: str) -> None:
        """Hand one message over; raise ``OSError`` or ``smtplib.SMTPException`` on failure."""

    def close(self) -> None:
        """Let go of what a round of sending held open (the SMTP connection)."""


class SMTPBackend:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        use_tls: bool = False,
        use_ssl: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 10,
    ) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.use_tls, self.use_ssl = use_tls, use_ssl
        self.username, self.password = username, password

        self._client: smtplib.SMTP | None = None

    def send(self, sender: str, recipient: str, raw: bytes, *, name: str) -> None:
        """Send over the connection the previous message used, opening one if needed.

        Connecting, TLS and EHLO cost more than a short message: a round of sending keeps
        one connection (``close`` ends it). A server may drop an idle connection between
        two messages; that shows as a disconnection before this message was accepted, so
        it goes once more over a fresh connection. Any other failure closes the connection
        and is the caller's to record (the message is retried later).
        """
        reused = self._client is not None
        try:
            self._connected().sendmail(sender, [recipient], raw)
        except smtplib.SMTPRecipientsRefused:
            raise  # the server answered; the connection is still good for the next message
        except (smtplib.SMTPServerDisconnected, ConnectionError):
            self.close()
            if not reused:
                raise
            self._connected().sendmail(sender, [recipient], raw)
        except BaseException:
            self.close()
            raise

    def _connected(self) -> smtplib.SMTP:
        if self._client is None:
            client_class = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
            client = client_class(self.host, self.port, timeout=self.timeout)
            try:
                if self.use_tls:
                    client.starttls()
                if self.username:
                    client.login(self.username, self.password or "")
            except BaseException:
                client.close()
                raise
            self._client = client
        return self._client

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


class FileBackend:
    """Writes each message as a raw ``.eml`` file that any mail program opens.

    Messages hold personal data: files are readable by their owner only (0600), in a
    directory only its owner can list (0700), like the secret key."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def send(self, sender: str, recipient: str, raw: bytes, *, name: str) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.directory / f"{name}.eml"
        draft = target.with_suffix(".part")
        draft.unlink(missing_ok=True)  # a draft left by a crash keeps its old mode: start anew
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(raw)
        os.replace(draft, target)  # never leave a half-written .eml behind

    def close(self) -> None:
        """Nothing is held open between messages."""


def backend_from_config(config: Mapping[str, Any]) -> MailBackend:
    kind = config["MAIL_BACKEND"]
    if kind == "smtp":
        return SMTPBackend(
            config["MAIL_SERVER"],
            int(config["MAIL_PORT"]),
            use_tls=bool(config["MAIL_USE_TLS"]),
            use_ssl=bool(config["MAIL_USE_SSL"]),
            username=config.get("MAIL_USERNAME"),
            password=config.get("MAIL_PASSWORD"),
            timeout=float(config["MAIL_TIMEOUT_SECONDS"]),
        )
    if kind == "file":
        return FileBackend(config["MAIL_FILE_DIR"])
    raise ValueError(f"MAIL_BACKEND must be 'smtp' or 'file', not {kind!r}")
