# Strange — Apache Pulsar. Thin veneer over `arc`; all logic lives in the arc binary.
# Included by the root Makefile, which defines ARC_BIN (built on demand) and
# ARC (`$(ARC_BIN) $(ARC_FLAGS)`).
STRANGE_MK := $(lastword $(MAKEFILE_LIST))

.PHONY: strange-help strange-build strange-build-fresh strange-up strange-down strange-health strange-logs strange-clean strange-nuke

## strange-help: list the strange-* targets
strange-help:
	@grep -E '^## ' $(STRANGE_MK) | sed -e 's/^## //' | awk -F': ' '{ printf "  %-20s %s\n", $$1, $$2 }'

## strange-build: build the Strange (Pulsar) image
strange-build: $(ARC_BIN)
	$(ARC) build strange

## strange-build-fresh: rebuild the Strange (Pulsar) image without the layer cache
strange-build-fresh: $(ARC_BIN)
	$(ARC) build strange --no-cache

## strange-up: start Strange (Pulsar) and wait until it is healthy
strange-up: $(ARC_BIN)
	$(ARC) up strange

## strange-down: stop Strange (Pulsar); its data is kept
strange-down: $(ARC_BIN)
	$(ARC) down strange

## strange-health: probe Strange (Pulsar); exit 1 when unhealthy
strange-health: $(ARC_BIN)
	$(ARC) health strange

## strange-logs: follow Strange (Pulsar)'s logs
strange-logs: $(ARC_BIN)
	$(ARC) logs strange -f

## strange-clean: stop Strange (Pulsar) and delete its data (asks first)
strange-clean: $(ARC_BIN)
	$(ARC) clean strange

## strange-nuke: like strange-clean, and also remove its images (asks first)
strange-nuke: $(ARC_BIN)
	$(ARC) clean strange --images
