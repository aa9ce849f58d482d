# Flash — NATS with JetStream. Thin veneer over `arc`; all logic lives in the arc binary.
# Included by the root Makefile, which defines ARC_BIN (built on demand) and
# ARC (`$(ARC_BIN) $(ARC_FLAGS)`).
FLASH_MK := $(lastword $(MAKEFILE_LIST))

.PHONY: flash-help flash-build flash-build-fresh flash-up flash-down flash-health flash-logs flash-clean flash-nuke

## flash-help: list the flash-* targets
flash-help:
	@grep -E '^## ' $(FLASH_MK) | sed -e 's/^## //' | awk -F': ' '{ printf "  %-20s %s\n", $$1, $$2 }'

## flash-build: build the Flash (NATS) image
flash-build: $(ARC_BIN)
	$(ARC) build flash

## flash-build-fresh: rebuild the Flash (NATS) image without the layer cache
flash-build-fresh: $(ARC_BIN)
	$(ARC) build flash --no-cache

## flash-up: start Flash (NATS) and wait until it is healthy
flash-up: $(ARC_BIN) native-deps
	$(ARC) up flash

## flash-down: stop Flash (NATS); its data is kept
flash-down: $(ARC_BIN)
	$(ARC) down flash

## flash-health: probe Flash (NATS); exit 1 when unhealthy
flash-health: $(ARC_BIN)
	$(ARC) health flash

## flash-logs: follow Flash (NATS)'s logs
flash-logs: $(ARC_BIN)
	$(ARC) logs flash -f

## flash-clean: stop Flash (NATS) and delete its data (asks first)
flash-clean: $(ARC_BIN)
	$(ARC) clean flash

## flash-nuke: like flash-clean, and also remove its images (asks first)
flash-nuke: $(ARC_BIN)
	$(ARC) clean flash --images
