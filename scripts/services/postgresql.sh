#!/bin/sh
# PostgreSQL for the store's tests (tests/pg.py reads the URL this writes to .services/postgresql.url).
#
# Idempotent, and quick the second time:
#   1. $SELON_TEST_POSTGRESQL set and answering: that server is used (its URL is written), nothing started.
#   2. .services/postgresql.url answers: the private cluster is already up; nothing to do.
#   3. Otherwise: Debian's `postgresql` is installed with apt-get when no initdb/pg_ctl is found (as root, or
#      through `sudo -n`), and a private, throw-away cluster is started under .services/postgresql/ — owned
#      by the current user, or by `postgres` when we are root (initdb refuses root) — listening on 127.0.0.1
#      only, on a free port, with a generated password, fsync off (test data).  Its URL is written.
# When it cannot, it says why on one line, writes the reason to .services/postgresql.error (the tests' skip
# reason quotes it) and exits 1; scripts/test-services.sh never lets that fail `make test`.
#
#   sh scripts/services/postgresql.sh          set up (or check) the server
#   sh scripts/services/postgresql.sh stop     stop the private cluster (its data stays for the next run)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
svc="$root/.services"
pgdir="$svc/postgresql"
urlfile="$svc/postgresql.url"
errfile="$svc/postgresql.error"
export PGCONNECT_TIMEOUT=5

say() { echo "postgresql.sh: $*" >&2; }
fail() {
    say "$*; the PostgreSQL tests will skip"
    printf '%s\n' "$*" >"$errfile" 2>/dev/null
    exit 1
}

# The newest server binaries: Debian keeps them in /usr/lib/postgresql/<version>/bin, off the PATH.
find_bin() {
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r) /usr/local/pgsql/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    i=$(command -v initdb 2>/dev/null) && c=$(command -v pg_ctl 2>/dev/null) || return 1
    [ "$(dirname "$i")" = "$(dirname "$c")" ] && dirname "$i"
}

psql_bin() {
    if [ -n "${bin:-}" ] && [ -x "$bin/psql" ]; then echo "$bin/psql"; else command -v psql; fi
}

# 0 when a server accepts a query at this URL.
answers() {
    p=$(psql_bin) || return 1
    "$p" "$1" -Atqc 'SELECT 1' >/dev/null 2>&1
}

if [ "${1:-}" = stop ]; then
    bin=$(find_bin) || exit 0
    data=$(readlink -f "$pgdir/data") && [ -f "$data/PG_VERSION" ] || exit 0
    owner=$(stat -c %U "$data")
    ctl() {
        if [ "$owner" = "$(id -un)" ]; then "$bin/pg_ctl" -D "$data" "$@"
        else (cd / && runuser -u "$owner" -- "$bin/pg_ctl" -D "$data" "$@"); fi
    }
    ctl status >/dev/null 2>&1 || exit 0
    ctl -m fast stop
    exit $?
fi

mkdir -p "$svc" || { say "cannot create $svc; the PostgreSQL tests will skip"; exit 1; }
rm -f "$errfile"

# 1. A server we were given.
if [ -n "${SELON_TEST_POSTGRESQL:-}" ]; then
    bin=$(find_bin) || true
    given=$(printf '%s' "$SELON_TEST_POSTGRESQL" | sed 's#^postgresql+psycopg://#postgresql://#')
    if ! psql_bin >/dev/null 2>&1; then
        say "no psql to check \$SELON_TEST_POSTGRESQL; the tests will try it themselves"
        exit 0
    fi
    if answers "$given"; then
        printf '%s\n' "$given" >"$urlfile"
        exit 0
    fi
    fail "\$SELON_TEST_POSTGRESQL is set but no server answers there"
fi

# 2. Ours, already running.
bin=$(find_bin) || true
if [ -s "$urlfile" ] && answers "$(cat "$urlfile")"; then
    exit 0
fi

