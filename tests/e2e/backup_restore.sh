#!/bin/sh
# cairn backup and cairn restore as one unit (tests/e2e/backup_restore.py prints TAP).
exec python3 "$SRCDIR/tests/e2e/backup_restore.py"
