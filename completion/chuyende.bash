# bash completion for chuyende(1). Commands and each command's options
# come from the program's own help (chuyende help CMD), so they never
# drift from what it accepts; --quarter and --year offer the periods of
# the plans under the folders already on the line (or the current one).

_chuyende_commands() {
	"${1:-chuyende}" --lang=en --help 2>/dev/null |
		awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}'
}

_chuyende_options() {
	"$1" --lang=en help "$2" 2>/dev/null |
		awk '/^  *-/ {for (i = 1; i <= NF; i++) if ($i ~ /^-/) {sub(/[,=].*/, "", $i); print $i}}'
	printf '%s\n' --verbose --color= --lang= --help
}

# YYYY-QN (or YYYY with $2 = year) of every plan date under the folders.
# Template names: the .yaml files of $CHUYENDE_TEMPLATES, then of the
# data folder ($CHUYENDE_DATA, else the one make install fills in).
_chuyende_templates() {
	local d f
	for d in ${CHUYENDE_TEMPLATES:+"$CHUYENDE_TEMPLATES"} "${CHUYENDE_DATA:-@DATADIR@}/templates"; do
		for f in "$d"/*.yaml; do
			[ -e "$f" ] || continue
			f=${f##*/}
			echo "${f%.yaml}"
		done
	done
}

_chuyende_periods() {
	local dirs=("${@:2}")
	[ ${#dirs[@]} -eq 0 ] && dirs=(.)
	find "${dirs[@]}" -maxdepth 6 -name '*.yaml' -type f 2>/dev/null | head -2000 |
		xargs -r grep -hoE '^ +date: *"?[0-9]{4}-[0-9]{2}' 2>/dev/null |
		sed -E 's/.*([0-9]{4})-([0-9]{2}).*/\1 \2/' |
		awk -v year="$1" '{ if (year == "year") print $1; else print $1 "-Q" int(($2 + 2) / 3) }' | sort -u
}

_chuyende() {
	local cur prev words cword
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	# bash splits "--lang=vi" at "=" (COMP_WORDBREAKS): "--lang" "=" "vi"
	if [ "$cur" = "=" ]; then
		cur=""
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	local prog=${COMP_WORDS[0]} cmd="" i w
	local -a args=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-o|--output|--units|--quarter|--year|--from|--color|--lang|-j|--jobs|-t|--template)
			((i++))
			[ "${COMP_WORDS[i]}" = "=" ] && ((i++)) ;;
		-*) ;;
		*) if [ -z "$cmd" ]; then cmd=$w; else args+=("$w"); fi ;;
		esac
	done
	case $cur in
	--color=*) COMPREPLY=($(compgen -W "auto always never" -- "${cur#*=}")); return ;;
	--lang=*) COMPREPLY=($(compgen -W "vi en both" -- "${cur#*=}")); return ;;
	--from=*) COMPREPLY=($(compgen -W "auto tcvn3 vni cp1258" -- "${cur#*=}")); return ;;
	--quarter=*) COMPREPLY=($(compgen -W "$(_chuyende_periods quarter "${args[@]}")" -- "${cur#*=}")); return ;;
	--year=*) COMPREPLY=($(compgen -W "$(_chuyende_periods year "${args[@]}")" -- "${cur#*=}")); return ;;
	--template=*) COMPREPLY=($(compgen -W "$(_chuyende_templates)" -- "${cur#*=}")); return ;;
	esac
	case $prev in
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "vi en both" -- "$cur")); return ;;
	--from) COMPREPLY=($(compgen -W "auto tcvn3 vni cp1258" -- "$cur")); return ;;
	--quarter) COMPREPLY=($(compgen -W "$(_chuyende_periods quarter "${args[@]}")" -- "$cur")); return ;;
	--year) COMPREPLY=($(compgen -W "$(_chuyende_periods year "${args[@]}")" -- "$cur")); return ;;
	-j|--jobs) COMPREPLY=($(compgen -W "$(seq 1 "$(nproc 2>/dev/null || echo 4)")" -- "$cur")); return ;;
	--units) COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur")); return ;;
	-t|--template) COMPREPLY=($(compgen -W "$(_chuyende_templates)" -- "$cur")); return ;;
	-o|--output)
		case $cmd in
		build|archive) COMPREPLY=($(compgen -d -- "$cur")) ;;
		*) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		return ;;
	esac
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--verbose --color= --lang= --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_chuyende_commands "$prog")" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_chuyende_options "$prog" "$cmd")" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	help) COMPREPLY=($(compgen -W "$(_chuyende_commands "$prog")" -- "$cur")) ;;
	schema) COMPREPLY=($(compgen -W "plan draft note units template" -- "$cur")) ;;
	build|archive|verify|init) COMPREPLY=($(compgen -d -- "$cur")) ;;
	paper) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|md)' -- "$cur") $(compgen -d -- "$cur")) ;;
	agenda|minutes) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")) ;;
	*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _chuyende chuyende
