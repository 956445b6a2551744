#!/bin/sh
# End-to-end HTTP tests of the action plan, surveys, the news release and the
# national overview through the JSON API (tests/e2e/web_api_plan.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_api_plan.py"
