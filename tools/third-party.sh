#!/bin/sh
# Builds third-party libraries as static libraries from Debian's own source
# packages, each pinned by exact version and by the SHA-256 of its .dsc.
#
#   sh tools/third-party.sh cmark-linux   cmark into build/third-party/linux/
#   sh tools/third-party.sh libharu-linux libharu into build/third-party/linux/
#   sh tools/third-party.sh win64         every library, cross-built for
#                                         x86_64-w64-mingw32, into build/third-party/win64/
#   sh tools/third-party.sh fetch NAME... download and verify sources only
#   sh tools/third-party.sh pins          print the pins
#
# Sources come only from Debian's archive, through apt-get with a private
# configuration under build/third-party/apt/ (its own sources list, lists and
# cache; the machine's /etc/apt is only read for the mirror URI): no root
# needed, nothing outside build/ changes. apt checks each file against the
# signed Sources index, this script checks the .dsc against its pin, and
# dpkg-source checks the tarballs against the .dsc.
#
# Environment: THIRD_PARTY_MIRROR overrides the Debian mirror URI;
# CMARK_PIN=experimental builds cmark 0.31.2 from Debian's experimental
# suite instead of Debian 12's 0.30.2 (this mirror does not serve it yet).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRIPT=$ROOT/tools/third-party.sh
TP=$ROOT/build/third-party
APTDIR=$TP/apt
DL=$TP/src
WORK=$TP/work
LOGS=$TP/logs

# The caller's compiler settings (make exports CC=clang for test-asan, cmake
# reads CFLAGS from the environment) must not leak into these builds.
unset CC CXX CFLAGS CXXFLAGS CPPFLAGS LDFLAGS LIBS MAKEFLAGS MFLAGS MAKEOVERRIDES MAKELEVEL || true
JOBS=$(nproc 2>/dev/null || echo 2)
OPTFLAGS=-O2
export LC_ALL=C TZ=UTC

NL='
'
say() { printf 'third-party: %s\n' "$*"; }
# DIE_HINT: a last line for every failure of the command run
DIE_HINT=
die() {
	printf 'third-party: FAILED: %s\n' "$*" >&2
	[ -z "$DIE_HINT" ] || printf 'third-party: %s\n' "$DIE_HINT" >&2
	exit 1
}

# name         source      version           suite         SHA-256 of the .dsc
# cmark 0.30.2 is quadratic on some inputs; the program refuses them before
# parsing (README, "Limits"). 0.31.2 (experimental only, as of 2026-11)
# fixes them in the parser and can be chosen with CMARK_PIN=experimental.
PINS='
cmark          cmark       0.30.2-6          bookworm      ba2b32318538b710166cfa2b256b0c8dc9eab6b2d68de3027cff53ce2639cb99
cmark@experimental cmark   0.31.2+ds-1       experimental  f29cd5f16c6d384c2c4805c6e8183a2a3e0d9f93c533127a528ee75ca857ec5b
libyaml        libyaml     0.2.5-1           bookworm      1edbf86e5cd76937ff62892ba6c2537456d645d834d4cd4a82430b8be7051bf4
libharu        libharu     2.3.0+dfsg-1      bookworm      a7f3d8577da401f77ccdc93267252ac6ee49b0dd58295d8832927feb18005812
utf8proc       utf8proc    2.8.0-1           bookworm      6ce2b0ab12fe7d0c3fd0a40d4eb886ae82bf6ea356e4db1a0a9f76582947625c
zlib           zlib        1:1.2.13.dfsg-1   bookworm      3fa1e6b2fc525062aa88207dda52fed8e045373c809d362fe8a2bfbf7cf515a8
nettle         nettle      3.8.1-2           bookworm      a437e204da67612efb656cab354835f358b44c077c5c0a46d6e8c30b5c0bddff
libdeflate     libdeflate  1.14-1            bookworm      1f82791c5ac5623ed110e09cc991471deebfe4c419414392d1242e122c6f4c19
'
# Packages that may be built from their orig tarball alone (still checked
# against the pinned .dsc) when the mirror does not serve their Debian part
# (.debian.tar.*), as happened with libharu's. Its Debian part corrects the
# version string, which libharu_fix_version below does in its place:
# without it HPDF_GetVersion, and so the /Producer of every PDF, says
# "2.3.0RC2" instead of "2.3.0".
ORIG_ONLY=' libharu '

