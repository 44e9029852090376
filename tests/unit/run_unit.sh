#!/bin/sh
# Run one unit test executable, under $FL_WRAPPER when that is set
# (.ci/run sets it to valgrind memcheck, as for the CLI cases).
# shellcheck disable=SC2086
exec ${FL_WRAPPER:-} "$@"
