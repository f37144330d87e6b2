# Makefile - build, test, study, bench and sanitizer targets for coda.
#
#   make            build ./coda and coda.so (installs missing packages first)
#   make test       every test: exported names, layers, unit (Check), Lua,
#                   end-to-end, docs, study, browser
#   make checksymbols  coda and coda.so export only coda_ and luaopen_ names
#   make layers     no dependency circle in runtime/, nothing reaches up
#   make study      run the AHT 2020 study suite and write its report
#   make asan       unit tests built with address + undefined sanitizers
#   make valgrind   unit and Lua tests under valgrind
#   make bench      benchmarks against pandas, data.table, DuckDB, Python re,
#                   R stringi, ripgrep (bench-load, bench-agg, bench-groupby,
#                   bench-code,
#                   which also times coda code's output formats against csv);
#                   results in bench/RESULTS.md; bench-stats: designs
#                   against R's survey package
#   make bench-ops  the analyst's operations on the 104 MB survey (median by
#                   group, mean by two keys, filter then group mean) against
#                   data.table (2 threads), pandas and DuckDB; target within
#                   1.5x of data.table; bench/RESULTS.md
#   make bench-derive  a derived column (income x weight) against data.table
#   make bench-memory  peak RSS against input size (wide and tall CSVs, many
#                   small transcripts); bench/RESULTS.md
#   make oracle     designs against R's survey package (installs R)

VERSION   := 0.1.0
CC        ?= cc
PKGS      := lua5.4 libpcre2-8 libxml-2.0 sqlite3 libmicrohttpd jansson libzip libRmath nettle xlsxwriter
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wpointer-arith -Wcast-qual -Wformat=2 -Wvla -Wno-unused-parameter
OPT       ?= -O2 -g
ifdef CI
WERROR    := -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE -fPIC -fvisibility=hidden $(OPT) $(WARN) \
             $(WERROR) -MMD -MP \
             -DCODA_VERSION='"$(VERSION)"' $(CFLAGS)
LIBS       = $(PKG_LIBS) -lcsv -lreadstat -lpthread -lm
# Line editing for the executable's prompt only (coda.so does without).
EDIT_LIBS  = $(shell pkg-config --libs libedit 2>/dev/null)

