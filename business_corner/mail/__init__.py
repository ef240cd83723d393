"""The mail side: composing outbox messages (templates, links, language) and the sender.

Services record what is owed (``services.notifications``) and decide how delivery goes
(``services.mail.delivery``); this package supplies what needs Flask: templates rendered in
the recipient's language, links built from the configured site address, the settings.
"""
