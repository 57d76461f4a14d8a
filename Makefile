# wsisc - a compiler for .wsis follow-up specs of UN resolutions.
#
#   make            build build/wsisc
#   make demo       check the bundled example and summarise it
#   make check      build and run the test suite
#   make check-asan the suite under AddressSanitizer and UBSan
#   make check-tsan the command-line suite with wsisc under ThreadSanitizer
#   make bench      time check, ical and report at 10^4..10^6 obligations
#   make install    install wsisc and its stdlib under PREFIX
#
# Build dependencies are installed (as root) or named (otherwise) by
# `make deps`, which demo and check run first.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/wsisc

CC      ?= cc
BUILD   ?= build
FLEX    ?= flex
BISON   ?= bison
PKG_CONFIG ?= pkg-config

VERSION := 0.1.0

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
CSTD    := -std=c11 -D_XOPEN_SOURCE=700
CFLAGS  ?= -O2 -g
# -iquote, not -I: the project's headers are for its own "..." includes
# only; as -I, compiler/sched.h stood in for the C library's <sched.h>
# (which <pthread.h> includes), and the dependency files lost every header.
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -pthread \
             -iquote $(BUILD) -iquote compiler \
             $(XML_CFLAGS) \
             -DWSISC_VERSION='"$(VERSION)"' \
             -DWSISC_STDLIB_DIR='"$(DATADIR)/stdlib"' \
             $(if $(XML_SONAME),-DWSISC_LIBXML2='"$(XML_SONAME)"')
# Generated scanner and parser: the same warnings, minus what flex and
# bison's skeletons trigger themselves.
GEN_CFLAGS = $(ALL_CFLAGS) -Wno-missing-prototypes -Wno-shadow \
             -Wno-unused-function -Wno-sign-compare
LDLIBS_ALL = $(LDFLAGS) $(LDLIBS) $(XML_LIBS) -ldl -pthread
# wsisc links no libxml2 (see XML_SONAME); the tests and fuzzers do.
WSISC_LIBS = $(LDFLAGS) $(LDLIBS) -ldl -pthread

# The tests also read calendars back with libical, an independent parser.
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null)
# wsisc itself loads libxml2 only when it reads progress in XML
# (compiler/progress_xml.c): the soname of the library the build found.
XML_SONAME := $(shell objdump -p "$$($(CC) -print-file-name=libxml2.so)" \
                2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')

CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check libical libxml-2.0 2>/dev/null)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check libical libxml-2.0 2>/dev/null)

LIB_SRCS := ahead.c arena.c ast.c check.c compile.c diag.c date.c emit_dates.c \
            emit_html.c emit_ical.c emit_xml.c explain.c import.c outfile.c parse.c \
            parts.c pool.c \
            progress.c progress_xml.c report.c \
            resolve.c sched.c spell.c symtab.c intern.c utf8.c
LIB_OBJS := $(addprefix $(BUILD)/,$(LIB_SRCS:.c=.o)) \
            $(BUILD)/lexer.o $(BUILD)/parser.o $(BUILD)/parser_ahead.o \
            $(BUILD)/schemas.o
