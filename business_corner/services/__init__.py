"""The rules of Business corner.

Services take explicit arguments (the actor, ``now``, the locale) and never touch the
request, the browser session, ``g``, ``flash`` or ``abort``. A refused action raises a
``DomainError`` whose message is translated for the reader by the view.
"""
