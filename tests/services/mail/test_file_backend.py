"""The development mail backend keeps its .eml files private: they hold personal data."""

from __future__ import annotations

import os
import stat

from business_corner.services.mail.backends import FileBackend


def _mode(path: os.PathLike[str]) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_eml_files_are_readable_by_their_owner_only(tmp_path):
    previous = os.umask(0o022)  # the usual umask, which leaves new files world-readable
    try:
        FileBackend(tmp_path / "mail").send(
            "site@x.test", "ana@example.com", b"Subject: hi\r\n\r\nhello", name="0001"
        )
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "mail") == 0o700
    assert _mode(tmp_path / "mail" / "0001.eml") == 0o600
    assert (tmp_path / "mail" / "0001.eml").read_bytes().endswith(b"hello")
    assert not (tmp_path / "mail" / "0001.part").exists()
