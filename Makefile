# Kulttuurisilta — the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
GO ?= go
BIN := bin/kulttuurisilta
FUZZTIME ?= 10s
# GOTEST_FLAGS are passed to `go test` by test-go (e.g. -run, -v, -p 1).
GOTEST_FLAGS ?=
# RACE_PKGS are the packages with concurrency, run under the race detector by test-race (and CI): the HTTP
# machinery (limits, metrics, shutdown), logins and their rate limits, the budget's and the calendar's
# concurrent writes, feeds, the database harness and the API-wide concurrency tests.
# Of faulttest's API-wide sweeps, only the concurrency tests (TestConcurrent...) run under the detector:
# the others are sweeps of inputs and rights, which take minutes under the detector and add no concurrency of their own.
RACE_PKGS ?= ./api/internal/httpapi/... ./api/internal/auth/... ./api/internal/budget/... ./api/internal/calendar/... \
	./api/internal/feed/... ./api/internal/database/...
GOLANGCI_LINT := bin/golangci-lint

# scripts/prereqs.sh writes TEST_DATABASE_URL here when it starts a private PostgreSQL for the tests.
-include tmp/test.env
export TEST_DATABASE_URL

.PHONY: bench-lists all build build-api build-spa run test prereqs test-scripts check-tree test-go test-race fuzz test-spa e2e screenshots \
	openapi openapi-check openapi-lint lint lint-go \
	bench bench-region fault seed-scale clean clean-data clean-testdb help

all: build

## help: list the targets.
help:
	@grep -E '^## ' Makefile | sed 's/^## /  /'

build: build-api build-spa

## build-api: the one binary, bin/kulttuurisilta (and bin/mailcatcher, the local mail catcher of make run and e2e).
build-api:
	$(GO) build -trimpath -o $(BIN) ./api/cmd/kulttuurisilta
	$(GO) build -trimpath -o bin/mailcatcher ./api/cmd/mailcatcher

## build-spa: the SPA into frontend/dist (when frontend/ exists).
build-spa:
	@if [ -f frontend/package.json ]; then \
		[ -d frontend/node_modules ] || npm --prefix frontend ci --no-audit --no-fund; \
		npm --prefix frontend run build; \
	fi

## run: build everything, start a database if none is configured, load the demo data and serve.
run: build
	./scripts/run.sh

## test: every test — Go (unit, API contract, property), bounded fuzzing, the SPA's Vitest and the e2e suite.
##   It starts with scripts/prereqs.sh (installs what it can, or stops at once with one line naming what is
##   missing) and ends by checking that the run left the work tree as it found it.
test: prereqs
	@$(MAKE) --no-print-directory test-scripts openapi-check lint test-go fuzz test-spa e2e check-tree

## prereqs: check Go, Node, npm packages, PostgreSQL, psql and Chromium; install what can be installed.
prereqs:
	@./scripts/prereqs.sh

## test-scripts: prereqs.sh stops at once with one line when something is missing.
test-scripts:
	@./scripts/prereqs-test.sh

## check-tree: fail when files changed since prereqs recorded the work tree (tests write only under tmp/).
check-tree:
	@if [ -f tmp/tree-before ]; then \
		git status --porcelain --untracked-files=all >tmp/tree-after; \
		if ! diff -q tmp/tree-before tmp/tree-after >/dev/null; then \
			echo "check-tree: the run changed the work tree:"; diff tmp/tree-before tmp/tree-after | grep '^[<>]'; exit 1; \
		fi; \
	fi

## lint: gofmt, go vet, golangci-lint, the SPA's ESLint and the OpenAPI lint.
lint: openapi-lint lint-go
	@out=$$(gofmt -l api docs bench scripts); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@if [ -f frontend/package.json ]; then npm --prefix frontend run --silent lint; fi

## lint-go: golangci-lint v2 (version pinned in tools/golangci/go.mod, rules in .golangci.yml).
lint-go: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

$(GOLANGCI_LINT): tools/golangci/go.mod tools/golangci/go.sum
	$(GO) build -modfile=tools/golangci/go.mod -o $@ github.com/golangci/golangci-lint/v2/cmd/golangci-lint

