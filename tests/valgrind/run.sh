#!/bin/sh
# Runs a program under valgrind's memcheck for `make check-valgrind`: any
# memory error or definite/indirect leak makes it exit 99, which fails the
# test that ran it. Fonts and Pango keep caches for the life of a process
# that Cairn cannot free; libs.supp suppresses exactly those libraries.
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--suppressions="$(dirname "$0")/libs.supp" "$@"
