#!/bin/sh
# End-to-end HTTP tests of readings in the browser and the API (issue 17):
# own state, single-read refusal, agreement, correction, reader removal,
# the young inspector's offer (tests/e2e/web_readings.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_readings.py"
