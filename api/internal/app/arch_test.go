package app_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "kulttuurisilta/api/internal/"

// goFile is one non-test Go file of api/internal and what it imports.
type goFile struct {
	pkg, name string
	imports   []string
}

// sources parses the imports of every non-test file under api/internal.
func sources(t *testing.T) []goFile {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(here))
	var out []goFile
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		gf := goFile{pkg: filepath.ToSlash(filepath.Dir(rel)), name: filepath.Base(path)}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			gf.imports = append(gf.imports, p)
		}
		out = append(out, gf)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("read only %d files under %s", len(out), root)
	}
	return out
}

// closure is every internal package pkg depends on (itself included), and
// each one's direct imports.
func closure(files []goFile, pkg string) map[string][]string {
	imports := map[string][]string{}
	for _, f := range files {
		imports[f.pkg] = append(imports[f.pkg], f.imports...)
	}
	seen := map[string][]string{}
	var visit func(p string)
	visit = func(p string) {
		if _, ok := seen[p]; ok {
			return
		}
		seen[p] = imports[p]
		for _, im := range imports[p] {
			if dep, ok := strings.CutPrefix(im, module); ok {
				visit(dep)
			}
		}
	}
	visit(pkg)
	return seen
}

// TestLayersPointOneWay holds the layering of docs/development.md: the HTTP
// machinery knows no database, paging knows no HTTP, stores know no HTTP,
// policies decide on the principal alone. (`go list -deps
// ./api/internal/httpapi` shows the same from outside.)
func TestLayersPointOneWay(t *testing.T) {
	files := sources(t)
	database := regexp.MustCompile(`^(gorm\.io/|github\.com/jackc/pgx|github\.com/lib/pq)|^` + module + `(database|paging)$`)
	http := regexp.MustCompile(`^github\.com/labstack/echo|^` + module + `httpapi$`)

	// Package-level: nothing httpapi depends on reaches the database.
	for pkg, imps := range closure(files, "httpapi") {
		for _, im := range imps {
			if database.MatchString(im) {
				t.Errorf("httpapi depends on %s, which imports %s", pkg, im)
			}
		}
	}
	// paging is shared by stores and handlers: it must not know HTTP.
	for pkg, imps := range closure(files, "paging") {
		for _, im := range imps {
			if http.MatchString(im) {
				t.Errorf("paging depends on %s, which imports %s", pkg, im)
			}
		}
	}

	// File-level, inside each domain package (one with a store or a
	// policy; shared machinery such as export serves HTTP by design).
	domain := map[string]bool{}
	for _, f := range files {
		if strings.HasPrefix(f.name, "store") || f.name == "policy.go" {
			domain[f.pkg] = true
		}
	}
	if len(domain) < 8 {
		t.Fatalf("found only %d domain packages: %v", len(domain), domain)
	}
	httpFiles := regexp.MustCompile(`^(handlers.*|routes|model.*|dto|validate)\.go$`)
	for _, f := range files {
		if !domain[f.pkg] {
			continue
		}
		usesHTTP := slices.ContainsFunc(f.imports, http.MatchString)
		usesDB := slices.ContainsFunc(f.imports, func(im string) bool { return strings.HasPrefix(im, "gorm.io/") })
		where := f.pkg + "/" + f.name
		switch {
		case strings.HasPrefix(f.name, "store") && usesHTTP:
			t.Errorf("%s: a store imports HTTP machinery (%v); paging types live in package paging", where, f.imports)
		case f.name == "policy.go" && (usesHTTP || usesDB):
			t.Errorf("%s: a policy decides on the principal and the resource only (%v)", where, f.imports)
		case usesHTTP && !httpFiles.MatchString(f.name):
			t.Errorf("%s imports HTTP machinery: only handlers*.go, routes.go and the DTO files may", where)
		case usesHTTP && usesDB && f.name != "routes.go":
			t.Errorf("%s imports both HTTP machinery and GORM: queries belong in the store", where)
		}
	}
}
