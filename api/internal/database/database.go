// Package database opens the PostgreSQL connection (GORM over pgx), runs the
// embedded SQL migrations and holds the pieces every table shares.
package database

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Model is embedded in every table's model: a UUIDv7 id, timestamps, and the
// version that ETag/If-Match build on.
type Model struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// BeforeCreate assigns a time-ordered id and the first version.
func (m *Model) BeforeCreate(*gorm.DB) error {
	if m.ID == uuid.Nil {
		m.ID = NewID()
	}
	if m.Version == 0 {
		m.Version = 1
	}
	return nil
}

// NewID returns a new UUIDv7.
func NewID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// Options tune the connection pool.
type Options struct {
	MaxOpenConns     int
	StatementTimeout time.Duration
}

// Open connects to PostgreSQL. Statement timeouts are set on the server
// side so a slow query fails (and frees its worker) instead of hanging.
func Open(ctx context.Context, url string, opts Options) (*gorm.DB, error) {
	if opts.MaxOpenConns == 0 {
		opts.MaxOpenConns = 20
	}
	if opts.StatementTimeout == 0 {
		opts.StatementTimeout = 15 * time.Second
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// A startup parameter, so every pooled connection has the timeout (a
	// SET would reach only the one connection that ran it).
	cfg.RuntimeParams["statement_timeout"] = strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10)
	// Every statement is planned for its actual arguments. pgx prepares and
	// caches statements, and after five runs PostgreSQL may switch one to a
	// generic plan, which cannot tell updated_since an hour ago from a year
	// ago, nor a month from two years: over the region's 1M costs the sync
	// list then walked the sort index and filtered (1.5-4 s instead of 6 ms,
	// after an ANALYZE changed the estimates), the activity report joined
	// attendance by hash over the whole table, the split walked every entry.
	// Planning such a query costs a fraction of a millisecond.
	cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*cfg)}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		PrepareStmt:            false,
		TranslateError:         false,
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB.SetMaxOpenConns(opts.MaxOpenConns)
	sqlDB.SetMaxIdleConns(opts.MaxOpenConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// Ping checks that the database answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the pool.
func Close(db *gorm.DB) {
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

// CurrentVersion is the row's version (every model embeds Model).
func (m *Model) CurrentVersion() int { return m.Version }

// NextVersion increments the row's version; a versioned write calls it
// before saving.
func (m *Model) NextVersion() { m.Version++ }

// Identity is the row's id.
func (m *Model) Identity() uuid.UUID { return m.ID }

// Head is what every resource shows of its Model in the API, the first
// fields of each response DTO (embedded there): the id, the times in UTC
// and the version its ETag carries.
type Head struct {
	ID        uuid.UUID `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int       `json:"version"`
}

// Head is the row's Head.
func (m *Model) Head() Head {
	return Head{ID: m.ID, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), Version: m.Version}
}
