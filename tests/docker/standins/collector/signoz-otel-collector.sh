#!/bin/sh
# Accepts the collector's command line (--config PATH or --config=PATH; other collector flags such as
# --feature-gates mean nothing to Prometheus and are ignored) and runs Prometheus on the config's
# prometheus receiver section, plus a stand-in for the health_check extension on :13133.
set -e
config=/etc/otel/config.yaml
while [ $# -gt 0 ]; do
    case "$1" in
        --config=*) config=${1#--config=} ;;
        --config) shift; config=$1 ;;
        *) echo "collector stand-in: ignoring flag $1" >&2 ;;
    esac
    shift
done
prometheus-from-otel-config "$config" >/tmp/prometheus.yml
echo "collector stand-in: scraping with the prometheus receiver section of $config:" >&2
cat /tmp/prometheus.yml >&2
# Dies with the container: it is PID 1's child and the container stops when Prometheus (PID 1) does.
health-check-extension 13133 &
exec prometheus --config.file=/tmp/prometheus.yml --storage.tsdb.path=/prometheus \
    --web.listen-address=:9090
