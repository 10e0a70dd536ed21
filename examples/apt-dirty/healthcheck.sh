#!/bin/sh
# Exits 0 when the service answers on its health endpoint.
exec curl --fail --silent --show-error --max-time 5 "${HEALTH_URL:-http://localhost:8080/health}"
