#!/bin/sh
# Every link of every demo account's home page and inspection overviews
# answers 200; the published report is offered to every role; the draft
# is refused alike by every door (tests/e2e/web_links.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/web_links.py"
