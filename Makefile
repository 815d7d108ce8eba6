# chuyende — papers for thematic party-cell meetings.
#   make            build build/chuyende
#   make deps       install the Debian packages missing (the only target that does)
#   make test       build, run every test
#   make demo       build, run on samples/ into out/
#   make install    [PREFIX=/usr/local] [DESTDIR=] [BINDIR= DATADIR= MANDIR=]

CC      ?= cc
OPT     ?= -O2 -g
# WERROR=-Werror makes warnings fail the build: the test targets and CI
# set it; a plain `make` (another compiler, CFLAGS='-O3 -flto') warns only.
WERROR  ?=
CFLAGS  += -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes $(WERROR) $(OPT)
# CPPFLAGS, LDFLAGS and LDLIBS from the command line or environment are
# added to, never replaced.
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# cmark: CMARK=static links a static cmark built from Debian's source
# package by tools/third-party.sh into build/third-party/linux/ (made on
# demand; see README, "Third-party libraries"); CMARK=debian links
# Debian 12's libcmark-dev. Every other library comes from Debian 12.
CMARK   ?= debian
TP_LINUX = build/third-party/linux
ifeq ($(CMARK),static)
CMARK_LIB    = $(TP_LINUX)/lib/libcmark.a
PKGS     = yaml-0.1 libutf8proc nettle
else ifeq ($(CMARK),debian)
PKGS     = yaml-0.1 libcmark libutf8proc nettle
else
$(error CMARK must be static or debian)
endif
# libharu: LIBHARU=static (the default) links a static libharu built by
# tools/third-party.sh from Debian 12's source package (the version
# libhpdf-dev ships, without libpng) into build/third-party/linux/, made
# once, the first time from Debian's mirror; LIBHARU=debian links Debian
# 12's shared libhpdf instead (for a build without the network). Static,
# every run loads two shared libraries fewer (libhpdf and the libpng it
# needs, which the program never uses): 0.2 ms of a 3 ms paper. libharu
# only writes the program's own output; it sees none of its input.
LIBHARU ?= static
ifeq ($(LIBHARU),static)
HPDF_LIB    = $(TP_LINUX)/lib/libhpdf.a
HPDF_LIBS   = $(HPDF_LIB) -Wl,-Bstatic -lz -Wl,-Bdynamic -lm
HPDF_DEPS   = dpkg-dev cmake xz-utils
else ifeq ($(LIBHARU),debian)
HPDF_LIBS   = -lhpdf -lz
HPDF_DEPS   = libhpdf-dev
else
$(error LIBHARU must be static or debian)
endif
# the libraries built from source: what objects and programs are made
# after, and whose headers come first when there are any
TP_LIBS  = $(CMARK_LIB) $(HPDF_LIB)
PKG_CFLAGS := $(if $(strip $(TP_LIBS)),-isystem $(TP_LINUX)/include) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# nettle linked statically (nettle-dev's libnettle.a): the program takes
# SHA-256 from it and nothing else, and the shared library has the loader
# bind some 460 symbols of its algorithm tables at every start, 0.44 M
# instructions, a third of starting the program. SHA-256 of the program's
# own bytes parses no input; the parsers (libyaml, cmark, utf8proc) stay
# shared, so that a security update of theirs needs no rebuild.
NETTLE_LIBS = -Wl,-Bstatic $(shell pkg-config --libs nettle 2>/dev/null) -Wl,-Bdynamic
PKG_LIBS   := $(CMARK_LIB) $(shell pkg-config --libs $(filter-out nettle,$(PKGS)) 2>/dev/null) $(NETTLE_LIBS)
# libharu (with zlib, which it needs) and libdeflate, which deflates the
# painter's streams, are linked into the program; the layout and
# everything before it need none of them (tests/unit/dump_test.c is
# linked without them). libdeflate is linked statically (libdeflate-dev's
# libdeflate.a) for the same reason as nettle: it only compresses the
# program's own output, and loading one more shared library costs each
# run about 60 us. zlib goes with libharu: static with a static libharu.
# -pthread: the deflater's helper thread (os_posix.c; in libc since glibc 2.34)
DEFLATE_LIBS = -Wl,-Bstatic -ldeflate -Wl,-Bdynamic
BASE_LIBS = $(PKG_LIBS) -lm -pthread
LDLIBS  += $(BASE_LIBS) $(HPDF_LIBS) $(DEFLATE_LIBS)