TEST_SRCS := $(filter-out tests/oom.c,$(wildcard tests/*.c))
TEST_OBJS := $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(TEST_SRCS))

.PHONY: all bench demo check check-asan check-tsan check-valgrind check-oom coverage deps fuzz install uninstall clean
.DELETE_ON_ERROR:

all: $(BUILD)/wsisc

$(BUILD)/wsisc: $(BUILD)/main.o $(BUILD)/libwsis.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(WSISC_LIBS)

$(BUILD)/libwsis.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# bison writes the parser and its header in one run: the idiom below makes
# make run it once and know that both are fresh.
$(BUILD)/parser.c: grammar/parser.y | $(BUILD)
	$(BISON) -Wall -Werror --defines=$(BUILD)/parser.h -o $@ $<
$(BUILD)/parser.h: $(BUILD)/parser.c ;

# The same grammar again, without look-ahead correction, for the parses
# whose diagnostics are never shown (compiler/parse.h, ahead_parse); its
# names prefixed ahead_, its types the first one's.
$(BUILD)/parser_ahead.c: grammar/parser.y | $(BUILD)
	$(BISON) -Wall -Werror -Dapi.prefix={ahead_} -Fparse.lac=none -o $@ $<

# The scanner must never back up (grammar/lexer.l says why): flex's report
# of backing-up states is kept beside it, and any state fails the build.
$(BUILD)/lexer.c: grammar/lexer.l | $(BUILD)
	$(FLEX) --backup-file=$(BUILD)/lexer.backup --header-file=$(BUILD)/lexer.h -o $@ $<
	@grep -qx 'No backing up.' $(BUILD)/lexer.backup || { \
	    echo "$<: the scanner backs up; see $(BUILD)/lexer.backup" >&2; \
	    rm -f $@; exit 1; }
$(BUILD)/lexer.h: $(BUILD)/lexer.c ;

# The progress schema travels inside wsisc: no file to find at run time.
$(BUILD)/schemas.c: schema/progress.rng tools/embed.sh | $(BUILD)
	sh tools/embed.sh wsis_progress_rng schema/progress.rng > $@
$(BUILD)/schemas.o: $(BUILD)/schemas.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/lexer.o: $(BUILD)/lexer.c $(BUILD)/parser.h
	$(CC) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/parser.o: $(BUILD)/parser.c $(BUILD)/lexer.h
	$(CC) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/parser_ahead.o: $(BUILD)/parser_ahead.c $(BUILD)/lexer.h
	$(CC) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

# Every compiler source may include the generated headers.
$(BUILD)/%.o: compiler/%.c $(BUILD)/parser.h $(BUILD)/lexer.h | $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c $(BUILD)/parser.h | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/check_wsisc: $(TEST_OBJS) $(BUILD)/libwsis.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

deps:
	@sh tools/deps.sh

DEMO := $(BUILD)/demo

demo: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/wsisc check --summary examples/ecosoc-2012-5.wsis
	@mkdir -p $(DEMO)
	@$(BUILD)/wsisc ical -o $(DEMO)/ecosoc-2012-5.en.ics examples/ecosoc-2012-5.wsis
	@$(BUILD)/wsisc ical --lang=zh -o $(DEMO)/ecosoc-2012-5.zh.ics examples/ecosoc-2012-5.wsis
	@echo
	@echo "Calendars of the deadlines and meetings:"
	@echo "  $(DEMO)/ecosoc-2012-5.en.ics   (English)"
	@echo "  $(DEMO)/ecosoc-2012-5.zh.ics   (Chinese)"
	@echo "Import one: Google Calendar: Settings > Import & export > Import;"
	@echo "  Outlook: File > Open & Export > Import/Export > iCalendar (.ics);"
	@echo "  Apple Calendar and Thunderbird: File > Import.  Importing a newer"
	@echo "  file again updates the entries instead of duplicating them."
	@$(BUILD)/wsisc report -o $(DEMO)/ecosoc-2012-5-report.xml \
	    examples/ecosoc-2012-5.wsis examples/ecosoc-2012-5-progress.wsis
	@$(BUILD)/wsisc report --format=html --summary \
	    -o $(DEMO)/ecosoc-2012-5-report.html \
	    examples/ecosoc-2012-5.wsis examples/ecosoc-2012-5-progress.wsis
	@echo "The follow-up report as of today (progress from"
	@echo "examples/ecosoc-2012-5-progress.wsis; records marked illustrative are examples):"
	@echo "  $(DEMO)/ecosoc-2012-5-report.html   (open it in a browser)"
	@echo "  $(DEMO)/ecosoc-2012-5-report.xml    (schema/report.rng)"
	@echo "Every date with the rule it came from: $(BUILD)/wsisc dates examples/ecosoc-2012-5.wsis"

check: deps
	@$(MAKE) --no-print-directory $(BUILD)/wsisc $(BUILD)/check_wsisc
	@cd . && WSISC=$(BUILD)/wsisc $(BUILD)/check_wsisc

# The whole suite again, built apart with the sanitizers; any report fails.
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" check

# The command-line suite against a wsisc built with ThreadSanitizer: the
# files parsed ahead on worker threads (-j).  A race report lands on
# stderr, which the -j test compares with a run on one thread.
TSAN_FLAGS := -O1 -g -fsanitize=thread
check-tsan: deps
	@$(MAKE) --no-print-directory BUILD=build/tsan CFLAGS="$(TSAN_FLAGS)" \
	    LDFLAGS="$(TSAN_FLAGS)" build/tsan/wsisc
	@$(MAKE) --no-print-directory $(BUILD)/check_wsisc
	@CK_RUN_SUITE=cli WSISC=build/tsan/wsisc CK_TIMEOUT_MULTIPLIER=3 \
	    TSAN_OPTIONS="halt_on_error=1 exitcode=66" $(BUILD)/check_wsisc

# Fuzzing with libFuzzer (clang): a target for the .wsis front end and
# checker, one for the progress-XML reader.  Each runs FUZZ_SECONDS; new
# inputs collect in build/fuzz/corpus-*, crashes in build/fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := spec progress
# The benchmark: synthetic specs, our three commands and their peers
# measured side by side, and the ratios of docs/performance.md.
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/wsisc $(BUILD)/bench/gen \
	    $(BUILD)/bench/measure
	@bash bench/bench.sh $(BUILD)

$(BUILD)/bench/measure: bench/measure.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

# The generator counts days with the compiler's own date code.
$(BUILD)/bench/gen: bench/gen.c $(BUILD)/date.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/date.o

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	    CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	    build/fuzz/libwsis.a
	@for t in $(FUZZ_TARGETS); do \
	    clang -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer -iquote compiler -iquote build/fuzz \
	        $(XML_CFLAGS) fuzz/fuzz_$$t.c build/fuzz/libwsis.a $(XML_LIBS) -ldl -pthread \
	        -o build/fuzz/fuzz_$$t || exit 1; \
	    mkdir -p build/fuzz/corpus-$$t; \
	done
	@cp examples/*.xml tests/cases/lib/*.xml build/fuzz/corpus-progress/
	build/fuzz/fuzz_spec -max_total_time=$(FUZZ_SECONDS) \
	    -dict=fuzz/wsis.dict -max_len=16384 -timeout=10 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus-spec \
	    examples stdlib tests/cases tests/ical tests/report
	build/fuzz/fuzz_progress -max_total_time=$(FUZZ_SECONDS) \
	    -dict=fuzz/progress.dict -max_len=16384 -timeout=10 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus-progress

# The suite in one process under valgrind's memcheck: any error or leak
# (definite, indirect or possible) fails it.  Programs the tests start
# (wsisc itself, Chromium, Python) are not traced; make check-asan covers
# wsisc's own runs.
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full \
            --show-leak-kinds=definite,indirect,possible \
            --errors-for-leak-kinds=definite,indirect,possible \
            --child-silent-after-fork=yes
check-valgrind: deps
	@$(MAKE) --no-print-directory $(BUILD)/wsisc $(BUILD)/check_wsisc
	@CK_FORK=no WSISC=$(BUILD)/wsisc $(VALGRIND) $(BUILD)/check_wsisc

# Allocation-failure injection: the main job on the example with the 1st,
# 2nd, ... allocation failing, each run under AddressSanitizer; then a
# calendar of 10 000 obligations formatted on two threads, the same way.
OOM_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
check-oom: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" build/asan/libwsis.a
	@$(CC) $(CSTD) $(ASAN_FLAGS) -iquote compiler -iquote build/asan $(XML_CFLAGS) \
	    -o build/asan/oom tests/oom.c build/asan/libwsis.a $(OOM_WRAP) \
	    $(XML_LIBS) -ldl -pthread
	@sh tests/oom.sh build/asan/oom
	@sh tests/oom.sh build/asan/oom big

# Line and branch coverage of compiler/ (gcov, lcov) over the whole suite;
# the generated scanner and parser are left out.  Report: build/cov/html.
coverage: deps
	@rm -rf build/cov
	@$(MAKE) --no-print-directory BUILD=build/cov CFLAGS="-O0 -g --coverage" \
	    LDFLAGS="--coverage" build/cov/wsisc build/cov/check_wsisc
	@WSISC=build/cov/wsisc build/cov/check_wsisc | tail -n 1
	@lcov --quiet --capture --rc lcov_branch_coverage=1 --directory build/cov \
	    --output-file build/cov/all.info
	@lcov --quiet --rc lcov_branch_coverage=1 --extract build/cov/all.info \
	    '*/compiler/*' --output-file build/cov/compiler.info
	@genhtml --quiet --branch-coverage --output-directory build/cov/html \
	    build/cov/compiler.info
	@lcov --rc lcov_branch_coverage=1 --summary build/cov/compiler.info

install: $(BUILD)/wsisc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/stdlib
	install -m 755 $(BUILD)/wsisc $(DESTDIR)$(BINDIR)/wsisc
	install -m 644 stdlib/*.wsis $(DESTDIR)$(DATADIR)/stdlib/
	install -d $(DESTDIR)$(DATADIR)/schema
	install -m 644 schema/*.rng $(DESTDIR)$(DATADIR)/schema/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/wsisc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD) build

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
