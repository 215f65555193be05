// Package docs embeds the generated OpenAPI 3 specification (openapi.json,
// written by `make openapi`), so the binary serves the spec it was built with.
package docs

import _ "embed"

// OpenAPI is the OpenAPI 3 document.
//
//go:embed openapi.json
var OpenAPI []byte
