// Package dbtest gives each test its own freshly migrated PostgreSQL
// database, copied from a template that is migrated once per schema
// version, and drops it when the test ends. Tests never share state, so
// packages and tests run in parallel. Never a mock: this is the real server.
package dbtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver for admin statements
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/database"
)

// AdminURL is the maintenance database the harness connects to; override
// with TEST_DATABASE_URL.
func AdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// New returns a connection to a new database migrated to the latest
// schema; it is dropped when t ends.
func New(t testing.TB) *gorm.DB {
	t.Helper()
	db, _ := NewWithURL(t)
	return db
}

// NewWithURL is New that also returns the database's URL (for tests that
// start a server process or open a second pool).
func NewWithURL(t testing.TB) (*gorm.DB, string) {
	t.Helper()
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate() })
	if templateErr != nil {
		t.Fatalf("dbtest: template: %v", templateErr)
	}
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	defer admin.Close()
	name := fmt.Sprintf("ks_t_%d_%s", os.Getpid(), database.NewID().String()[24:])
	// FILE_COPY is the fast strategy for small templates.
	if _, err := admin.Exec(fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY`, name, templateName)); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	dbURL := withDatabase(AdminURL(), name)
	db, err := database.Open(context.Background(), dbURL, database.Options{MaxOpenConns: 10})
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(func() {
		database.Close(db)
		drop(name)
	})
	return db, dbURL
}

func drop(name string) {
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return
	}
	defer admin.Close()
	_, _ = admin.Exec(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name))
}

// ensureTemplate makes sure a template database migrated with the current
// migrations exists. Its name carries a hash of the migration files, so a
// changed migration builds a new template. Packages running in parallel
// serialise on an advisory lock; the template is built under a temporary
// name and renamed only when complete.
func ensureTemplate() (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "ks_tmpl_" + sum[:16]
	ctx := context.Background()
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727272)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(727272)`) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// Templates of other migration sets are left alone: another checkout
	// (or a test binary built before a migration changed) may still be
	// copying from them. `make clean-testdb` removes them all.
	building := name + "_build"
	_, _ = conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, building))
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s`, building)); err != nil {
		return "", err
	}
	db, err := database.Open(ctx, withDatabase(AdminURL(), building), database.Options{MaxOpenConns: 2, StatementTimeout: time.Minute})
	if err != nil {
		return "", err
	}
	err = database.MigrateUp(ctx, db)
	database.Close(db)
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, building, name)); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() (string, error) {
	h := sha256.New()
	fsys := database.MigrationsFS()
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return "", err
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	river, err := database.RiverMigrationsSQL()
	if err != nil {
		return "", err
	}
	for _, m := range river {
		h.Write([]byte(m))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	return u.String()
}
