#!/bin/sh
# The advice of a legacy-encoding diagnostic works verbatim. For a plan and
# a draft in TCVN3, VNI and Windows-1258 (tests/convert/ENC/, made from the
# Unicode originals beside them), raw and as mojibake (the bytes read as
# Windows-1252 and saved as UTF-8), under a plain name and under a name with
# spaces, quotes and Vietnamese letters: check reports LEGACY_<ENC>; the
# command after "convert it to Unicode with:" runs as it stands in a shell;
# the file it names is the Unicode original byte for byte, and check passes
# on it; the legacy file is left as it was. Without --from, convert finds
# the encoding itself; a file half retyped converts; the README's sample
# converts.
set -u
SUITE=convert
. "$(dirname "$0")/../suite-lib.sh"
cd "$work" || exit 1

# The advice names the program as users have it on their PATH.
chuyende() { "$BIN" "$@"; }

# $1 encoding, $2 the legacy file (relative to $work), $3 its Unicode original.
advice_works() {
	enc=$1 file=$2 original=$3
	label="$enc $file"
	code=LEGACY_$(printf '%s' "$enc" | tr 'a-z' 'A-Z')
	cp "$file" "$work/before"
	report=$("$BIN" check "$file" 2>&1)
	st=$?
	line=$(printf '%s\n' "$report" | grep -m 1 "\[$code\]")
	if [ $st -ne 1 ] || [ -z "$line" ]; then
		bad "$label: check exit $st, no [$code]: $(printf '%s' "$report" | head -c 300)"
		return
	fi
	cmd=${line##*convert it to Unicode with: }
	case $cmd in
	"chuyende convert "*) ;;
	*) bad "$label: no command in: $line"; return ;;
	esac
	if ! said=$(eval "$cmd" 2>&1); then
		bad "$label: the advice failed: $cmd: $said"
		return
	fi
	# the file the command wrote: its last word, as the shell reads it
	eval "set -- $cmd"
	shift $(($# - 1))
	new=$1
	if ! cmp -s "$new" "$original"; then
		bad "$label: $cmd wrote \"$new\", not the Unicode original"
	elif ! report=$("$BIN" check "$new" 2>&1) || printf '%s' "$report" | grep -q ': error: '; then
		bad "$label: check on \"$new\": $(printf '%s' "$report" | head -c 300)"
	elif ! cmp -s "$file" "$work/before"; then
		bad "$label: the legacy file changed"
	elif ! printf '%s' "$said" | grep -qF "read as $(label_of "$enc")"; then
		bad "$label: convert did not say which encoding it read: $said"
	else
		ok "$label: $cmd"
	fi
	rm -f "$new"
}

label_of() {
	case $1 in
	tcvn3) echo "TCVN3 (ABC)" ;;
	vni) echo "VNI Windows" ;;
	cp1258) echo "Windows-1258" ;;
	esac
}

# Without --from: convert finds the encoding itself and says which.
auto_works() {
	enc=$1 file=$2 original=$3
	if said=$("$BIN" convert "$file" -o auto.out 2>&1) && cmp -s auto.out "$original" &&
		printf '%s' "$said" | grep -qF "found $(label_of "$enc")"; then
		ok "$enc $file: found without --from"
	else
		bad "$enc $file: convert without --from: $said"
	fi
	rm -f auto.out
}

odd_dir="thư mục cũ"
odd_name="kế hoạch 'quý I' (bản \"cũ\")"
mkdir -p "$odd_dir"
for enc in tcvn3 vni cp1258; do
	for kind in ke-hoach.yaml de-dan.md; do
		ext=${kind##*.}
		original="$ROOT/tests/convert/$kind"
		cp "$ROOT/tests/convert/$enc/$kind" "$enc-$kind"
		advice_works "$enc" "$enc-$kind" "$original"
		if ! iconv -f CP1252 -t UTF-8 "$enc-$kind" > "$enc-mojibake-$kind"; then
			bad "$enc $kind: iconv could not make the mojibake"
			continue
		fi
		advice_works "$enc" "$enc-mojibake-$kind" "$original"
		auto_works "$enc" "$enc-$kind" "$original"
		auto_works "$enc" "$enc-mojibake-$kind" "$original"
		cp "$enc-$kind" "$odd_dir/$odd_name.$enc.$ext"
		advice_works "$enc" "$odd_dir/$odd_name.$enc.$ext" "$original"
	done
done

# A file half retyped: Unicode lines stay as they are, legacy lines convert.
{ sed -n 1,10p "$ROOT/tests/convert/ke-hoach.yaml"; sed -n '11,$p' "$ROOT/tests/convert/tcvn3/ke-hoach.yaml"; } > half.yaml
advice_works tcvn3 half.yaml "$ROOT/tests/convert/ke-hoach.yaml"

# An encoding that cannot be told: each command LEGACY_UNKNOWN offers runs
# as it stands on that file, under an odd name too.
for file in unknown.txt "$odd_dir/$odd_name.unknown.txt"; do
	printf 'Ghi ch\303\272: \377\376 \200\201 h\341\273\217ng\n' > "$file"
	said=$("$BIN" convert "$file" -o unknown.out 2>&1)
	line=$(printf '%s\n' "$said" | grep -m 1 "\[LEGACY_UNKNOWN\]")
	cmds=${line##*name it with one of: }
	if [ -z "$line" ] || [ "$cmds" = "$line" ]; then
		bad "LEGACY_UNKNOWN $file: no commands in: $said"
		continue
	fi
	n=0
	while [ -n "$cmds" ]; do
		cmd=${cmds%% or chuyende *}
		case $cmds in *" or chuyende "*) cmds="chuyende ${cmds#* or chuyende }" ;; *) cmds="" ;; esac
		n=$((n + 1))
		if out=$(eval "$cmd" 2>&1); then ok "LEGACY_UNKNOWN $file: $cmd"; else bad "LEGACY_UNKNOWN $file: $cmd: $out"; fi
	done
	[ $n -eq 3 ] && ok "LEGACY_UNKNOWN $file: three commands" || bad "LEGACY_UNKNOWN $file: $n commands"
done

# The README's tour: the sample converts, and says what it found.
if said=$(cd "$ROOT" && "$BIN" convert samples/legacy/old-tcvn3.txt -o "$work/unicode.txt" 2>&1) &&
	printf '%s' "$said" | grep -q "found TCVN3 (ABC)" && grep -q "^THÔNG BÁO" "$work/unicode.txt" &&
	grep -q "^T/M CHI BỘ" "$work/unicode.txt"; then
	ok "samples/legacy/old-tcvn3.txt"
else
	bad "samples/legacy/old-tcvn3.txt: $said"
fi
summary
