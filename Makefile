# Thin wrapper over Meson.  The README's two commands:
#   make demo   install what is missing, build, build the demo and write its outputs
#   make check  install what is missing, build, run every test (plain and sanitized)
BUILD ?= build
ASAN ?= build-asan

.PHONY: all deps build demo check check-valgrind clean fuzz bench soak format

all: build

deps:
	@./scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) >/dev/null

$(ASAN)/build.ninja:
	meson setup $(ASAN) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >/dev/null

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

demo: build
	@./scripts/demo-web.sh stop
	rm -rf demo.db demo.db-wal demo.db-shm demo.db.key demo.db.anchor demo.db.sign demo.db.sign.pub \
		demo.db.checkpoints demo.db.files
	./$(BUILD)/cairn --db demo.db demo --out demo-output
	python3 scripts/demo_data.py ./$(BUILD)/cairn demo.db demo-output
	@echo
	@echo "Demo database: demo.db   outputs: demo-output/"
	@echo "Try: ./$(BUILD)/cairn --db demo.db inspection show 1   (more in README.md, \"Try it on the demo\")"
	@./scripts/demo-web.sh ./$(BUILD)/cairn demo.db

check: deps $(BUILD)/build.ninja $(ASAN)/build.ninja
	ninja -C $(BUILD)
	ninja -C $(ASAN)
	-meson test -C $(BUILD) --print-errorlogs --num-processes 2 >/dev/null
	-ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(ASAN) --print-errorlogs --num-processes 2 >/dev/null
	@python3 scripts/test-summary.py $(BUILD) $(ASAN)

# The suite under valgrind's memcheck: the unit tests run under it, and the
# end-to-end tests run every cairn process under it (tests/valgrind/). Left
# out: the SIGKILL tests (a killed process reports nothing, and hundreds of
# runs under valgrind take hours) and the I/O-failure tests (their
# LD_PRELOAD shim and valgrind's preload both replace libc's write calls).
VALGRIND_SKIP = crash_safety|crash_ops|iofail
check-valgrind: build
	meson test -C $(BUILD) --suite unit --wrapper $(CURDIR)/tests/valgrind/run.sh \
		--timeout-multiplier 10 --print-errorlogs
	CAIRN_VALGRIND=1 meson test -C $(BUILD) --suite e2e --timeout-multiplier 10 --print-errorlogs \
		$$(meson test -C $(BUILD) --suite e2e --list 2>/dev/null | sed 's|.* / ||' | grep -vxE '$(VALGRIND_SKIP)')

clean:
	rm -rf $(BUILD) $(ASAN)

# Fuzzing with libFuzzer (clang): each harness runs FUZZ_SECONDS, starting
# from its seed corpus; new inputs go to build-fuzz/corpus/ (crashes to
# build-fuzz/artifacts/, to be turned into corpus files and fixes).
FUZZ_SECONDS ?= 60
FUZZ ?= build-fuzz

$(FUZZ)/build.ninja:
	CC=clang meson setup $(FUZZ) -Dfuzz=true -Dwerror=false -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null

fuzz: deps $(FUZZ)/build.ninja
	ninja -C $(FUZZ)
	@for f in $(FUZZ)/tests/fuzz/fuzz_*; do \
		[ -f $$f ] && [ -x $$f ] || continue; \
		h=$$(basename $$f); n=$${h#fuzz_}; \
		mkdir -p $(FUZZ)/corpus/$$n $(FUZZ)/artifacts; \
		echo "== $$h ($(FUZZ_SECONDS)s)"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(FUZZ)/artifacts/$$n- \
			$(FUZZ)/corpus/$$n tests/fuzz/corpus/$$n 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' ; \
	done

# The soak test (not part of check): 64 connections mixing reads and writes
# against cairn serve on 127.0.0.1 for SOAK_SECONDS (default 600); zero
# errors, flat memory, a consistent database afterwards.
SOAK_SECONDS ?= 600

soak: build
	SOAK_SECONDS=$(SOAK_SECONDS) CAIRN=$(BUILD)/cairn SRCDIR=. python3 tests/soak/soak.py

# Benchmarks against the tools users would otherwise use (not part of check).
bench: build
	./bench/deps.sh
	python3 bench/run.py $(BUILD)/cairn

# Rewrites the C sources as .clang-format says (make check's hygiene test
# fails on any file that differs).
format:
	find src tests/unit tests/fuzz tests/iofail -path tests/fuzz/corpus -prune -o \
		-name '*.[ch]' -print | xargs clang-format -i
