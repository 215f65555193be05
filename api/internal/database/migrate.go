package database

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLockKey is the advisory lock that serialises schema migration
// between processes starting at once (two `serve` on one database).
const migrateLockKey = 727273

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	// Migration numbers are reserved in ranges per domain (see
	// docs/adr/0002-migrations.md), so out-of-order application is allowed.
	return goose.NewProvider(goose.DialectPostgres, sqlDB, sub, goose.WithAllowOutofOrder(true))
}

// riverMigrator is River's own migrator for its job tables (river_job,
// river_leader, river_queue, ...). Its versions are tracked by River in
// river_migration; see docs/adr/0090-notifications-river.md.
func riverMigrator(db *gorm.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	return riverMigratorOn(sqlDB)
}

func riverMigratorOn(sqlDB *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	return rivermigrate.New(riverdatabasesql.New(sqlDB), &rivermigrate.Config{
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// MigrateUp applies every pending migration, each in its own transaction:
// ours (goose) first, then River's. Processes starting at once take turns.
func MigrateUp(ctx context.Context, db *gorm.DB) error {
	return withMigrateLock(ctx, db, func() error {
		p, err := provider(db)
		if err != nil {
			return fmt.Errorf("migrate up: %w", err)
		}
		if _, err := p.Up(ctx); err != nil {
			return fmt.Errorf("migrate up: %w", err)
		}
		rm, err := riverMigrator(db)
		if err != nil {
			return fmt.Errorf("migrate up river: %w", err)
		}
		if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("migrate up river: %w", err)
		}
		return nil
	})
}

// withMigrateLock runs fn while holding a session advisory lock on a
// connection of its own.
func withMigrateLock(ctx context.Context, db *gorm.DB, fn func() error) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLockKey); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLockKey) //nolint:errcheck
	return fn()
}

// MigrateDown rolls back the newest of our migrations. River's tables stay:
// they belong to River's migrator (`river migrate-down` if they must go).
func MigrateDown(ctx context.Context, db *gorm.DB) error {
	p, err := provider(db)
	if err != nil {
		return fmt.Errorf("migrate down: %w", err)
	}
	if _, err := p.Down(ctx); err != nil {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// MigrationStatus lists each migration and whether it is applied: ours,
// then River's.
func MigrationStatus(ctx context.Context, db *gorm.DB) ([]string, error) {
	p, err := provider(db)
	if err != nil {
		return nil, fmt.Errorf("migrate status: %w", err)
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate status: %w", err)
	}
	out := make([]string, 0, len(st))
	for _, s := range st {
		applied := "pending"
		if s.State == goose.StateApplied {
			applied = "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		out = append(out, fmt.Sprintf("%05d %-40s %s", s.Source.Version, s.Source.Path, applied))
	}
	rm, err := riverMigrator(db)
	if err != nil {
		return out, fmt.Errorf("migrate status river: %w", err)
	}
	existing := map[int]bool{}
	if got, err := rm.ExistingVersions(ctx); err == nil {
		for _, v := range got {
			existing[v.Version] = true
		}
	}
	for _, v := range rm.AllVersions() {
		applied := "pending"
		if existing[v.Version] {
			applied = "applied"
		}
		out = append(out, fmt.Sprintf("river %03d %-34s %s", v.Version, v.Name, applied))
	}
	return out, nil
}

// MigrationsFS exposes the embedded migrations (the test harness hashes
// them to know when its template database is stale).
func MigrationsFS() fs.FS { return migrations }

// RiverMigrationsSQL is River's migration SQL in version order (the test
// harness hashes it beside ours, so a River upgrade rebuilds its template).
func RiverMigrationsSQL() ([]string, error) {
	rm, err := riverMigratorOn(nil)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range rm.AllVersions() {
		out = append(out, fmt.Sprintf("%d %s\n%s", v.Version, v.Name, v.SQLUp))
	}
	return out, nil
}
