"""Signed links made with the current app's secret, as the site makes them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from itsdangerous import TimestampSigner

from business_corner.links import link_signer


def make_manage_token(registration_id: int) -> str:
    return link_signer().make_manage_token(registration_id)


def make_feed_token(organiser_id: int, version: int) -> str:
    return link_signer().make_feed_token(organiser_id, version)


def make_check_in_token(registration_id: int) -> str:
    return link_signer().make_check_in_token(registration_id)


def make_tandem_token(member_id: int) -> str:
    return link_signer().make_tandem_token(member_id)


@contextmanager
def signed_ago(seconds: float) -> Iterator[None]:
    """Links signed inside this block (by the site or the mail composer) look ``seconds``
    old, as if made then: how a test gets an expired one without waiting."""
    real = time.time
    with mock.patch.object(TimestampSigner, "get_timestamp", lambda _self: int(real() - seconds)):
        yield
