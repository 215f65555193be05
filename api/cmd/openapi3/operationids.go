package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// routerRe reads swag's `@Router /path [method]` line.
var routerRe = regexp.MustCompile(`@Router\s+(\S+)\s+\[(\w+)\]`)

// handlerNames maps "METHOD /path" to the name of the Go function whose
// swag block declares it, read from the source under dir.
func handlerNames(dir string) (map[string]string, error) {
	names := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error { //nolint:gosec // G703: walks the source directory named on the command line
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Doc == nil {
				continue
			}
			for _, m := range routerRe.FindAllStringSubmatch(fn.Doc.Text(), -1) {
				key := strings.ToUpper(m[2]) + " " + m[1]
				if prev, dup := names[key]; dup {
					return fmt.Errorf("%s is declared by both %s and %s", key, prev, fn.Name.Name)
				}
				names[key] = fn.Name.Name
			}
		}
		return nil
	})
	return names, err
}

// setOperationIDs gives every operation an operationId: swag's own (from an
// @ID line) or else its handler's Go name, so the spec and the code use one
// name. Two operations with one id, or one without, is an error.
func setOperationIDs(doc *openapi3.T, names map[string]string) error {
	seen := map[string]string{}
	var problems []string
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			key := method + " " + path
			if op.OperationID == "" {
				op.OperationID = names[key]
			}
			switch prev, dup := seen[op.OperationID]; {
			case op.OperationID == "":
				problems = append(problems, key+" has no handler with a swag @Router line")
			case dup:
				problems = append(problems, fmt.Sprintf("operationId %q is used by %s and %s (rename a handler or add @ID)", op.OperationID, prev, key))
			}
			seen[op.OperationID] = key
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("operation ids:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}
