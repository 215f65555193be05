package database

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// This file is the one way to reach pgx under GORM. GORM talks to
// PostgreSQL through database/sql over pgx's stdlib driver; the few hot read
// paths (the calendar, the activity report, the budget split) and the bulk
// loads (COPY in seed --scale) want pgx itself: its binary protocol, its
// types and no per-value database/sql conversion.

// InTx reports whether db is bound to a transaction (GORM's Transaction or
// Begin). A pgx connection taken from the pool would not see that
// transaction's uncommitted work.
func InTx(db *gorm.DB) bool {
	_, ok := db.Statement.ConnPool.(gorm.TxCommitter)
	return ok
}

// WithConn runs fn on one connection of db's pool, as pgx's own connection.
// db must not be bound to a transaction (see InTx).
func WithConn(ctx context.Context, db *gorm.DB, fn func(*pgx.Conn) error) error {
	if InTx(db) {
		return fmt.Errorf("pgx connection: db is bound to a transaction")
	}
	sqlDB, err := db.DB()
	if err != nil {
		return fmt.Errorf("pgx connection: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("pgx connection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("pgx connection: the driver connection is %T, not pgx's", dc)
		}
		return fn(sc.Conn())
	})
}

// ReadSnapshot runs fn in a read-only REPEATABLE READ transaction on one
// pgx connection (WithConn), so every query fn makes sees the same state of
// the database. The transaction commits when fn returns nil.
func ReadSnapshot(ctx context.Context, db *gorm.DB, fn func(pgx.Tx) error) error {
	return WithConn(ctx, db, func(c *pgx.Conn) error {
		tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			return err
		}
		return tx.Commit(ctx)
	})
}

// The change generations (ADR 0195).
const (
	GenerationCalendar = "calendar" // activities, their units and partners, occurrence overrides
	GenerationReport   = "report"   // those, attendance, units and partners
)

// Generation is the change generation name (calendar or report, ADR 0195)
// as tx's snapshot sees it: every committed change to the tables behind it
// advances it, in the changing transaction.
func Generation(ctx context.Context, tx pgx.Tx, name string) (int64, error) {
	var g int64
	err := tx.QueryRow(ctx, `SELECT generation FROM change_generations WHERE name = $1`, name).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("change generation %s: %w", name, err)
	}
	return g, nil
}

// PatchLimit is the most activities changed since a kept read that are
// patched into it (ADR 0196); beyond, computing it again costs no more.
const PatchLimit = 500

// Changed is the activities the generations (from, to] of name changed, as
// tx's snapshot sees the change log (ADR 0196), and whether the log names
// them all: it does not when a generation changed what it cannot name by
// activity (a unit, a partner, a TRUNCATE or a bulk load), when a generation
// has been pruned, or when more than max activities changed (computing
// again is then as cheap as patching). Many generations may change the
// same few activities (a producer editing one event again and again): at
// most 8 × max rows of the log are read.
func Changed(ctx context.Context, tx pgx.Tx, name string, from, to int64, max int) ([]uuid.UUID, bool, error) {
	if to == from {
		return nil, true, nil
	}
	rowLimit := 8 * max
	if to < from || to-from > int64(rowLimit) {
		return nil, false, nil
	}
	rows, err := tx.Query(ctx, `SELECT generation, activity_id FROM change_log
		WHERE name = $1 AND generation > $2 AND generation <= $3 LIMIT $4`, name, from, to, rowLimit+1)
	if err != nil {
		return nil, false, fmt.Errorf("change log %s: %w", name, err)
	}
	defer rows.Close()
	gens := map[int64]bool{}
	seen := map[uuid.UUID]bool{}
	var ids []uuid.UUID
	n := 0
	for rows.Next() {
		n++
		var g int64
		var id [16]byte
		if err := rows.Scan(&g, &id); err != nil {
			return nil, false, fmt.Errorf("change log %s: %w", name, err)
		}
		if id == uuid.Nil {
			return nil, false, nil
		}
		gens[g] = true
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("change log %s: %w", name, err)
	}
	if n > rowLimit || len(ids) > max || int64(len(gens)) != to-from { // (the rows beyond rowLimit are not read)
		return nil, false, nil
	}
	return ids, true, nil
}