CMARK_KEY=cmark
case "${CMARK_PIN:-}" in
'' | bookworm) ;;
experimental) CMARK_KEY=cmark@experimental ;;
*) die "CMARK_PIN must be experimental or bookworm, not '$CMARK_PIN'" ;;
esac

# pin NAME: sets P_SRC P_VER P_SUITE P_SHA P_DSC (file name of the .dsc)
pin() {
	line=$(printf '%s\n' "$PINS" | awk -v n="$1" '$1 == n')
	[ -n "$line" ] || die "no pin named '$1'"
	# shellcheck disable=SC2086 # the fields of the pin
	set -- $line
	P_SRC=$2 P_VER=$3 P_SUITE=$4 P_SHA=$5
	P_DSC=${P_SRC}_${P_VER#*:}.dsc
}

# --- apt, configured privately -------------------------------------------

# The Debian archive URI of the machine's own `deb` lines (deb822 or
# one-line), as apt itself reports them.
mirror_uri() {
	if [ -n "${THIRD_PARTY_MIRROR:-}" ]; then
		echo "${THIRD_PARTY_MIRROR%/}"
		return
	fi
	# shellcheck disable=SC2016 # apt's own $(FIELD) syntax
	t=$(apt-get indextargets --format '$(LABEL) $(REPO_URI)' 2>/dev/null || true)
	u=$(printf '%s\n' "$t" | awk '$1 == "Debian" { print $2; exit }')
	[ -n "$u" ] || u=$(printf '%s\n' "$t" | awk '$NF ~ /\/debian\/?$/ { print $NF; exit }')
	[ -n "$u" ] || u=http://deb.debian.org/debian
	echo "${u%/}"
}

APT_READY=
apt_setup() {
	[ -n "$APT_READY" ] && return
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -r "$keyring" ] || die "$keyring missing (Debian package debian-archive-keyring)"
	mirror=$(mirror_uri)
	mkdir -p "$APTDIR/etc/apt.conf.d" "$APTDIR/etc/sources.list.d" "$APTDIR/etc/preferences.d" \
		"$APTDIR/etc/trusted.gpg.d" "$APTDIR/state/lists/partial" "$APTDIR/cache/archives/partial"
	: > "$APTDIR/state/status"
	# Dir::Etc points every configuration file (apt.conf.d, sources,
	# preferences) into this tree, so the machine's settings and hooks
	# are not read; APT_CONFIG makes apt read this file first.
	{
		echo "Dir::Etc \"$APTDIR/etc/\";"
		echo "Dir::State \"$APTDIR/state/\";"
		echo "Dir::State::status \"$APTDIR/state/status\";"
		echo "Dir::Cache \"$APTDIR/cache/\";"
		echo 'Acquire::Languages "none";'
		echo 'Acquire::GzipIndexes "true";'
		# Signatures are checked, but not the indexes' expiry date: a
		# mirror snapshot may be past it, and the pins below already
		# refuse any source other than the one pinned.
		echo 'Acquire::Check-Valid-Until "false";'
		# as root apt would drop to _apt, who cannot write here
		[ "$(id -u)" -eq 0 ] && echo 'APT::Sandbox::User "root";'
	} > "$APTDIR/etc/apt.conf"
	sl="deb-src [signed-by=$keyring] $mirror"
	printf '%s\n' "$sl bookworm main" "$sl experimental main" > "$APTDIR/etc/sources.list.new"
	if ! cmp -s "$APTDIR/etc/sources.list.new" "$APTDIR/etc/sources.list"; then
		mv "$APTDIR/etc/sources.list.new" "$APTDIR/etc/sources.list"
		rm -f "$APTDIR/state/updated"
	else
		rm -f "$APTDIR/etc/sources.list.new"
	fi
	APT_READY=1
}

apt_priv() { APT_CONFIG=$APTDIR/etc/apt.conf "$@"; }