# 3. Install when missing.
if [ -z "$bin" ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
    else fail "PostgreSQL is not installed (no initdb/pg_ctl) and we can neither apt-get as root nor sudo"
    fi
    command -v apt-get >/dev/null 2>&1 || fail "PostgreSQL is not installed and there is no apt-get here"
    say "installing Debian's postgresql with apt-get"
    apt="$sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o DPkg::Lock::Timeout=120"
    if ! $apt install postgresql >/dev/null 2>&1; then
        $apt update >/dev/null 2>&1 || true
        $apt install postgresql >/dev/null 2>&1 || fail "apt-get install postgresql failed"
    fi
    bin=$(find_bin) || fail "postgresql installed but no initdb/pg_ctl found under /usr/lib/postgresql/*/bin"
fi
[ -x "$(psql_bin)" ] || fail "no psql next to $bin or on the PATH"

# The cluster's owner: us, or `postgres` when we are root (initdb and postgres refuse to run as root).
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    if ! id -u "$owner" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$owner" 2>/dev/null \
            || fail "we are root and there is no '$owner' user to own the cluster"
    fi
    command -v runuser >/dev/null 2>&1 || fail "we are root and runuser is missing (needed to run as '$owner')"
else
    owner=$(id -un)
fi
as_owner() {
    if [ "$owner" = "$(id -un)" ]; then "$@"; else (cd / && runuser -u "$owner" -- "$@"); fi
}

mkdir -p "$pgdir" && chmod 700 "$pgdir" || fail "cannot create $pgdir"
home="$pgdir"  # where the data directory and the password live
if [ "$owner" != "$(id -un)" ]; then
    chown "$owner" "$pgdir" || fail "cannot give $pgdir to $owner"
    # The owner must reach the data directory; when a parent is closed to it (a clone under /root, say),
    # the data lives in a directory of its own under /tmp, and .services/postgresql/data points there.
    if ! as_owner test -w "$pgdir"; then
        alt="${TMPDIR:-/tmp}/selon-postgresql-$(printf '%s' "$root" | cksum | cut -d' ' -f1)"
        mkdir -p "$alt" && chown "$owner" "$alt" && chmod 700 "$alt" || fail "cannot create $alt"
        home="$alt"
        ln -sfn "$home/data" "$pgdir/data"
    fi
fi

data="$home/data"
pwfile="$home/password"
version=$("$bin/pg_ctl" --version | sed 's/.* \([0-9][0-9]*\).*/\1/')
if [ -f "$data/PG_VERSION" ] && [ "$(cat "$data/PG_VERSION")" != "$version" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
    rm -rf "$data" "$pwfile"  # a cluster from another major version: a new one (test data only)
fi
if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Running, yet the URL did not answer (file lost, password changed): restart it cleanly.
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1
fi

if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$pwfile" || fail "cannot write the password file"
    chmod 600 "$pwfile"
    [ "$owner" = "$(id -un)" ] || chown "$owner" "$pwfile"
    as_owner "$bin/initdb" -D "$data" -U selon --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
        || as_owner "$bin/initdb" -D "$data" -U selon --pwfile="$pwfile" --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --no-locale >"$pgdir/initdb.log" 2>&1 \
        || fail "initdb failed (see $pgdir/initdb.log)"
    echo "include_if_exists = 'selon.conf'" >>"$data/postgresql.conf"
fi
[ -s "$pwfile" ] || fail "$pwfile is missing; remove $pgdir to start afresh"
password=$(cat "$pwfile")

# A free port: the last one if it still is, else one the kernel picks.
free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); print(s.getsockname()[1])' "$1" 2>/dev/null; }
port=""
[ -s "$pgdir/port" ] && port=$(free "$(cat "$pgdir/port")")
[ -n "$port" ] || port=$(free 0) || fail "cannot find a free TCP port (python3 missing?)"
echo "$port" >"$pgdir/port"

# Only 127.0.0.1, no unix socket (its path could be too long inside a deep clone); fast, not durable.
as_owner sh -c "cat >'$data/selon.conf'" <<EOF || fail "cannot write $data/selon.conf"
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 100
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null 2>&1 \
    || fail "the server did not start (see $data/server.log)"

base="postgresql://selon:$password@127.0.0.1:$port"
p=$(psql_bin)
if [ "$("$p" "$base/postgres" -Atqc "SELECT 1 FROM pg_database WHERE datname = 'selon'" 2>/dev/null)" != 1 ]; then
    "$p" "$base/postgres" -qc 'CREATE DATABASE selon' >/dev/null 2>&1 || fail "cannot create the database selon"
fi
answers "$base/selon" || fail "the server started but does not answer at 127.0.0.1:$port"
umask 077
printf '%s\n' "$base/selon" >"$urlfile"
say "PostgreSQL $version running at 127.0.0.1:$port (data in $data); URL in $urlfile"
