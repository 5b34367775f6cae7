#!/bin/sh
# Installs and starts what the test suite drives but PyPI cannot give (Debian
# packages: PostgreSQL, Chromium).  One script per service in scripts/services/;
# each is idempotent, and a service that cannot be set up makes its tests skip
# with a reason instead of failing the run.
set -u
here=$(dirname "$0")
for s in "$here"/services/*.sh; do
    [ -f "$s" ] || continue
    sh "$s" || echo "test-services: $(basename "$s") could not set up its service" >&2
done
exit 0
