#!/bin/sh
# Entrypoint of the gateway image. Before `serve`, it applies the migrations, retrying while
# PostgreSQL is still starting, so the database is both reachable and current before the
# first request; then it replaces itself with the gateway so signals reach uvicorn directly.
# Any other command (`migrate`, `token --service NAME`, ...) goes straight to `gateway`.
#
#   GATEWAY_MIGRATE_ON_START       `false` skips the migrations before `serve` (default: true)
#   GATEWAY_MIGRATE_ATTEMPTS       tries before giving up (default: 30)
#   GATEWAY_MIGRATE_RETRY_SECONDS  pause between tries (default: 2)
set -eu

# `docker run IMAGE --workers 4` means `serve --workers 4`.
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- serve "$@"
fi

log() {
    echo "entrypoint: $*" >&2
}

migrate_with_retries() {
    attempts=${GATEWAY_MIGRATE_ATTEMPTS:-30}
    delay=${GATEWAY_MIGRATE_RETRY_SECONDS:-2}
    case $attempts in
        '' | *[!0-9]* | 0)
            log "GATEWAY_MIGRATE_ATTEMPTS must be a whole number of at least 1, not '$attempts'"
            exit 64
            ;;
    esac

    attempt=1
    while :; do
        status=0
        gateway migrate || status=$?
        if [ "$status" -eq 0 ]; then
            return 0
        fi
        # Exit status 2 is invalid settings or usage: waiting for the database cannot fix it.
        if [ "$status" -eq 2 ]; then
            log "gateway migrate failed with invalid settings (exit 2); not retrying"
            exit 2
        fi
        if [ "$attempt" -ge "$attempts" ]; then
            log "gateway migrate failed $attempts times (last exit $status); giving up"
            exit "$status"
        fi
        log "gateway migrate failed (exit $status, attempt $attempt of $attempts);" \
            "the database may still be starting; retrying in ${delay}s"
        attempt=$((attempt + 1))
        sleep "$delay"
    done
}

if [ "$1" = serve ] && [ "${GATEWAY_MIGRATE_ON_START:-true}" != false ]; then
    # Until `exec`, this shell is PID 1, which ignores signals it does not trap.
    trap 'exit 143' TERM
    trap 'exit 130' INT
    migrate_with_retries
    trap - TERM INT
fi

exec gateway "$@"
