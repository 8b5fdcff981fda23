#!/bin/sh
# check-manpage.sh MANPAGE[.gz] HELP_TEXT...: the hand-written selfcheck(8)
# must name every subcommand and every long option that `selfcheck --help`
# and `selfcheck COMMAND --help` show. Prints what is missing; exit 1 if any.
# --file, --dir, --action, --input, --words are how Boost.Program_options shows positional
# arguments (FILE..., DIR, `new`): they are not options a user types.
set -u
man=$1; shift
case $man in
  *.gz) text=$(gzip -dc "$man") ;;
  *) text=$(cat "$man") ;;
esac
text=$(printf '%s\n' "$text" | sed 's/\\-/-/g; s/\\f[BIRP]//g')
ignore=" --file --dir --action --input --words "
missing=0
for opt in $(cat "$@" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  case $ignore in *" $opt "*) continue ;; esac
  printf '%s\n' "$text" | grep -qF -- "$opt" || { echo "selfcheck(8) lacks option $opt"; missing=1; }
done
for cmd in $(cat "$@" | grep -oE '(^|[[:space:]])selfcheck[[:space:]]+[a-z]+' | awk '{print $2}' | sort -u); do
  printf '%s\n' "$text" | grep -qE "^\.B[RI]? selfcheck $cmd|^\.B $cmd\b|^\.BR \"?$cmd" || { echo "selfcheck(8) lacks subcommand $cmd"; missing=1; }
done
exit $missing