apt_update() {
	say "apt: ${1:-reading} Debian's source indexes ($(sed -n '1s/.*\] \([^ ]*\) .*/\1/p' "$APTDIR/etc/sources.list"): bookworm, experimental)"
	apt_priv apt-get -q update > "$LOGS/apt-update.log" 2>&1 ||
		{ tail -n 15 "$LOGS/apt-update.log" >&2; die "apt-get update failed (log: $LOGS/apt-update.log)"; }
	touch "$APTDIR/state/updated"
}

# dsc_files DSC: "sha256 name" for each file the .dsc lists
dsc_files() {
	awk '/^Checksums-Sha256:/ { f = 1; next } /^[^ ]/ { f = 0 } f && NF == 3 { print $1, $3 }' "$1"
}

# have_sources NAME: the pinned .dsc and the files needed are here and right
have_sources() {
	pin "$1"
	[ -f "$DL/$P_DSC" ] || return 1
	[ "$(sha256sum < "$DL/$P_DSC" | cut -d' ' -f1)" = "$P_SHA" ] || return 1
	dsc_files "$DL/$P_DSC" | while read -r sum f; do
		if [ ! -f "$DL/$f" ]; then
			case "$ORIG_ONLY:$f" in *" $P_SRC "*:*.debian.tar.*) continue ;; esac
			return 1
		fi
		[ "$(sha256sum < "$DL/$f" | cut -d' ' -f1)" = "$sum" ] || return 1
	done
}

fetch() {
	name=$1
	have_sources "$name" && return 0
	pin "$name"
	say "$P_SRC $P_VER: downloading the source package ($P_SUITE)"
	mkdir -p "$DL" "$LOGS"
	apt_setup
	[ -f "$APTDIR/state/updated" ] || apt_update
	tries=0
	while :; do
		tries=$((tries + 1))
		if (cd "$DL" && apt_priv apt-get -q source --download-only --only-source "$P_SRC=$P_VER") \
			> "$LOGS/fetch-$P_SRC.log" 2>&1; then
			break
		fi
		have_sources "$name" && break # only a file we do without is missing
		pin "$name"
		if [ "$tries" -eq 1 ]; then # the indexes may be stale
			apt_update "not found; re-reading"
			continue
		fi
		if ! apt_priv apt-cache showsrc --only-source "$P_SRC" 2>/dev/null |
			awk -v v="$P_VER" '$1 == "Version:" && $2 == v { f = 1 } END { exit !f }'; then
			avail=$(apt_priv apt-cache showsrc --only-source "$P_SRC" 2>/dev/null |
				awk '$1 == "Version:" { printf " %s", $2 }')
			die "$P_SRC $P_VER is not (or no longer) in Debian's archive, suites bookworm and experimental.
  They now have:${avail:- nothing}. (A package leaving experimental may be in unstable:
  a deb-src line for it would go in apt_setup in tools/third-party.sh.)
  Choose a version, read its changes, then update its pin in tools/third-party.sh
  (the version and the SHA-256 of the new .dsc, shown by
  'APT_CONFIG=$APTDIR/etc/apt.conf apt-cache showsrc --only-source $P_SRC') and rebuild."
		fi
		grep -E '^(E|Err):' "$LOGS/fetch-$P_SRC.log" | sed 's/^/  /' >&2 || true
		hint=
		[ "$P_SRC" = cmark ] &&
			hint="$NL  Without CMARK_PIN, Debian 12's cmark 0.30.2 is built (the default)."
		die "$P_SRC $P_VER is listed in Debian's index but the mirror $(mirror_uri) did not serve
  its files (above; log: $LOGS/fetch-$P_SRC.log). Retry later or set THIRD_PARTY_MIRROR
  to another Debian mirror.$hint"
	done
	got=$(sha256sum < "$DL/$P_DSC" | cut -d' ' -f1)
	[ "$got" = "$P_SHA" ] || die "$P_DSC: SHA-256 $got, pinned $P_SHA.
  The archive's $P_SRC $P_VER is not the one pinned: do not build it. Check
  why it changed before updating the pin in tools/third-party.sh."
	have_sources "$name" || die "$P_SRC $P_VER: a downloaded file does not match $P_DSC"
	say "$P_SRC $P_VER: .dsc SHA-256 matches the pin"
}

