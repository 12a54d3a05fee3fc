#!/usr/bin/env bash
# Container health check: the node's readiness probe answers UP. Uses bash's /dev/tcp, so the
# runtime image needs no curl or wget.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
