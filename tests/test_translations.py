"""The French catalogue covers every message in the code, freshly extracted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"


def extracted_messages(tmp_path: Path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        return read_po(handle)


def test_every_message_is_translated_into_french(tmp_path):
    with CATALOGUE.open("rb") as handle:
        french = read_po(handle, locale="fr")
    missing, untranslated = [], []
    for message in extracted_messages(tmp_path):
        if not message.id:
            continue
        translated = french.get(message.id)
        if translated is None:
            missing.append(message.id)
        elif not (all(translated.string) if message.pluralizable else translated.string):
            untranslated.append(message.id)
    assert missing == [], "run `make translations` and translate the new messages"
    assert untranslated == []


def test_no_translation_is_fuzzy():
    with CATALOGUE.open("rb") as handle:
        french = read_po(handle, locale="fr")
    assert [m.id for m in french if m.id and m.fuzzy] == []


def test_translations_keep_their_placeholders():
    with CATALOGUE.open("rb") as handle:
        french = read_po(handle, locale="fr")
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in french:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        expected = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == expected, message.id