# unpack NAME DIR: the pinned source, Debian's patches applied, into DIR
unpack() {
	pin "$1"
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	debpart=$(dsc_files "$DL/$P_DSC" | awk '$2 ~ /\.debian\.tar\./ { print $2 }')
	if [ -n "$debpart" ] && [ ! -f "$DL/$debpart" ]; then
		orig=$(dsc_files "$DL/$P_DSC" | awk '$2 ~ /\.orig\.tar\./ { print $2 }')
		say "$P_SRC $P_VER: NOTE: the mirror did not serve $debpart;" \
			"building $orig (checked against the .dsc) without Debian's patches"
		mkdir -p "$2"
		tar -xf "$DL/$orig" -C "$2" --strip-components=1 ||
			die "$P_SRC: cannot unpack $orig"
		return
	fi
	# dpkg-source checks every tarball against the .dsc, then applies
	# Debian's patches
	dpkg-source --require-strong-checksums -x "$DL/$P_DSC" "$2" > "$LOGS/unpack-$P_SRC.log" 2>&1 ||
		{ cat "$LOGS/unpack-$P_SRC.log" >&2; die "$P_SRC: dpkg-source -x $P_DSC"; }
}

# --- building ------------------------------------------------------------

# run_in DIR CMD...: one build step, its output appended to $LOG
run_in() {
	d=$1
	shift
	(cd "$d" && "$@") >> "$LOG" 2>&1 ||
		{ tail -n 25 "$LOG" >&2; die "$CUR: '$*' failed (whole log: $LOG)"; }
}

# Compiler and flags of each target. -ffile-prefix-map keeps build paths
# out of the objects; ar is deterministic by default on Debian (no dates).
target_env() {
	case $1 in
	linux)
		HOST='' TCC=cc
		;;
	win64)
		HOST=x86_64-w64-mingw32 TCC=x86_64-w64-mingw32-gcc
		;;
	esac
	TFLAGS="$OPTFLAGS -ffile-prefix-map=$WORK/$1/=/ -ffile-prefix-map=$TP/$1/=/"
}

# The CMake toolchain for win64: finds nothing outside the prefix (not
# Debian's libz-mingw-w64, for one).
win64_toolchain() {
	cat <<EOT
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH "$TP/win64")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
EOT
}

# cmake_build SRC PREFIX ARGS...: configure and build in SRC/_build
cmake_build() {
	src=$1 prefix=$2
	shift 2
	if [ "$TARGET" = win64 ]; then
		win64_toolchain > "$TP/win64-toolchain.cmake"
		set -- -DCMAKE_TOOLCHAIN_FILE="$TP/win64-toolchain.cmake" "$@"
	fi
	run_in "$src" cmake -S . -B _build -G 'Unix Makefiles' -Wno-dev \
		-DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="$TFLAGS" \
		-DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
		-DCMAKE_INSTALL_INCLUDEDIR=include "$@"
}

# Each recipe: SRC PREFIX (the source unpacked, patches applied).

build_cmark() {
	if grep -q 'option(CMARK_STATIC' "$1/CMakeLists.txt"; then # 0.30
		cmake_build "$1" "$2" -DCMARK_SHARED=OFF -DCMARK_STATIC=ON -DCMARK_TESTS=OFF
	else # 0.31: the standard switch
		cmake_build "$1" "$2" -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF
	fi
	run_in "$1" cmake --build _build -j "$JOBS"
	run_in "$1" cmake --install _build
}

build_libyaml() {
	cmake_build "$1" "$2" -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF -DINSTALL_CMAKE_DIR=lib/cmake/yaml
	run_in "$1" cmake --build _build -j "$JOBS" --target yaml
	run_in "$1" cmake --install _build
}

build_utf8proc() {
	cmake_build "$1" "$2" -DBUILD_SHARED_LIBS=OFF -DUTF8PROC_ENABLE_TESTING=OFF
	run_in "$1" cmake --build _build -j "$JOBS"
	run_in "$1" cmake --install _build
}

