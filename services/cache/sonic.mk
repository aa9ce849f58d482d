# Sonic — Redis. Thin veneer over `arc`; all logic lives in the arc binary.
# Included by the root Makefile, which defines ARC_BIN (built on demand) and
# ARC (`$(ARC_BIN) $(ARC_FLAGS)`).
SONIC_MK := $(lastword $(MAKEFILE_LIST))

.PHONY: sonic-help sonic-build sonic-build-fresh sonic-up sonic-down sonic-health sonic-logs sonic-clean sonic-nuke

## sonic-help: list the sonic-* targets
sonic-help:
	@grep -E '^## ' $(SONIC_MK) | sed -e 's/^## //' | awk -F': ' '{ printf "  %-20s %s\n", $$1, $$2 }'

## sonic-build: build the Sonic (Redis) image
sonic-build: $(ARC_BIN)
	$(ARC) build sonic

## sonic-build-fresh: rebuild the Sonic (Redis) image without the layer cache
sonic-build-fresh: $(ARC_BIN)
	$(ARC) build sonic --no-cache

## sonic-up: start Sonic (Redis) and wait until it is healthy
sonic-up: $(ARC_BIN) native-deps
	$(ARC) up sonic

## sonic-down: stop Sonic (Redis); its data is kept
sonic-down: $(ARC_BIN)
	$(ARC) down sonic

## sonic-health: probe Sonic (Redis); exit 1 when unhealthy
sonic-health: $(ARC_BIN)
	$(ARC) health sonic

## sonic-logs: follow Sonic (Redis)'s logs
sonic-logs: $(ARC_BIN)
	$(ARC) logs sonic -f

## sonic-clean: stop Sonic (Redis) and delete its data (asks first)
sonic-clean: $(ARC_BIN)
	$(ARC) clean sonic

## sonic-nuke: like sonic-clean, and also remove its images (asks first)
sonic-nuke: $(ARC_BIN)
	$(ARC) clean sonic --images
