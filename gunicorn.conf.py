"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Everything can be overridden from the environment (GUNICORN_*) or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, two per core: requests are short, and the database does the waiting.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so that no slow leak grows for weeks. Not too often: a new
# worker spends about 0.8 s of CPU loading the application, during which the requests
# queued on it wait. At 5,000 requests, a newsletter rush recycled each worker every few
# seconds (0.15 ms of CPU per request, and p99 latencies near a second in the benchmark).
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
# Both logs' handlers redact the secrets that manage links and private feeds carry in their
# paths, and escape control characters (no request can forge a log line): see
# business_corner/logging_privacy.py. The application's own records go through Flask's
# handler, which carries the same filter.
logger_class = "business_corner.logging_privacy.RedactingGunicornLogger"
# Behind a reverse proxy on the same machine; set PROXY_FIX_HOPS=1 for the application too.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
