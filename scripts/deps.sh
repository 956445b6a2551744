#!/bin/sh
# Installs what Cairn needs on Debian 12, only when something is missing.
# Called by `make demo` and `make check`; safe to run again.
set -eu

PKGS="meson ninja-build pkg-config gcc clang libclang-rt-14-dev python3 sqlite3 \
libsqlite3-dev libjansson-dev libcmocka-dev libmicrohttpd-dev libsodium-dev nettle-dev \
libgsl-dev libcairo2-dev libpango1.0-dev libxlsxwriter-dev libzip-dev libexpat1-dev libmd4c-dev libmd4c-html0-dev \
poppler-utils fonts-dejavu-core chromium clang-format"

# Node.js and npm fetch the front-end assets; install Debian's if absent.
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
# PyYAML reads docs/openapi.yaml in tests/e2e/web_openapi.sh.
PKGS="$PKGS python3-yaml"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi

# Front-end assets (the Scottish Government Design System, served by
# cairn serve) and the browser-test tools (playwright-core, axe-core), pinned
# by package-lock.json: npm ci when node_modules is missing or older than it.
cd "$(dirname "$0")/.."
if command -v npm >/dev/null 2>&1; then
	if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		npm ci --no-audit --no-fund --loglevel=error
	fi
else
	echo "deps.sh: npm not found; install Node.js and npm, then run 'npm ci' (the web pages need the design system)" >&2
fi