build_zlib() {
	run_in "$1" env CHOST="$HOST" CFLAGS="$TFLAGS" ./configure --static --prefix="$2" --libdir="$2/lib"
	run_in "$1" make -j "$JOBS" libz.a
	run_in "$1" make install
}

# Debian's fix-version.diff, for when the mirror does not serve the
# Debian part: the release is 2.3.0, which the tarball still calls
# "2.3.0RC2" (HPDF_GetVersion, and so every PDF's /Producer). Checked
# against Debian 12's own libhpdf-dev header when it is installed.
libharu_fix_version() {
	h=$1/include/hpdf_version.h
	grep -q '"2.3.0RC2"' "$h" || return 0
	sed -i -e 's/^#define HPDF_EXTRA_VERSION "RC2"$/#define HPDF_EXTRA_VERSION ""/' \
		-e 's/^#define HPDF_VERSION_TEXT "2.3.0RC2"$/#define HPDF_VERSION_TEXT "2.3.0"/' "$h"
	if [ -f /usr/include/hpdf_version.h ] && ! cmp -s "$h" /usr/include/hpdf_version.h; then
		diff /usr/include/hpdf_version.h "$h" >&2 || true
		die "$CUR: hpdf_version.h differs from Debian's /usr/include/hpdf_version.h (above)"
	fi
	say "$CUR: version text set to 2.3.0, as Debian's fix-version.diff does"
}

# without libpng (CMake then defines LIBHPDF_HAVE_NOPNGLIB): the program
# draws no images. zlib: win64's own from the prefix; on Linux, Debian's
# (zlib1g-dev), which the program links too.
build_libharu() {
	libharu_fix_version "$1"
	# an installed libharu's headers in the prefix's include folder (the
	# one zlib's are in, on win64) would shadow the source's own
	rm -f "$2"/include/hpdf*.h
	if [ "$TARGET" = win64 ]; then
		set -- "$1" "$2" -DZLIB_INCLUDE_DIR="$2/include" -DZLIB_LIBRARY="$2/lib/libz.a"
	fi
	cmake_build "$@" -DLIBHPDF_SHARED=OFF -DLIBHPDF_STATIC=ON -DLIBHPDF_EXAMPLES=OFF \
		-DCMAKE_DISABLE_FIND_PACKAGE_PNG=ON
	run_in "$1" cmake --build _build -j "$JOBS" --target hpdfs
	grep -q '^#define LIBHPDF_HAVE_LIBZ' "$1/_build/include/hpdf_config.h" ||
		die "$CUR: configured without zlib (see $LOG)"
	mkdir -p "$2/include" "$2/lib"
	cp "$1"/include/hpdf*.h "$1/_build/include/hpdf_config.h" "$2/include/"
	rm -f "$2/include/hpdf_config.h.cmake"
	# the same name as Debian's: -lhpdf
	cp "$1/_build/src/libhpdfs.a" "$2/lib/libhpdf.a"
}

# libnettle only (SHA-256): no hogweed, so no GMP
build_nettle() {
	run_in "$1" ./configure --host="$HOST" --prefix="$2" --libdir="$2/lib" \
		--disable-shared --enable-static --disable-public-key --disable-documentation \
		--disable-openssl CFLAGS="$TFLAGS"
	# CFLAGS again: configure appends -ggdb3
	run_in "$1" make -j "$JOBS" CFLAGS="$TFLAGS" libnettle.a
	run_in "$1" make install-headers install-static install-pkgconfig
}

build_libdeflate() {
	run_in "$1" make -j "$JOBS" CC="$TCC" AR="$HOST-ar" CFLAGS="$TFLAGS" DISABLE_SHARED=1 \
		libdeflatestatic.lib
	mkdir -p "$2/include" "$2/lib"
	cp "$1/libdeflate.h" "$2/include/"
	cp "$1/libdeflatestatic.lib" "$2/lib/libdeflate.a"
}

# What a build depends on: the pin, the recipe and the shared steps, the
# compiler. A library is rebuilt when this changes.
stamp_text() {
	pin "$1"
	printf '%s %s %s %s\n' "$1" "$P_SRC" "$P_VER" "$P_SHA"
	printf 'flags: %s\ncompiler: %s\n' "$TFLAGS" "$("$TCC" --version | head -n 1)"
	for f in "build_$P_SRC" cmake_build target_env win64_toolchain unpack libharu_fix_version; do
		sed -n "/^$f() {/,/^}/p" "$SCRIPT"
	done
}