## openapi-lint: lint docs/openapi.json with an independent linter (Redocly CLI, rules in redocly.yaml).
openapi-lint:
	@[ -d tools/openapi/node_modules ] || npm --prefix tools/openapi ci --no-audit --no-fund
	@npm --prefix tools/openapi run --silent lint 2>&1 | grep -v '[║╔╚]'

## test-go: every Go test; prints go test's package lines and a closing "go-test: N passed, N failed" line.
test-go:
	@mkdir -p tmp
	$(GO) test -json -count=1 $(GOTEST_FLAGS) ./... 2>&1 | $(GO) run ./scripts/testsummary -counts tmp/go-test-counts

## test-race: the packages with concurrency (RACE_PKGS) under the race detector.
test-race:
	$(GO) test -race -count=1 $(RACE_PKGS)
	$(GO) test -race -count=1 -run '^TestConcurrent' ./api/internal/faulttest/

## fuzz: each fuzz target for FUZZTIME (bounded, so CI stays fast).
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

test-spa:
	@if [ -f frontend/package.json ]; then npm --prefix frontend test; fi

## e2e: the SPA's end-to-end suite against the real server on a fresh database (screenshots in tmp/screenshots).
e2e: build
	@if [ -f frontend/package.json ]; then ./scripts/e2e.sh; fi

## screenshots: the e2e suite writing its screenshots into docs/screenshots (commit the ones that changed).
screenshots: build
	E2E_SCREENSHOTS=$(CURDIR)/docs/screenshots ./scripts/e2e.sh

## fault: PostgreSQL restarted / slowed under load and SIGTERM under load, on a private cluster (~2 min).
fault: build-api
	@mkdir -p tmp
	KS_BIN=$(CURDIR)/$(BIN) $(GO) test -tags fault -count=1 -v -timeout 15m -run '^TestFault' ./api/internal/faulttest/ 2>&1 | tee tmp/fault.log

## openapi: regenerate docs/openapi.json (swag -> OpenAPI 3) and the SPA's typed client.
openapi:
	$(GO) tool swag fmt -d api
	$(GO) tool swag init --quiet --dir api --generalInfo cmd/kulttuurisilta/main.go --parseInternal \
		--requiredByDefault --output docs/swagger2 --outputTypes json --overridesFile .swaggo
	$(GO) run ./api/cmd/openapi3 docs/swagger2/swagger.json docs/openapi.json api
	@if [ -f frontend/package.json ] && [ -d frontend/node_modules ]; then npm --prefix frontend run --silent gen:api; fi

## openapi-check: fail when the committed spec or client is stale.
openapi-check: openapi
	@git diff --exit-code -- docs/openapi.json frontend/src/lib/api || \
		(echo "The committed OpenAPI spec or SPA client is stale: run 'make openapi' and commit." && exit 1)

## bench: the foundation load test (GET /api/v1/units vs /healthz, bare and with gzip, each beside the bare Echo+pgx baseline) on a scratch database with the demo data.
bench: build-api
	./bench/run.sh foundation

## bench-region: the knee of the mixed traffic over a region-scale data set: the highest req/s at which every route keeps p95 < 100 ms with no drops (~15 min, seeding included; BENCH_DATABASE_URL: a seeded region database; RATE=n: one fixed rate instead; EDIT_WEIGHT=1: with calendar edits).
bench-region: build-api
	./bench/run.sh region

## bench-lists: the cost list over 1M entries by cursor and by offset, with and without the total (BENCH_DATABASE_URL: a seeded region database).
bench-lists: build-api
	./bench/run.sh lists

## seed-scale: load the region-scale data set into DATABASE_URL.
seed-scale: build-api
	$(BIN) seed --scale region

clean:
	rm -rf bin docs/swagger2 frontend/dist tmp

## clean-data: stop and delete the private PostgreSQL cluster of `make run`.
clean-data:
	./scripts/pg-private.sh destroy .data/pg
	rm -rf .data

## clean-testdb: drop the test harness's template and leftover test databases on the local PostgreSQL.
clean-testdb:
	@psql -h 127.0.0.1 -U postgres -d postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'ks\_tmpl\_%' OR datname LIKE 'ks\_t\_%'" | \
		while read -r db; do psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)"; done
