"""Signed links made with the current app's secret, as the site makes them."""

from __future__ import annotations

from business_corner.links import link_signer


def make_manage_token(registration_id: int) -> str:
    return link_signer().make_manage_token(registration_id)


def make_feed_token(organiser_id: int, version: int) -> str:
    return link_signer().make_feed_token(organiser_id, version)


def make_check_in_token(registration_id: int) -> str:
    return link_signer().make_check_in_token(registration_id)


def make_tandem_token(member_id: int) -> str:
    return link_signer().make_tandem_token(member_id)
