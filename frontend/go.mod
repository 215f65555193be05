// The SPA is not Go. This file makes frontend/ its own (empty) module so that
// `go test ./...` and `go vet ./...` at the root skip node_modules, where some
// npm packages ship Go sources.
module kulttuurisilta/frontend

go 1.26
