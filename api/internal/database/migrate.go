package database

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrations embed.FS

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

// MigrateUp applies every pending migration, each in its own transaction.
func MigrateUp(ctx context.Context, db *gorm.DB) error {
	p, err := provider(db)
	if err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}

// MigrateDown rolls back the newest migration.
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

// MigrationStatus lists each migration and whether it is applied.
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
	return out, nil
}

// MigrationsFS exposes the embedded migrations (the test harness hashes
// them to know when its template database is stale).
func MigrationsFS() fs.FS { return migrations }
