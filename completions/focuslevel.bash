# bash completion for focuslevel(1): commands, each command's options,
# the values of -O, --sort, --section, --input-format and --color, and
# file names (portfolios where a portfolio is expected).
#
# Installed as share/bash-completion/completions/focuslevel; to try it
# from a checkout: source completions/focuslevel.bash

_focuslevel_files()
{
	# $1: a glob pattern for extglob (empty: any file).
	local IFS=$'\n'
	if declare -F _filedir >/dev/null 2>&1; then
		_filedir "$1"
		return
	fi
	local f
	COMPREPLY=()
	for f in $(compgen -f -- "$cur"); do
		if [[ -d $f ]]; then
			COMPREPLY+=("$f/")
		elif [[ -z $1 ]] || [[ $f == *.@($1) ]]; then
			COMPREPLY+=("$f")
		fi
	done
	compopt -o filenames -o nospace 2>/dev/null
}

_focuslevel()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	shopt -s extglob

	local commands="assign diff explain levels plot policy report thresholds"
	local model="--policy --thresholds --margin-cuts --value-cuts
		--margin-split --value-split --input-format --strict --skip-invalid
		--max-invalid --jobs -j --quiet -q --help -h"
	local portfolios="yaml|yml|json|jsonl|ndjson"

	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	# --color=WHEN, as one word or split at '=' by COMP_WORDBREAKS.
	if [[ $cur == --color=* ]]; then
		COMPREPLY=($(compgen -W "auto always never" -- "${cur#--color=}"))
		return
	fi
	if [[ $prev == = && ${words[cword - 2]} == --color ]] ||
	   [[ $cur == = && $prev == --color ]]; then
		[[ $cur == = ]] && cur=""
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return
	fi

	case $prev in
	-O | --output-format)
		case $cmd in
		report) COMPREPLY=($(compgen -W "table markdown json csv tsv html xlsx" -- "$cur")) ;;
		assign) COMPREPLY=($(compgen -W "table csv tsv json xlsx jsonl" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "table csv tsv json xlsx" -- "$cur")) ;;
		esac
		return ;;
	--sort)
		COMPREPLY=($(compgen -W "input id level margin value revenue" -- "$cur"))
		return ;;
	--section)
		COMPREPLY=($(compgen -W "grid levels service_plan quadrants exceptions affordability changes profit_curve segments customer_value at_risk growth" -- "$cur"))
		return ;;
	--input-format)
		COMPREPLY=($(compgen -W "yaml json jsonl csv tsv" -- "$cur"))
		return ;;
	--chart)
		COMPREPLY=($(compgen -W "matrix whale" -- "$cur"))
		return ;;
	--size)
		COMPREPLY=($(compgen -W "revenue margin clv none" -- "$cur"))
		return ;;
	--delimiter)
		# ; and | escaped, so that the shell takes them as the value.
		local d
		for d in , '\;' '\|' tab; do
			[[ $d == "$cur"* ]] && COMPREPLY+=("$d")
		done
		return ;;
	--policy | --thresholds)
		_focuslevel_files "yaml|yml|json"
		return ;;
	-o | --output)
		_focuslevel_files ""
		return ;;
	--margin-cuts | --value-cuts | --margin-split | --value-split | \
	--max-invalid | --jobs | -j | --borderline | --label | --density-above)
		return ;;   # a number
	esac

	local opts
	case $cmd in
	assign) opts="$model -O --output-format -o --output --sort
		--delimiter --decimal-comma --bom --no-header
		--no-escape-formulas --color --color=" ;;
	report) opts="$model -O --output-format -o --output --section
		--borderline --delimiter --decimal-comma --bom --no-header
		--no-escape-formulas --color --color=" ;;
	diff) opts="$model -a --all -O --output-format -o --output --exit-code
		--delimiter --decimal-comma --bom --no-header
		--no-escape-formulas --color --color=" ;;
	explain) opts="$model" ;;
	plot) opts="$model -o --output --chart --size --label --density-above" ;;
	thresholds) opts="$model -o --output" ;;
	policy) opts="--policy -o --output --help -h" ;;
	levels) opts="--help -h" ;;
	*) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	levels | policy) ;;
	thresholds) _focuslevel_files "$portfolios|fltp" ;;
	*) _focuslevel_files "$portfolios" ;;
	esac
}
complete -F _focuslevel focuslevel
