#!/usr/bin/env bash
# check_completion.sh FILE: bash -n on the bash completion script, then
# complete a few command lines with it (without the bash-completion
# package's helpers, as on a bare system) and compare the candidates.
set -u
file=$1
bash -n "$file" || { echo "FAIL: bash -n $file"; exit 1; }
# shellcheck source=/dev/null
source "$file"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/sub"
touch "$T/a.yaml" "$T/b.json" "$T/notes.txt"
cd "$T" || exit 1

fail=0
# expect "WANT" WORD...: complete the last WORD (COMP_WORDS as bash splits).
expect() {
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_focuslevel 2>/dev/null
	local got
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ')
	if [ "$got" != "$want" ]; then
		echo "FAIL: focuslevel ${*:2}<TAB>: got '$got', want '$want'"
		fail=1
	fi
}
expect "assign diff explain levels plot policy report thresholds " focuslevel ""
expect "diff " focuslevel di
expect "--help --version " focuslevel --
expect "--all " focuslevel diff --al
expect "--exit-code " focuslevel diff --exit
expect "--color --color= " focuslevel assign --colo
expect "csv json jsonl table tsv xlsx " focuslevel assign -O ""
expect "--decimal-comma --delimiter " focuslevel report --de
expect ", \\; \\| tab " focuslevel diff --delimiter ""
expect "csv json table tsv xlsx " focuslevel diff --output-format ""
expect "csv html json markdown table tsv xlsx " focuslevel report -O ""
expect "level " focuslevel assign --sort le
expect "exceptions " focuslevel report --section ex
expect "json jsonl " focuslevel assign --input-format js
expect "always auto never " focuslevel diff --color = ""
expect "always " focuslevel diff --color=al
expect "a.yaml b.json sub/ " focuslevel assign ""
expect "a.yaml b.json sub/ " focuslevel diff a.yaml ""
expect "a.yaml b.json notes.txt sub/ " focuslevel assign -o ""
expect "a.yaml b.json sub/ " focuslevel report --policy ""
expect "" focuslevel levels ""
expect "--density-above " focuslevel plot --dens
expect "--max-invalid " focuslevel report --max
expect "" focuslevel assign --max-invalid ""
exit $fail
