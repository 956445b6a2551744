#!/bin/sh
# The web part of `make demo`: one account per role on the demo inspection,
# then `cairn serve` in the background on the demo database.
#   scripts/demo-web.sh stop            stop a demo server started earlier
#   scripts/demo-web.sh CAIRN DB        create the accounts and start the server
# DEMO_LISTEN sets the address (default: the first free port of 127.0.0.1:8080-8099).  The demo is
# fictional: no real child's data, and these passwords are for the demo only.
set -eu
cd "$(dirname "$0")/.."
PIDFILE=demo-server.pid

stop() {
	if [ -f "$PIDFILE" ]; then
		pid=$(cat "$PIDFILE")
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			i=0
			while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		fi
		rm -f "$PIDFILE"
	fi
}

if [ "${1:-}" = "stop" ]; then
	stop
	exit 0
fi
CAIRN=$1
DB=$2
LISTEN=${DEMO_LISTEN:-127.0.0.1:8080}
stop

# username, full name, role on inspection 1 and, when scripts/demo_data.py made it, on
# inspection 2 (Westerhaven, published) ("admin" is the global administrator)
ACCOUNTS="lead|Lena Lead|lead
depute|Duncan Depute|depute
inspector|Ian Inspector|inspector
associate|Aileen Associate|associate
young|Yasmin Young|young-inspector
panel|Pat Panel|panel
coordinator|Chris Coordinator|partnership-coordinator
reader|Rory Reader|local-reader
admin|Ada Admin|admin"

SECOND=no
if "$CAIRN" --db "$DB" inspection show 2 >/dev/null 2>&1; then
	SECOND=yes
fi
echo "$ACCOUNTS" | while IFS='|' read -r user name role; do
	if [ "$role" = "admin" ]; then
		printf 'demo-%s-pass\n' "$user" | "$CAIRN" --db "$DB" user add "$user" --name "$name" --admin >/dev/null
	else
		printf 'demo-%s-pass\n' "$user" | "$CAIRN" --db "$DB" user add "$user" --name "$name" >/dev/null
		"$CAIRN" --db "$DB" team add 1 "$user" --role "$role" >/dev/null
		if [ "$SECOND" = yes ]; then
			"$CAIRN" --db "$DB" team add 2 "$user" --role "$role" >/dev/null
		fi
	fi
done

# Starts the server on $1; returns 0 once it listens, 1 if it stopped
# (the address is taken, or another failure: see demo-server.log).
start() {
	"$CAIRN" --db "$DB" serve --listen "$1" --insecure-cookies >demo-server.log 2>&1 &
	echo $! >"$PIDFILE"
	i=0
	until grep -q 'listening on' demo-server.log 2>/dev/null; do
		if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null || [ $i -ge 100 ]; then
			rm -f "$PIDFILE"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 0
}

# Without DEMO_LISTEN, the first free port from 8080 to 8099.
if [ -n "${DEMO_LISTEN:-}" ]; then
	start "$LISTEN" || { echo "the demo server did not start:"; cat demo-server.log; exit 1; }
else
	port=8080
	until start "127.0.0.1:$port"; do
		if ! grep -qi 'in use\|cannot listen\|bind' demo-server.log || [ $port -ge 8099 ]; then
			echo "the demo server did not start:"; cat demo-server.log; exit 1
		fi
		echo "port $port is taken; trying $((port + 1))"
		port=$((port + 1))
	done
fi
ADDR=$(sed -n 's/^listening on //p' demo-server.log | head -1)
echo
echo "Web application: $ADDR  (plain HTTP, for this machine only)"
echo "Sign in as any of these (password = demo-USERNAME-pass):"
echo "$ACCOUNTS" | while IFS='|' read -r user name role; do
	printf '  %-12s %-28s %s\n' "$user" "demo-$user-pass" "$role"
done
echo "Stop the server: kill \$(cat $PIDFILE)   (log: demo-server.log)"
