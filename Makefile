# Kulttuurisilta — the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
BIN := bin/kulttuurisilta
FUZZTIME ?= 10s

.PHONY: all build build-api build-spa run test test-go test-race fuzz test-spa e2e openapi openapi-check lint bench clean

all: build

build: build-api build-spa

build-api:
	$(GO) build -trimpath -o $(BIN) ./api/cmd/kulttuurisilta

build-spa:
	@if [ -f frontend/package.json ]; then \
		[ -d frontend/node_modules ] || npm --prefix frontend ci --no-audit --no-fund; \
		npm --prefix frontend run build; \
	fi

## run: build everything, start a database if none is configured, load the demo data and serve.
run: build
	./scripts/run.sh

## test: every test — Go (unit, API contract, property), bounded fuzzing, the SPA's Vitest and Playwright e2e.
test: openapi-check lint test-go fuzz test-spa e2e

lint:
	@out=$$(gofmt -l api docs); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 ./...

test-race:
	$(GO) test -race -count=1 ./...

## fuzz: each fuzz target for FUZZTIME (bounded, so CI stays fast).
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

test-spa:
	@if [ -f frontend/package.json ]; then npm --prefix frontend test; fi

e2e: build
	@if [ -f frontend/package.json ]; then ./scripts/e2e.sh; fi

## openapi: regenerate docs/openapi.json (swag -> OpenAPI 3) and the SPA's typed client.
openapi:
	$(GO) tool swag fmt -d api
	$(GO) tool swag init --quiet --dir api --generalInfo cmd/kulttuurisilta/main.go --parseInternal \
		--requiredByDefault --output docs/swagger2 --outputTypes json --overridesFile .swaggo
	$(GO) run ./api/cmd/openapi3 docs/swagger2/swagger.json docs/openapi.json
	@if [ -f frontend/package.json ] && [ -d frontend/node_modules ]; then npm --prefix frontend run --silent gen:api; fi

## openapi-check: fail when the committed spec or client is stale.
openapi-check: openapi
	@git diff --exit-code -- docs/openapi.json frontend/src/lib/api || \
		(echo "The committed OpenAPI spec or SPA client is stale: run 'make openapi' and commit." && exit 1)

bench: build-api
	./bench/run.sh

clean:
	rm -rf bin docs/swagger2 frontend/dist
