"""Sessions in people's calendars: e-mailed invites (iTIP/iMIP), downloads and feeds.

Everything is built with the icalendar library; no property is ever written by hand.
"""
