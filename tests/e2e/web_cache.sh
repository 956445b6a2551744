#!/bin/sh
# End-to-end tests of the workers' session and page cache (tests/e2e/web_cache.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_cache.py"