# build TARGET NAME: one library into build/third-party/TARGET/
build() {
	TARGET=$1
	target_env "$1"
	pin "$2"
	prefix=$TP/$1
	stamp=$prefix/.stamps/$P_SRC
	want=$(stamp_text "$2")
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		say "$P_SRC $P_VER ($1): already built"
		return 0
	fi
	fetch "$2"
	pin "$2"
	CUR="$P_SRC $P_VER ($1)"
	LOG=$LOGS/build-$1-$P_SRC.log
	src=$WORK/$1/$P_SRC
	: > "$LOG"
	b0=$(date +%s)
	say "$CUR: unpacking and building"
	unpack "$2" "$src"
	if [ -f "$src/debian/changelog" ]; then
		SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$src/debian/changelog" -STimestamp)
	else
		SOURCE_DATE_EPOCH=$(find "$src" -type f -printf '%T@\n' | sort -n | tail -n 1 | cut -d. -f1)
	fi
	export SOURCE_DATE_EPOCH
	# One date on every source file: Debian's patches leave configure or
	# Makefile.am newer than what is made from them, and make would then
	# run autotools, which are not installed.
	find "$src" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	mkdir -p "$prefix/.stamps"
	rm -f "$stamp"
	"build_$P_SRC" "$src" "$prefix"
	# keep only headers and libraries (pkg-config files too)
	rm -rf "${prefix:?}/bin" "$prefix/share" "$prefix/lib/cmake"
	printf '%s\n' "$want" > "$stamp"
	say "$CUR: done in $(($(date +%s) - b0)) s"
}

# Host tools: checked only; `make deps` installs them (it is the one
# target that installs packages). dpkg-source and cmake for every build.
need_tools() {
	sh "$ROOT/tools/deps.sh" --check dpkg-dev cmake "$@" ||
		die "build tools missing: run make deps"
}

cmd=${1:-}
[ "$#" -gt 0 ] && shift
mkdir -p "$LOGS"
case $cmd in
cmark-linux)
	need_tools g++ xz-utils
	lib=$TP/linux/lib/libcmark.a
	build linux "$CMARK_KEY"
	[ -f "$lib" ] || die "cmark built, but $lib is missing (log: $LOGS/build-linux-cmark.log)"
	touch "$lib" # newer than this script, for make
	;;
libharu-linux)
	DIE_HINT="Without the network, 'make LIBHARU=debian' links Debian's shared libhpdf instead (package libhpdf-dev)."
	need_tools xz-utils zlib1g-dev
	lib=$TP/linux/lib/libhpdf.a
	build linux libharu
	[ -f "$lib" ] || die "libharu built, but $lib is missing (log: $LOGS/build-linux-libharu.log)"
	touch "$lib" # newer than this script, for make
	;;
win64)
	need_tools g++ xz-utils bzip2 gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 m4 make
	t0=$(date +%s)
	# zlib first: libharu links it
	for n in zlib libyaml utf8proc nettle libdeflate libharu "$CMARK_KEY"; do
		build win64 "$n"
	done
	dlls=$(find "$TP/win64" -name '*.dll*')
	[ -z "$dlls" ] || die "win64: shared libraries were built: $dlls"
	say "win64: static libraries in $TP/win64/lib ($(($(date +%s) - t0)) s):" \
		"$(cd "$TP/win64/lib" && echo ./*.a | sed 's|\./||g')"
	;;
fetch)
	[ "$#" -gt 0 ] || set -- "$CMARK_KEY" libyaml libharu utf8proc zlib nettle libdeflate
	for n in "$@"; do
		fetch "$n"
	done
	;;
pins)
	printf '%s\n' "$PINS" | sed '/^$/d'
	;;
*)
	echo "usage: sh tools/third-party.sh cmark-linux | libharu-linux | win64 | fetch [NAME...] | pins" >&2
	exit 2
	;;
esac