BUILD     := build
BIND_SRC  := $(filter-out bindings/main.c bindings/cli.c bindings/repl.c bindings/repl_edit.c bindings/limits.c,$(wildcard bindings/*.c))

# The core in layers, bottom to top, as runtime/README.md maps them: a
# family (the files of one prefix) uses its own files and the families
# listed before it, never one after (make layers checks it from the
# objects).  BASE: allocation, errors, strings, files; TABLE: the Dataset;
# VERB: what works on Datasets; LOAD: what makes them from files; CODE:
# codebooks and coding; PROJECT: coding projects, exchange and review.
BASE_FAM    := base
TABLE_FAM   := table
VERB_FAM    := group filter format stats writers shape agg summarise survey expr \
               agree
LOAD_FAM    := csv docin corpus fmt
CODE_FAM    := codebook coder segout
PROJECT_FAM := project qdpx review
RT_FAMILIES := $(BASE_FAM) $(TABLE_FAM) $(VERB_FAM) $(LOAD_FAM) $(CODE_FAM) \
               $(PROJECT_FAM)
fam_obj      = $(foreach f,$(1),$(patsubst %.c,$(BUILD)/%.o,\
                 $(sort $(wildcard runtime/$(f).c runtime/$(f)_*.c))))
BASE_O      := $(call fam_obj,$(BASE_FAM))
TABLE_O     := $(call fam_obj,$(TABLE_FAM))
VERB_O      := $(call fam_obj,$(VERB_FAM))
LOAD_O      := $(call fam_obj,$(LOAD_FAM))
CODE_O      := $(call fam_obj,$(CODE_FAM))
PROJECT_O   := $(call fam_obj,$(PROJECT_FAM)) $(BUILD)/gen/review_page.o
RT_OBJ      := $(BASE_O) $(TABLE_O) $(VERB_O) $(LOAD_O) $(CODE_O) $(PROJECT_O)
RT_LOST     := $(filter-out $(RT_OBJ),\
                 $(patsubst %.c,$(BUILD)/%.o,$(wildcard runtime/*.c)))
ifneq ($(RT_LOST),)
$(error files of no family in RT_FAMILIES (Makefile): $(RT_LOST))
endif
BIND_OBJ  := $(BIND_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/bindings/main.o $(BUILD)/bindings/cli.o $(BUILD)/bindings/repl.o \
             $(BUILD)/bindings/repl_edit.o $(BUILD)/bindings/limits.o

# Debian packages the build and the tests need.
DEB_PKGS  := liblua5.4-dev libcsv-dev libpcre2-dev libxml2-dev check pkg-config lua5.4 \
             libxml2-utils libsqlite3-dev libmicrohttpd-dev libjansson-dev libzip-dev \
             r-mathlib nettle-dev libedit-dev libreadstat-dev libxlsxwriter-dev curl sqlite3 \
             python3 zip unzip parallel
DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: checksymbols layers slurm-deps test-slurm oracle oracle-deps oracle-update bench-stats fuzz fuzz-build fuzz-bins fuzz-merge fuzz-replay cppcheck all deps test unit lua-test e2e docs-test study-test browser-test asan valgrind clean bench bench-load bench-agg bench-groupby bench-code bench-shard bench-review bench-memory bench-derive bench-ops study

# Where the executable and the module go (the sanitizer build puts its own
# in build-asan/root/, beside links to the scripts, data and tests).
CODA_EXE  ?= coda
CODA_SO   ?= coda.so

all: $(DEPS_STAMP) $(CODA_EXE) $(CODA_SO)

# The dependency step: install what is missing with apt-get when root,
# otherwise print the command to run and stop.  $(call apt_need,PKGS).
apt_need = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get install -y -q $$missing || (apt-get update -q && apt-get install -y -q $$missing)) || exit 1; \
	  else \
	    echo "coda needs these packages:$$missing"; \
	    echo "run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
deps: $(DEPS_STAMP)
$(DEPS_STAMP): Makefile
	@$(call apt_need,$(DEB_PKGS))
	@mkdir -p $(BUILD) && touch $@

# Rebuild everything when the flags change.
FLAGS_STAMP := $(BUILD)/.flags-$(shell echo '$(CC) $(CFLAGS_ALL) $(LDFLAGS)' | md5sum | cut -c1-12)
$(FLAGS_STAMP): | $(DEPS_STAMP)
	@rm -f $(BUILD)/.flags-*; mkdir -p $(BUILD); touch $@

$(BUILD)/%.o: %.c $(FLAGS_STAMP) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -c $< -o $@

# The review page (one self-contained HTML file) embedded as a C array.
$(BUILD)/gen/review_page.c: runtime/review_page.html | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@{ echo '/* review_page.c - generated by the Makefile from runtime/review_page.html. */'; \
	  echo '#include <stddef.h>'; \
	  echo 'extern const char coda_review_page[];'; \
	  echo 'extern const size_t coda_review_page_len;'; \
	  echo 'const char coda_review_page[] = {'; \
	  od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '0x00 };'; \
	  echo 'const size_t coda_review_page_len = sizeof coda_review_page - 1;'; \
	} >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/review_page.o: $(BUILD)/gen/review_page.c $(FLAGS_STAMP)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

$(CODA_EXE): $(MAIN_OBJ) $(BIND_OBJ) $(RT_OBJ) bindings/coda.map
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -Wl,--version-script=bindings/coda.map -o $@ \
	  $(MAIN_OBJ) $(BIND_OBJ) $(RT_OBJ) $(LIBS) $(EDIT_LIBS)

$(CODA_SO): $(BIND_OBJ) $(RT_OBJ) bindings/coda.map
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -shared -Wl,--version-script=bindings/coda.map -o $@ \
	  $(BIND_OBJ) $(RT_OBJ) $(filter-out -llua5.4,$(LIBS))

# --- tests -------------------------------------------------------------
UNIT_BIN  := $(BUILD)/tests/unit/run
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

UNIT_ALL  := $(sort $(wildcard tests/unit/*.c tests/unit/harness/*.c))
$(UNIT_BIN): $(UNIT_ALL:%.c=$(BUILD)/%.o) $(RT_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c $(FLAGS_STAMP) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -Iruntime -c $< -o $@

unit: $(UNIT_BIN)
	cd tests/unit && ../../$(UNIT_BIN)

# Only coda_ and luaopen_ names exported (SQLite's checksymbols habit).
checksymbols: $(CODA_EXE) $(CODA_SO)
	bash tests/arch/checksymbols.sh $(CODA_EXE) $(CODA_SO)

# The layers of the core: no circle between its files, no family using
# one listed after it in RT_FAMILIES; the check's own test first.
layers: $(RT_OBJ)
	bash tests/arch/layers_selftest.sh
	@python3 tests/arch/layers.py --families "$(RT_FAMILIES)" $(RT_OBJ)

# Reused memory is poisoned in the tests (docs/cli.md), so that nothing
# relies on the zeros of fresh blocks.
lua-test: coda coda.so
	CODA_BLOCK_POISON=1 ./coda run tests/lua/run.lua

e2e: coda coda.so
	CODA_BLOCK_POISON=1 bash tests/e2e/oracle.sh
	CODA_BLOCK_POISON=1 bash tests/e2e/run.sh
	python3 tests/e2e/prompt_pty.py ./coda
	bash tests/e2e/coding.sh
	bash tests/e2e/transcripts.sh
	bash tests/e2e/limits.sh
	bash tests/e2e/bad.sh
	bash tests/e2e/project.sh
	bash tests/e2e/review.sh
	bash tests/e2e/qdpx.sh
	bash tests/e2e/shard.sh

docs-test: coda
	./coda run tests/docs/examples.lua README.md docs/*.md

# The study suite: every analysis, the report in out/aht2020/.
study: all
	./coda suite aht2020 --out out/aht2020

# The suite's CSV outputs against tests/golden/, and the data generator.
study-test: all
	bash tests/e2e/study.sh
	bash tests/e2e/aht_data.sh

# The report in headless Chromium (Debian's package; playwright-core from
# npm drives it, no browser download).
BROWSER_STAMP := $(BUILD)/.browser-ok
$(BROWSER_STAMP): tests/browser/package.json tests/browser/package-lock.json | $(DEPS_STAMP)
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium || \
	    (apt-get update -q && apt-get install -y -q chromium); \
	  else echo "the browser test needs: sudo apt-get install -y chromium"; exit 1; fi; }
	@$(call apt_need,fonts-lohit-deva)
	@command -v node >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q nodejs npm; \
	  else echo "the browser test needs: sudo apt-get install -y nodejs npm"; exit 1; fi; }
	cd tests/browser && npm ci --no-audit --no-fund
	@touch $@

browser-test: study $(BROWSER_STAMP)
	node tests/browser/check_report.mjs out/aht2020/index.html out/aht2020/screenshot.png
	./coda suite household --out out/household >/dev/null
	node tests/browser/check_report.mjs out/household/index.html out/household/screenshot.png
	./coda run tests/browser/charts_page.lua out/charts.html
	NO_SUMMARY=1 node tests/browser/check_report.mjs out/charts.html out/charts.png
	node tests/browser/check_review.mjs out/review
	node tests/browser/check_coded.mjs out/coded

test: all checksymbols layers unit lua-test e2e fuzz-replay docs-test \
      study-test browser-test

# The sanitizer build (address, undefined behaviour, leaks; no recovery):
# the unit tests, every fuzz corpus replayed, then the Lua and end-to-end
# tests run by a sanitized coda
# in build-asan/root/ (links to the project's folders beside it).  gcc's
# sanitizers come with Debian's gcc; ASAN_CC=clang works too.
ASAN_CC   ?= gcc
ASAN_FLAGS = BUILD=build-asan CC=$(ASAN_CC) \
  OPT="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  LDFLAGS="-fsanitize=address,undefined"
ASAN_ROOT := build-asan/root
ASAN_ENV  := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan: | $(DEPS_STAMP)
	$(MAKE) $(ASAN_FLAGS) unit
	$(ASAN_ENV) $(MAKE) $(ASAN_FLAGS) fuzz-replay
	@mkdir -p $(ASAN_ROOT)
	$(MAKE) $(ASAN_FLAGS) CODA_EXE=$(ASAN_ROOT)/coda CODA_SO=$(ASAN_ROOT)/coda.so \
	  $(ASAN_ROOT)/coda
	@for d in scripts datasets tests docs README.md; do ln -sfn ../../$$d $(ASAN_ROOT)/$$d; done
	cd $(ASAN_ROOT) && $(ASAN_ENV) ./coda run tests/lua/run.lua
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/run.sh --no-so
	cd $(ASAN_ROOT) && $(ASAN_ENV) python3 tests/e2e/prompt_pty.py ./coda
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/coding.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/limits.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) CODA_HANG_LIMIT=90 bash tests/e2e/bad.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/project.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/review.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/qdpx.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/shard.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/study.sh
	cd $(ASAN_ROOT) && $(ASAN_ENV) bash tests/e2e/aht_data.sh

valgrind: $(UNIT_BIN) coda
	cd tests/unit && CODA_BLOCK_CACHE_MB=0 CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect ../../$(UNIT_BIN)
	CODA_BLOCK_CACHE_MB=0 CODA_VALGRIND=1 valgrind -q --error-exitcode=1 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect ./coda run tests/lua/run.lua

# The Slurm recipe of docs/scale.md on a single-node cluster started on
# loopback (tests/slurm/run.sh, as root); Slurm and munge are installed
# here only, not by make deps.
SLURM_PKGS := slurmctld slurmd slurm-client munge
slurm-deps:
	@$(call apt_need,$(SLURM_PKGS))
test-slurm: $(CODA_EXE) slurm-deps
	bash tests/slurm/run.sh

# R's survey package as the test oracle of the designs: installed here
# only (R is large; make deps leaves it out), then the oracle run.
# tests/golden/survey/expected.csv, committed, is what make test checks.
ORACLE_PKGS := r-base-core r-cran-survey
oracle-deps:
	@command -v Rscript >/dev/null && Rscript -e 'library(survey)' >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q --no-install-recommends $(ORACLE_PKGS) || \
	    (apt-get update -q && apt-get install -y -q --no-install-recommends $(ORACLE_PKGS)); \
	  else echo "the oracle needs: sudo apt-get install -y $(ORACLE_PKGS)"; exit 1; fi; }

oracle: all oracle-deps
	bash tests/e2e/oracle.sh

# Rewrite datasets/api and the committed expected values from R.
oracle-update: oracle
	Rscript tests/oracle/survey.R datasets/api tests/golden/survey

bench-load: all
	bash bench/deps.sh
	bash bench/run_load.sh

bench-agg: all
	bash bench/deps.sh
	bash bench/run_agg.sh

bench-ops: all
	bash bench/deps.sh
	bash bench/run_ops.sh

bench-code: all
	bash bench/deps.sh
	bash bench/run_code.sh
	bash bench/run_outputs.sh

# Sharded coding (8 shards, xargs -P 2) against one run: bench/run_shard.sh.
bench-shard: all
	bash bench/run_shard.sh

bench-groupby: all
	bash bench/deps.sh
	bash bench/run_groupby.sh

bench-stats: all
	bash bench/deps.sh
	@$(MAKE) --no-print-directory oracle-deps
	bash bench/run_stats.sh

bench-review: all
	bash bench/run_review.sh

bench-derive: all
	bash bench/deps.sh
	bash bench/run_derive.sh

bench-memory: all
	bash bench/deps.sh
	bash bench/run_memory.sh

bench: bench-load bench-agg bench-code

# --- fuzzing -----------------------------------------------------------
# make fuzz FUZZ_SECONDS=N runs each libFuzzer target (clang, sanitizers);
# make fuzz-replay (part of make test) replays every corpus file with the
# normal build.
FUZZ_TARGETS := csv codebook qdc corpus code write expr
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_OPTS    := -rss_limit_mb=2048 -timeout=10

$(BUILD)/tests/fuzz/%.o: tests/fuzz/%.c $(FLAGS_STAMP) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -Iruntime -c $< -o $@

$(BUILD)/tests/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o \
                              $(BUILD)/tests/fuzz/replay.o $(RT_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(RT_OBJ)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%.o) \
            $(BUILD)/tests/fuzz/replay.o

fuzz-replay: $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/replay_%)
	bash tests/e2e/fuzz_replay.sh $(BUILD)

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

# clang and libFuzzer (Debian 12's LLVM 14), for make fuzz only.
FUZZ_PKGS := clang libclang-rt-14-dev
fuzz-build: | $(DEPS_STAMP)
	@$(call apt_need,$(FUZZ_PKGS))
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	  OPT="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	  LDFLAGS="$(FUZZ_SAN)" fuzz-bins

fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes; failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  mkdir -p $(FUZZ_BUILD)/new/$$t; \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    $(FUZZ_OPTS) -dict=tests/fuzz/$$t.dict -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    $(FUZZ_BUILD)/new/$$t tests/fuzz/corpus/$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then \
	  echo "fuzz: failures in:$$failed (inputs in $(FUZZ_BUILD)/crashes/)"; exit 1; \
	fi

fuzz-merge: fuzz-build
	@mkdir -p $(FUZZ_BUILD)/crashes; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/new/$$t; \
	  $(FUZZ_BUILD)/fuzz_$$t -set_cover_merge=1 $(FUZZ_OPTS) \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- \
	    tests/fuzz/corpus/$$t $(FUZZ_BUILD)/new/$$t || exit 1; \
	done

# Static analysis of the C sources (warnings, performance, portability).
cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --std=c11 --inline-suppr -Iruntime -I/usr/include/lua5.4 \
	  --suppress=missingIncludeSystem --suppress=toomanyconfigs runtime bindings

clean:
	rm -rf build build-asan coda coda.so bench/gen_survey

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
