#!/bin/bash
# oracle.sh - coda's designs against R's survey package run now: survey.R
# writes the api data and R's estimates to a temporary folder and
# test_survey.lua recomputes every number with coda (1e-8 relative).
# Skipped when R's survey package is not installed (make oracle installs
# it); the committed tests/golden/survey/expected.csv is checked by the
# Lua tests either way.
set -u
cd "$(dirname "$0")/../.."
if ! Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1; then
    echo "SKIP oracle: R's survey package is not installed (make oracle installs it)"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
Rscript tests/oracle/survey.R "$TMP/api" "$TMP/golden" || exit 1
CODA_SURVEY_DATA="$TMP/api/" CODA_SURVEY_EXPECTED="$TMP/golden/expected.csv" \
CODA_SURVEY_REPORT=1 ./coda run tests/lua/run.lua 'test_survey.lua:against'