B        = build
# generator/os_*.c: one platform each (os.h); Linux takes the POSIX one.
SRC      = $(sort $(filter-out generator/main.c generator/%_win32.c,$(wildcard generator/*.c)))
OBJ      = $(SRC:generator/%.c=$(B)/obj/%.o) $(B)/obj/srgb_icc.o $(B)/obj/yfrozen_data.o
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all schemas install uninstall FORCE deps deps-check test test-asan test-valgrind test-libharu demo deps clean bench bench-peers fuzz fuzz-build fuzz-replay
all: $(B)/chuyende $(UNIT_BIN)

# -MMD: each object depends on the headers (and diag.def) it includes.
$(B)/obj/%.o: generator/%.c $(TP_LIBS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(B)/obj/*.d $(B)/dep/*.d)

# The sRGB profile of PDF/A output intents (Debian icc-profiles-free, zlib
# licence; ICC v2 as PDF/A-1 asks), compiled into the program so that it
# reads no data file at run time, on any platform.
SRGB_ICC ?= /usr/share/color/icc/sRGB.icc
$(SRGB_ICC):
	@echo "$@ is missing: run 'make deps' (Debian package icc-profiles-free)" >&2; exit 1

$(B)/gen/zembed: tools/zembed.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -ldeflate

$(B)/gen/srgb_icc.c: $(SRGB_ICC) $(B)/gen/zembed
	$(B)/gen/zembed srgb_icc $(SRGB_ICC) > $@.tmp && mv $@.tmp $@

$(B)/obj/srgb_icc.o: $(B)/gen/srgb_icc.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The templates that ship, parsed at build time (generator/yfrozen.h):
# tools/yfreeze.c runs the program's own loader on them, linked from
# every object but the data it makes.
FROZEN = $(sort $(wildcard templates/*.yaml))
$(B)/gen/libfreeze.a: $(filter-out $(B)/obj/yfrozen_data.o,$(OBJ))
	@mkdir -p $(@D)
	@rm -f $@
	ar rcs $@ $^

$(B)/gen/yfreeze: tools/yfreeze.c $(B)/gen/libfreeze.a $(TP_LIBS)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(B)/gen/libfreeze.a $(LDLIBS)

$(B)/gen/yfrozen_data.c: $(B)/gen/yfreeze $(FROZEN)
	$(B)/gen/yfreeze $(FROZEN) > $@.tmp && mv $@.tmp $@

$(B)/obj/yfrozen_data.o: $(B)/gen/yfrozen_data.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igenerator -c -o $@ $<

# Outside $(B): the ASan, fuzz and valgrind builds share them. One at a
# time: both use the same private apt configuration.
$(TP_LINUX)/lib/libcmark.a: tools/third-party.sh
	sh tools/third-party.sh cmark-linux

$(TP_LINUX)/lib/libhpdf.a: tools/third-party.sh | $(CMARK_LIB)
	sh tools/third-party.sh libharu-linux

$(B)/libchuyende.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/chuyende: $(B)/obj/main.o $(B)/libchuyende.a $(TP_LIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/main.o $(B)/libchuyende.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libchuyende.a $(TP_LIBS)
	@mkdir -p $(@D) $(B)/dep
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Igenerator -MMD -MP -MF $(B)/dep/$(@F).d $(LDFLAGS) -o $@ $< $(B)/libchuyende.a $(LDLIBS)

# The layout dump with nothing of libharu or zlib linked: a change to the
# PDF writer cannot break it, and a layout that reached for the painter
# would not link.
$(B)/tests/dump_test: tests/unit/dump_test.c $(B)/libchuyende.a $(TP_LIBS)
	@mkdir -p $(@D) $(B)/dep
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Igenerator -MMD -MP -MF $(B)/dep/$(@F).d $(LDFLAGS) -o $@ $< $(B)/libchuyende.a $(BASE_LIBS)

# The JSON Schemas editors read (schemas/), written from keys.def by the
# program itself; tests/suites/schema.sh fails when they differ.
SCHEMAS = plan draft note units template
schemas: $(B)/chuyende
	@for k in $(SCHEMAS); do $(B)/chuyende schema $$k -o schemas/$$k.schema.json || exit 1; done

# The data folder is built into the program (generator/datadir.c), never
# guessed from where the binary is: build/chuyende reads this tree's
# templates/, schemas/ and fonts/; the installed one, built apart in
# $(B)/install/, reads $(PKGDATADIR). CHUYENDE_DATA overrides both. Each
# value is kept in a stamp rewritten only when it changes, so that a new
# PREFIX rebuilds the one object that holds it.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
PKGDATADIR  = $(DATADIR)/chuyende
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions

$(B)/datadir-tree.txt $(B)/install/datadir.txt: FORCE
	@mkdir -p $(@D)
	@v='$(if $(findstring install,$@),$(PKGDATADIR),$(CURDIR))'; \
	printf '%s\n' "$$v" | cmp -s - $@ || printf '%s\n' "$$v" > $@

$(B)/obj/datadir.o: generator/datadir.c $(B)/datadir-tree.txt
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DCHUYENDE_DATADIR='"$(CURDIR)"' -MMD -MP -c -o $@ $<

$(B)/install/datadir.o: generator/datadir.c $(B)/install/datadir.txt
	$(CC) $(CPPFLAGS) $(CFLAGS) -DCHUYENDE_DATADIR='"$(PKGDATADIR)"' -c -o $@ $<

# The same program but for its datadir.o, linked first: the library's
# datadir.o, defining the same symbols, is then not taken from the archive.
$(B)/install/chuyende: $(B)/obj/main.o $(B)/install/datadir.o $(B)/libchuyende.a $(TP_LIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/main.o $(B)/install/datadir.o $(B)/libchuyende.a $(LDLIBS)
all: $(B)/install/chuyende

# make install [PREFIX=/usr/local] [DESTDIR=...] [BINDIR= DATADIR= MANDIR=]:
# the program, its data (templates/ with the starter plan, schemas/,
# fonts/), the man pages (English, and chuyende(1) in Vietnamese under
# vi/), bash and zsh completion. `make uninstall` with the same variables
# removes exactly these files, then the folders of its own left empty.
INSTALLED_DATA = $(patsubst %,templates/%,$(notdir $(wildcard templates/*.yaml))) \
	$(patsubst %,templates/starter/%,$(notdir $(wildcard templates/starter/*))) \
	$(patsubst %,schemas/%,$(notdir $(wildcard schemas/*.schema.json))) \
	$(patsubst %,fonts/%,$(notdir $(wildcard fonts/*)))
MAN_PAGES = man1/chuyende.1 man5/chuyende-plan.5 vi/man1/chuyende.1
D_BIN  = $(DESTDIR)$(BINDIR)
D_DATA = $(DESTDIR)$(PKGDATADIR)
D_MAN  = $(DESTDIR)$(MANDIR)
install: $(B)/install/chuyende
	install -d $(D_BIN) $(D_DATA)/templates/starter $(D_DATA)/schemas $(D_DATA)/fonts \
		$(D_MAN)/man1 $(D_MAN)/man5 $(D_MAN)/vi/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/install/chuyende $(D_BIN)/chuyende
	for f in $(INSTALLED_DATA); do install -m 644 $$f $(D_DATA)/$$f || exit 1; done
	install -m 644 man/chuyende.1 $(D_MAN)/man1/chuyende.1
	install -m 644 man/chuyende-plan.5 $(D_MAN)/man5/chuyende-plan.5
	install -m 644 man/vi/chuyende.1 $(D_MAN)/vi/man1/chuyende.1
	sed 's|@DATADIR@|$(PKGDATADIR)|g' completion/chuyende.bash > $(DESTDIR)$(BASHCOMPDIR)/chuyende
	sed 's|@DATADIR@|$(PKGDATADIR)|g' completion/_chuyende > $(DESTDIR)$(ZSHCOMPDIR)/_chuyende
	chmod 644 $(DESTDIR)$(BASHCOMPDIR)/chuyende $(DESTDIR)$(ZSHCOMPDIR)/_chuyende

uninstall:
	rm -f $(D_BIN)/chuyende $(INSTALLED_DATA:%=$(D_DATA)/%) $(MAN_PAGES:%=$(D_MAN)/%) \
		$(DESTDIR)$(BASHCOMPDIR)/chuyende $(DESTDIR)$(ZSHCOMPDIR)/_chuyende
	-rmdir $(D_DATA)/templates/starter $(D_DATA)/templates $(D_DATA)/schemas $(D_DATA)/fonts $(D_DATA) 2>/dev/null

FORCE:

# The one target that installs packages: every package any target below
# needs (apt-get, through sudo when not root). The others only check, name
# what is missing and point here; .ci/run calls it first.
DEPS_TOOLS = clang libclang-rt-14-dev valgrind libhpdf-dev \
	dpkg-dev cmake g++ xz-utils bzip2 gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 m4 wine64 wine zip unzip
deps:
	@sh tools/deps.sh $(DEPS_TOOLS) $(HPDF_DEPS)

deps-check:
	@sh tools/deps.sh --check $(HPDF_DEPS)

# The recursive make runs after deps, so pkg-config sees the new packages.
test: deps-check
	@$(MAKE) --no-print-directory all WERROR=-Werror
	@sh tests/run.sh

# The whole suite under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, built apart in build-asan/: any report fails a test.
SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
test-asan: deps-check
	@sh tools/deps.sh --check clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory B=build-asan CC=clang OPT="$(SAN)" all WERROR=-Werror
	@B=build-asan BIN=$(CURDIR)/build-asan/chuyende ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 sh tests/run.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the library built with
# coverage, ASan and UBSan in build-fuzz/. `make fuzz SECONDS=N` runs each
# harness N seconds from seeds it makes in build-fuzz/seeds/; `make
# fuzz-replay` runs every corpus file once. See tests/fuzz/README.
FUZZERS  = plan draft units
SECONDS ?= 60
FUZZ_SAN = $(SAN) -fsanitize=fuzzer-no-link
$(B)/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/libchuyende.a $(TP_LIBS)
	@mkdir -p $(@D) $(B)/dep
	$(CC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer -Igenerator -DSOURCE_ROOT='"$(CURDIR)"' \
		-MMD -MP -MF $(B)/dep/fuzz-$(@F).d $(LDFLAGS) -o $@ $< $(B)/libchuyende.a $(LDLIBS)

fuzz-build: deps-check
	@sh tools/deps.sh --check clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang OPT="$(FUZZ_SAN)" WERROR=-Werror \
		$(FUZZERS:%=build-fuzz/fuzz/%)

fuzz: fuzz-build
	@sh tools/fuzz.sh run $(SECONDS) $(FUZZERS)

fuzz-replay: fuzz-build
	@sh tools/fuzz.sh replay 0 $(FUZZERS)

# The whole suite under valgrind's memcheck (-O2 build in build-valgrind/):
# every run of the program and of the unit tests; any report fails.
test-valgrind: deps-check
	@sh tools/deps.sh --check valgrind
	@$(MAKE) --no-print-directory B=build-valgrind all WERROR=-Werror
	@rm -rf build-valgrind/vg && mkdir -p build-valgrind/vg
	@printf '#!/bin/sh\nexec sh "%s/tools/valgrind.sh" "%s/build-valgrind/chuyende" "$$@"\n' \
		"$(CURDIR)" "$(CURDIR)" > build-valgrind/chuyende-vg && chmod +x build-valgrind/chuyende-vg
	@VG_LOGS=$(CURDIR)/build-valgrind/vg B=build-valgrind RUN_UNDER="sh tools/valgrind.sh" HOSTILE_TIMEOUT=60 \
		BIN=$(CURDIR)/build-valgrind/chuyende-vg sh tests/run.sh
	@n=$$(find build-valgrind/vg -name '*.log' -size +0 | wc -l); \
	if [ "$$n" -ne 0 ]; then echo "valgrind: $$n reports in build-valgrind/vg"; \
		find build-valgrind/vg -name '*.log' -size +0 | head -3 | xargs cat; exit 1; fi; \
	echo "valgrind: $$(ls build-valgrind/vg | wc -l) processes, no reports"

# Debian's shared libhpdf (LIBHARU=debian, built apart in build-debian/)
# makes the very files the default build (a static libharu built from
# the same Debian source) makes: every sample, byte for byte. CI runs it.
test-libharu: deps-check
	@sh tools/deps.sh --check libhpdf-dev
	@$(MAKE) --no-print-directory all WERROR=-Werror
	@$(MAKE) --no-print-directory B=build-debian LIBHARU=debian build-debian/chuyende WERROR=-Werror
	@sh tools/same-pdfs.sh build/chuyende build-debian/chuyende

demo: deps-check
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

# Benchmarks: figures, never timed assertions. bench writes BENCHMARKS.md.
$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

bench: deps-check
	@$(MAKE) --no-print-directory all $(B)/bench/generate $(B)/bench/measure
	@sh bench/run.sh

bench-peers: deps-check
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
WIN_OBJ   = $(WIN_SRC:generator/%.c=$(W)/obj/%.o) $(W)/obj/srgb_icc.o $(W)/obj/yfrozen_data.o
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
WIN_LIBS  = -L$(WIN_TP)/lib -lcmark -lyaml -lutf8proc -lnettle -lhpdf -ldeflate -lz -lshell32
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

# no data folder built in: the zip's chuyende.exe finds its data beside it
$(W)/obj/datadir.o: generator/datadir.c $(WIN_STAMP)
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -DCHUYENDE_DATADIR='""' -MMD -MP -c -o $@ $<

$(W)/obj/srgb_icc.o: $(B)/gen/srgb_icc.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c -o $@ $<

# the trees as this machine's build froze them: data, the same on any platform
$(W)/obj/yfrozen_data.o: $(B)/gen/yfrozen_data.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -Igenerator -c -o $@ $<

$(W)/chuyende.exe: $(W)/obj/main.o $(WIN_OBJ) $(WIN_STAMP)
	$(WIN_CC) $(WIN_CFLAGS) $(WIN_LDFLAGS) -o $@ $(W)/obj/main.o $(WIN_OBJ) $(WIN_LIBS)

windows: $(W)/chuyende.exe
	@sh tools/windows-zip.sh $(W)/chuyende.exe $(VERSION)

test-windows: windows all $(B)/bench/generate
	@sh tools/test-windows.sh dist/chuyende-$(VERSION)-win64.zip

clean:
	rm -rf $(B) build-asan build-fuzz build-valgrind build-debian out
