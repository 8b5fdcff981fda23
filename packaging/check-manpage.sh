#!/bin/sh
# check-manpage.sh HELP_TEXT MANPAGE[.gz]: the hand-written selfcheck(8) must
# name every subcommand and every long option that `selfcheck --help` shows.
# Prints what is missing; exit 1 if anything is.
set -u
help=$1 man=$2
case $man in
  *.gz) text=$(gzip -dc "$man") ;;
  *) text=$(cat "$man") ;;
esac
text=$(printf '%s\n' "$text" | sed 's/\\-/-/g; s/\\f[BIRP]//g')
missing=0
for opt in $(grep -oE -- '--[a-z][a-z-]*' "$help" | sort -u); do
  printf '%s\n' "$text" | grep -qF -- "$opt" || { echo "selfcheck(8) lacks option $opt"; missing=1; }
done
for cmd in $(grep -oE '(^|[[:space:]])selfcheck[[:space:]]+[a-z]+' "$help" | awk '{print $2}' | sort -u); do
  printf '%s\n' "$text" | grep -qE "^\.B[RI]? selfcheck $cmd|^\.B $cmd\b|^\.BR \"?$cmd" || { echo "selfcheck(8) lacks subcommand $cmd"; missing=1; }
done
exit $missing
