# arc-platform — Messaging & Cache layer.
# A thin veneer: every service target calls bin/arc, which holds all the logic.
# Quick start:  make messaging-up     Tests:  make test

SHELL := /bin/bash
.DEFAULT_GOAL := help

ARC_BIN     := bin/arc
ARC_FLAGS   ?=
ARC         := $(ARC_BIN) $(ARC_FLAGS)
ARC_SOURCES := $(shell find src -name '*.cs' -o -name '*.csproj' 2>/dev/null) Directory.Build.props

include services/*.mk
include $(wildcard services/*/*.mk)

.PHONY: help arc deps native-deps test test-unit test-docker format clean-build

## help: list the services and every target
help:
	@echo "arc-platform — Messaging & Cache layer"
	@echo
	@echo "Services (codename  name  role):"
	@for f in services/*/service.yaml; do \
	  awk '/^codename:/{c=$$2} /^name:/{n=$$2} /^role:/{r=$$2} END{printf "  %-8s %-15s %s\n", c, n, r}' $$f; done
	@echo
	@echo "Targets:"
	@grep -h '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

## arc: build bin/arc (Native AOT, one file)
arc: $(ARC_BIN)

$(ARC_BIN): $(ARC_SOURCES)
	@scripts/ensure-deps.sh build
	dotnet publish src/Arc.Cli -c Release -o .build/arc --nologo -v quiet -warnaserror
	@mkdir -p bin && install -m 0755 .build/arc/arc $(ARC_BIN)
	@echo "built $(ARC_BIN)"

# Prerequisite of the up targets: on a machine without Docker the native driver needs the servers.
native-deps:
	@scripts/ensure-deps.sh run

## deps: install the OS packages the stack and the tests need (apt-get, as root)
deps:
	@scripts/ensure-deps.sh test

## test: every tier (unit, native, reliability, docker) plus workflow lint; prints "N passed, N failed"
test:
	@scripts/run-tests.sh all

## test-unit: the fast tiers only (no Docker engine)
test-unit:
	@scripts/run-tests.sh unit

## test-docker: tier 3 alone — a private Docker engine running the real Dockerfiles and compose files
test-docker:
	@scripts/run-tests.sh docker

## format: apply dotnet format
format:
	dotnet format arc-platform.slnx

clean-build:
	rm -rf bin .build src/*/bin src/*/obj tests/*/bin tests/*/obj
