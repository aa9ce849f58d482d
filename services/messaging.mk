# The messaging layer as a whole: profile `transport` (flash, strange, sonic,
# see profiles.yaml). Thin veneer over `arc`, like the per-service .mk files.
MESSAGING_MK := $(lastword $(MAKEFILE_LIST))

.PHONY: messaging-help messaging-up messaging-down messaging-health messaging-logs

## messaging-help: list the messaging-* targets
messaging-help:
	@grep -E '^## ' $(MESSAGING_MK) | sed -e 's/^## //' | awk -F': ' '{ printf "  %-20s %s\n", $$1, $$2 }'

# The compose files declare arc_platform_net external, so it must exist before
# any of them starts. Only when a Docker engine answers: without one, `arc`
# runs the services natively and no network is involved.
## messaging-up: start Flash, Strange and Sonic and wait until they are healthy
messaging-up: $(ARC_BIN) native-deps
	@if docker info >/dev/null 2>&1; then \
		docker network inspect arc_platform_net >/dev/null 2>&1 \
			|| docker network create arc_platform_net >/dev/null; \
	fi
	$(ARC) up transport

## messaging-down: stop Flash, Strange and Sonic; data is kept
messaging-down: $(ARC_BIN)
	$(ARC) down transport

## messaging-health: probe Flash, Strange and Sonic; exit 1 when any is unhealthy
messaging-health: $(ARC_BIN)
	$(ARC) health transport

## messaging-logs: follow the logs of Flash, Strange and Sonic, prefixed by codename
messaging-logs: $(ARC_BIN)
	$(ARC) logs transport -f
