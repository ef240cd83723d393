# Copy to instance/config.py and adjust. Environment variables of the same name win.
# Everything here is optional: the defaults run the site locally.

# PostgreSQL in production (psycopg 3 is used whatever the spelling):
# DATABASE_URL = "postgresql://business_corner@db.example.org/business_corner"

# Address of the site as attendees reach it; links in e-mails use it.
# PUBLIC_URL = "https://business-corner.example.org"

# Mail: "file" writes .eml files into instance/mail/; "smtp" sends them.
# MAIL_BACKEND = "smtp"
# MAIL_SERVER = "smtp.example.org"
# MAIL_PORT = 587
# MAIL_USE_TLS = True
# MAIL_USERNAME = "business-corner"
# MAIL_PASSWORD = "…"
# MAIL_DEFAULT_SENDER = "Business corner <no-reply@business-corner.example.org>"
# "after_response" tries each message right away; "worker" leaves all of it to send-mail --loop.
# MAIL_DELIVERY = "after_response"

# Rate-limit counters shared by every worker (memory:// counts per process):
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

# Behind HTTPS:
# SESSION_COOKIE_SECURE = True
