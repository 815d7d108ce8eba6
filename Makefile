# chuyende — papers for thematic party-cell meetings.
#   make            build build/chuyende
#   make test       install missing packages, build, run every test
#   make demo       install missing packages, build, run on samples/ into out/

CC      ?= cc
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT)
PKGS     = yaml-0.1 libcmark libutf8proc nettle
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lhpdf -lz -lm -lpthread

B        = build
SRC      = $(sort $(filter-out generator/main.c,$(wildcard generator/*.c)))
OBJ      = $(SRC:generator/%.c=$(B)/obj/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all test test-asan demo deps clean bench bench-peers
all: $(B)/chuyende $(UNIT_BIN)

$(B)/obj/%.o: generator/%.c $(wildcard generator/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(B)/libchuyende.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/chuyende: $(B)/obj/main.o $(B)/libchuyende.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libchuyende.a $(wildcard generator/*.h) tests/unit/unit.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Igenerator -o $@ $< $(B)/libchuyende.a $(LDLIBS)

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

clean:
	rm -rf $(B) build-asan out
