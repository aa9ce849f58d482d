#!/usr/bin/env python3
"""Prints the `receivers.prometheus.config` section of an OTel collector config as a Prometheus
config file. The section is copied as is: it IS Prometheus configuration, which is why the stand-in
can scrape exactly what the real collector would."""
import sys

import yaml


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        otel = yaml.safe_load(f) or {}
    section = ((otel.get("receivers") or {}).get("prometheus") or {}).get("config")
    if not section:
        print(f"{path}: no receivers.prometheus.config section", file=sys.stderr)
        return 1
    yaml.safe_dump(section, sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
