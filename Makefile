# chuyende — papers for thematic party-cell meetings.
#   make            build build/chuyende
#   make test       install missing packages, build, run every test
#   make demo       install missing packages, build, run on samples/ into out/

CC      ?= cc
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT)
# cmark: CMARK=static links a static cmark built from Debian's source
# package by tools/third-party.sh into build/third-party/linux/ (made on
# demand; see README, "Third-party libraries"); CMARK=debian links
# Debian 12's libcmark-dev. Every other library comes from Debian 12.
CMARK   ?= debian
TP_LINUX = build/third-party/linux
ifeq ($(CMARK),static)
CMARK_LIB    = $(TP_LINUX)/lib/libcmark.a
CMARK_CFLAGS = -isystem $(TP_LINUX)/include
PKGS     = yaml-0.1 libutf8proc nettle
else ifeq ($(CMARK),debian)
PKGS     = yaml-0.1 libcmark libutf8proc nettle
else
$(error CMARK must be static or debian)
endif
PKG_CFLAGS := $(CMARK_CFLAGS) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(CMARK_LIB) $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lhpdf -lz -lm -lpthread

B        = build
# generator/os_*.c: one platform each (os.h); Linux takes the POSIX one.
SRC      = $(sort $(filter-out generator/main.c generator/%_win32.c,$(wildcard generator/*.c)))
OBJ      = $(SRC:generator/%.c=$(B)/obj/%.o) $(B)/obj/srgb_icc.o
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all schemas install test test-asan test-valgrind demo deps clean bench bench-peers fuzz fuzz-build fuzz-replay
all: $(B)/chuyende $(UNIT_BIN)

# -MMD: each object depends on the headers (and diag.def) it includes.
$(B)/obj/%.o: generator/%.c $(CMARK_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(B)/obj/*.d)

# The sRGB profile of PDF/A output intents (Debian icc-profiles-free, zlib
# licence; ICC v2 as PDF/A-1 asks), compiled into the program so that it
# reads no data file at run time, on any platform.
SRGB_ICC ?= /usr/share/color/icc/sRGB.icc
$(SRGB_ICC):
	@echo "$@ is missing: run 'make deps' (Debian package icc-profiles-free)" >&2; exit 1

$(B)/gen/srgb_icc.c: $(SRGB_ICC) tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh srgb_icc $(SRGB_ICC) > $@.tmp && mv $@.tmp $@

$(B)/obj/srgb_icc.o: $(B)/gen/srgb_icc.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# Outside $(B): the ASan, fuzz and valgrind builds share it.
$(TP_LINUX)/lib/libcmark.a: tools/third-party.sh
	sh tools/third-party.sh cmark-linux

$(B)/libchuyende.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/chuyende: $(B)/obj/main.o $(B)/libchuyende.a $(CMARK_LIB)
	$(CC) $(CFLAGS) -o $@ $(B)/obj/main.o $(B)/libchuyende.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libchuyende.a $(wildcard generator/*.h) tests/unit/unit.h $(CMARK_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Igenerator -o $@ $< $(B)/libchuyende.a $(LDLIBS)

# The JSON Schemas editors read (schemas/), written from keys.def by the
# program itself; tests/suites/schema.sh fails when they differ.
SCHEMAS = plan draft note units template
schemas: $(B)/chuyende
	@for k in $(SCHEMAS); do $(B)/chuyende schema $$k -o schemas/$$k.schema.json || exit 1; done

# make install [PREFIX=/usr/local] [DESTDIR=...]: the program in bin/, its
# data in share/chuyende/ (templates/, the starter plan, schemas/, fonts/),
# where it looks for them (bin/../share/chuyende/templates).
PREFIX  ?= /usr/local
SHARE    = $(DESTDIR)$(PREFIX)/share/chuyende
install: $(B)/chuyende
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/templates/starter $(SHARE)/schemas $(SHARE)/fonts
	install -m 755 $(B)/chuyende $(DESTDIR)$(PREFIX)/bin/chuyende
	install -m 644 templates/*.yaml $(SHARE)/templates/
	install -m 644 templates/starter/* $(SHARE)/templates/starter/
	install -m 644 schemas/*.schema.json $(SHARE)/schemas/
	install -m 644 fonts/* $(SHARE)/fonts/

deps:
	@sh tools/deps.sh

# The recursive make runs after deps, so pkg-config sees the new packages.
test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh

# The whole suite under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, built apart in build-asan/: any report fails a test.
SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
test-asan: deps
	@sh tools/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory B=build-asan CC=clang OPT="$(SAN)" all
	@B=build-asan BIN=$(CURDIR)/build-asan/chuyende ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 sh tests/run.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the library built with
# coverage, ASan and UBSan in build-fuzz/. `make fuzz SECONDS=N` runs each
# harness N seconds from its corpus in tests/fuzz/corpus/; `make
# fuzz-replay` runs every corpus file once. See tests/fuzz/README.
FUZZERS  = plan draft units
SECONDS ?= 60
FUZZ_SAN = $(SAN) -fsanitize=fuzzer-no-link
$(B)/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/libchuyende.a $(CMARK_LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer -Igenerator -DSOURCE_ROOT='"$(CURDIR)"' \
		-o $@ $< $(B)/libchuyende.a $(LDLIBS)

fuzz-build: deps
	@sh tools/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang OPT="$(FUZZ_SAN)" \
		$(FUZZERS:%=build-fuzz/fuzz/%)

fuzz: fuzz-build
	@sh tools/fuzz.sh run $(SECONDS) $(FUZZERS)

fuzz-replay: fuzz-build
	@sh tools/fuzz.sh replay 0 $(FUZZERS)

# The whole suite under valgrind's memcheck (-O2 build in build-valgrind/):
# every run of the program and of the unit tests; any report fails.
test-valgrind: deps
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory B=build-valgrind all
	@rm -rf build-valgrind/vg && mkdir -p build-valgrind/vg
	@printf '#!/bin/sh\nexec sh "%s/tools/valgrind.sh" "%s/build-valgrind/chuyende" "$$@"\n' \
		"$(CURDIR)" "$(CURDIR)" > build-valgrind/chuyende-vg && chmod +x build-valgrind/chuyende-vg
	@VG_LOGS=$(CURDIR)/build-valgrind/vg B=build-valgrind RUN_UNDER="sh tools/valgrind.sh" HOSTILE_TIMEOUT=60 \
		BIN=$(CURDIR)/build-valgrind/chuyende-vg sh tests/run.sh
	@n=$$(find build-valgrind/vg -name '*.log' -size +0 | wc -l); \
	if [ "$$n" -ne 0 ]; then echo "valgrind: $$n reports in build-valgrind/vg"; \
		find build-valgrind/vg -name '*.log' -size +0 | head -3 | xargs cat; exit 1; fi; \
	echo "valgrind: $$(ls build-valgrind/vg | wc -l) processes, no reports"

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

# Benchmarks: figures, never timed assertions. bench writes BENCHMARKS.md.
$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $<

bench: deps
	@$(MAKE) --no-print-directory all $(B)/bench/generate $(B)/bench/measure
	@sh bench/run.sh

bench-peers: deps
	@$(MAKE) --no-print-directory all $(B)/bench/generate $(B)/bench/measure
	@sh bench/peers.sh

# ---- Windows: chuyende.exe cross-built with Debian's mingw-w64 ----
# make windows        dist/chuyende-VERSION-win64.zip: the program linked
#                     statically with libraries built from Debian 12's
#                     source packages (tools/third-party.sh win64), its
#                     templates, schemas and fonts beside it
# make test-windows   the golden suites through wine against that zip's
#                     chuyende.exe, and its PDFs against Linux's, byte for byte
VERSION  := $(shell sed -n 's/^\#define CHUYENDE_VERSION "\(.*\)"/\1/p' generator/main.c)
W         = build/win64
WIN_TP    = build/third-party/win64
WIN_CC    = x86_64-w64-mingw32-gcc
WIN_SRC   = $(sort $(filter-out generator/main.c generator/%_posix.c,$(wildcard generator/*.c)))
WIN_OBJ   = $(WIN_SRC:generator/%.c=$(W)/obj/%.o) $(W)/obj/srgb_icc.o
# mingw's own printf (C99 %zu, the same digits as glibc), 64-bit file
# sizes, the static libraries' headers as they are declared for static use;
# no build path in the binary
WIN_CFLAGS = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -O2 \
           -D__USE_MINGW_ANSI_STDIO=1 -D_FILE_OFFSET_BITS=64 -D_WIN32_WINNT=0x0601 \
           -DYAML_DECLARE_STATIC -DUTF8PROC_STATIC -DCMARK_STATIC_DEFINE \
           -isystem $(WIN_TP)/include -ffile-prefix-map=$(CURDIR)/=
# the same bytes each build: no link time stamp, no symbols; an 8 MB stack
# as Linux gives (deep but bounded recursion on hostile inputs)
WIN_LDFLAGS = -static -s -Wl,--no-insert-timestamp -Wl,--stack,8388608
WIN_LIBS  = -L$(WIN_TP)/lib -lcmark -lyaml -lutf8proc -lnettle -lhpdf -lz -lshell32
# made when tools/third-party.sh changes (it rebuilds only what its pins
# and recipes say changed: build/third-party is the cache)
WIN_STAMP = $(WIN_TP)/.made

.PHONY: windows test-windows
$(WIN_STAMP): tools/third-party.sh
	sh tools/third-party.sh win64
	@touch $@

$(W)/obj/%.o: generator/%.c $(WIN_STAMP)
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(W)/obj/*.d)

$(W)/obj/srgb_icc.o: $(B)/gen/srgb_icc.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

$(W)/chuyende.exe: $(W)/obj/main.o $(WIN_OBJ) $(WIN_STAMP)
	$(WIN_CC) $(WIN_CFLAGS) $(WIN_LDFLAGS) -o $@ $(W)/obj/main.o $(WIN_OBJ) $(WIN_LIBS)

windows: $(W)/chuyende.exe
	@sh tools/windows-zip.sh $(W)/chuyende.exe $(VERSION)

test-windows: windows all
	@sh tools/test-windows.sh dist/chuyende-$(VERSION)-win64.zip

clean:
	rm -rf $(B) build-asan build-fuzz build-valgrind out
