package database_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
)

// arrayRow has one column of each array type the API stores.
type arrayRow struct {
	ID    int                       `gorm:"primaryKey"`
	Texts database.Array[string]    `gorm:"type:text[]"`
	Bigs  database.Array[int64]     `gorm:"type:bigint[]"`
	Ints  database.Array[int64]     `gorm:"type:integer[]"`
	IDs   database.Array[uuid.UUID] `gorm:"type:uuid[]"`
	Times database.Array[time.Time] `gorm:"type:timestamptz[]"`
}

// TestArraysRoundTrip writes arrays through GORM (a model and a raw
// argument) and reads them back through GORM and through pgx, with the
// values that a hand-written array literal gets wrong: quotes, backslashes,
// commas, braces, NULL-looking text, empty strings and empty arrays.
func TestArraysRoundTrip(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	if err := db.Exec(`CREATE TABLE array_rows (id int PRIMARY KEY, texts text[] NOT NULL, bigs bigint[] NOT NULL,
		ints integer[] NOT NULL, ids uuid[] NOT NULL, times timestamptz[] NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	helsinki, _ := time.LoadLocation("Europe/Helsinki")
	want := arrayRow{ID: 1,
		Texts: database.Array[string]{`a "quoted" word`, `back\slash`, "comma, brace {}", "NULL", "", "ääkköset"},
		Bigs:  database.Array[int64]{-1 << 62, 0, 1 << 62},
		Ints:  database.Array[int64]{-5, 0, 10000},
		IDs:   database.Array[uuid.UUID]{database.NewID(), uuid.Nil},
		Times: database.Array[time.Time]{time.Date(2025, 3, 30, 3, 30, 0, 123000, helsinki), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	if err := db.Create(&want).Error; err != nil {
		t.Fatal(err)
	}
	empty := arrayRow{ID: 2, Texts: database.Array[string]{}, Bigs: database.Array[int64]{}, Ints: database.Array[int64]{},
		IDs: database.Array[uuid.UUID]{}, Times: database.Array[time.Time]{}}
	if err := db.Create(&empty).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&arrayRow{ID: 3}).Error; err == nil { // nil is NULL, as in SQL
		t.Error("nil arrays were accepted by NOT NULL columns")
	}
	check := func(how string, got arrayRow) {
		t.Helper()
		if !slices.Equal(got.Texts, want.Texts) || !slices.Equal(got.Bigs, want.Bigs) || !slices.Equal(got.Ints, want.Ints) ||
			!slices.Equal(got.IDs, want.IDs) || len(got.Times) != len(want.Times) {
			t.Fatalf("%s: got %+v, want %+v", how, got, want)
		}
		for i := range got.Times {
			if !got.Times[i].Equal(want.Times[i]) || got.Times[i].Location() != time.UTC {
				t.Errorf("%s: time %d is %v, want %v in UTC", how, i, got.Times[i], want.Times[i])
			}
		}
	}
	var got arrayRow
	if err := db.First(&got, "id = 1").Error; err != nil {
		t.Fatal(err)
	}
	check("GORM", got)
	var none arrayRow
	if err := db.First(&none, "id = 2").Error; err != nil {
		t.Fatal(err)
	}
	if none.Texts == nil || len(none.Texts) != 0 || len(none.IDs) != 0 {
		t.Errorf("empty arrays read back as %+v", none)
	}

	// As an argument of a raw statement (a plain slice would become a list).
	var n int64
	if err := db.Raw(`SELECT count(*) FROM array_rows WHERE texts = ? AND ids = ?`, want.Texts, want.IDs).Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("raw argument: %d rows, %v", n, err)
	}
	// Through pgx's own connection, binary protocol.
	err := database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error {
		var g arrayRow
		var texts []string
		var bigs, ints []int64
		var ids []uuid.UUID
		var times []time.Time
		if err := tx.QueryRow(ctx, `SELECT texts, bigs, ints, ids, times FROM array_rows WHERE texts = $1`, []string(want.Texts)).
			Scan(&texts, &bigs, &ints, &ids, &times); err != nil {
			return err
		}
		g.Texts, g.Bigs, g.Ints, g.IDs = texts, bigs, ints, ids
		for _, x := range times {
			g.Times = append(g.Times, x.UTC())
		}
		check("pgx", g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Inside a transaction the pgx path is refused (it would not see the transaction's work).
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		if !database.InTx(tx) {
			t.Error("InTx is false inside a transaction")
		}
		return database.WithConn(ctx, tx, func(*pgx.Conn) error { return nil })
	})
	if err == nil {
		t.Error("WithConn inside a transaction: no error")
	}
	if database.InTx(db) {
		t.Error("InTx is true outside a transaction")
	}
}

// TestDomainError holds the one mapping of driver errors to domain errors.
func TestDomainError(t *testing.T) {
	pg := func(code, constraint, column string) error {
		return fmt.Errorf("save: %w", &pgconn.PgError{Code: code, ConstraintName: constraint, ColumnName: column})
	}
	tests := []struct {
		name  string
		err   error
		kind  apperr.Kind // 0: passed through unchanged
		field string
	}{
		{"unique", pg("23505", "units_name_key", ""), apperr.KindConflict, ""},
		{"exclusion", pg("23P01", "no_overlap", ""), apperr.KindConflict, ""},
		{"foreign key", pg("23503", "units_department_id_fkey", ""), apperr.KindInvalid, "units_department_id_fkey"},
		{"check", pg("23514", "units_name_check", ""), apperr.KindInvalid, "units_name_check"},
		{"not null", pg("23502", "", "name"), apperr.KindInvalid, "name"},
		{"too long", pg("22001", "", ""), apperr.KindInvalid, "body"},
		{"bad text", pg("22P02", "", ""), apperr.KindBadRequest, ""},
		{"serialization", pg("40001", "", ""), apperr.KindConflict, ""},
		{"deadlock", pg("40P01", "", ""), apperr.KindConflict, ""},
		{"statement timeout", pg("57014", "", ""), apperr.KindTimeout, ""},
		{"admin shutdown", pg("57P01", "", ""), apperr.KindUnavailable, ""},
		{"too many connections", pg("53300", "", ""), apperr.KindUnavailable, ""},
		{"other SQL error", pg("42P01", "", ""), 0, ""},
		{"record not found", fmt.Errorf("get: %w", gorm.ErrRecordNotFound), apperr.KindNotFound, ""},
		{"connect", &pgconn.ConnectError{}, apperr.KindUnavailable, ""},
		{"connection reset", &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}, apperr.KindUnavailable, ""},
		{"closed pool", errors.New("sql: database is closed pool"), apperr.KindUnavailable, ""},
		{"cancelled", fmt.Errorf("query: %w", context.Canceled), 0, ""},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), 0, ""},
		{"domain error", apperr.Forbidden("no"), apperr.KindForbidden, ""},
		{"plain", errors.New("boom"), 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := database.DomainError(tc.err)
			if tc.kind == 0 {
				if got != tc.err {
					t.Fatalf("DomainError(%v) = %v, want it unchanged", tc.err, got)
				}
				return
			}
			e, ok := apperr.As(got)
			if !ok || e.Kind != tc.kind {
				t.Fatalf("DomainError(%v) = %v, want kind %d", tc.err, got, tc.kind)
			}
			if tc.field != "" && (len(e.Fields) != 1 || e.Fields[0].Field != tc.field) {
				t.Errorf("fields %+v, want %q", e.Fields, tc.field)
			}
		})
	}
	if database.DomainError(nil) != nil {
		t.Error("DomainError(nil) is not nil")
	}
}

// TestEveryStatementIsPlannedForItsArguments: every pooled connection, on the
// GORM path and the pgx path alike, plans each statement for its actual
// arguments (plan_cache_mode), so a prepared statement run many times never
// falls back to a generic plan.
func TestEveryStatementIsPlannedForItsArguments(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	for i := range 8 { // more runs than PostgreSQL's five before it considers a generic plan
		var mode string
		if err := db.Raw(`SELECT current_setting('plan_cache_mode') WHERE ? > 0`, i+1).Scan(&mode).Error; err != nil || mode != "force_custom_plan" {
			t.Fatalf("GORM, run %d: plan_cache_mode %q, %v", i, mode, err)
		}
		if err := database.ReadSnapshot(ctx, db, func(tx pgx.Tx) error {
			return tx.QueryRow(ctx, `SELECT current_setting('plan_cache_mode') WHERE $1::int > 0`, i+1).Scan(&mode)
		}); err != nil || mode != "force_custom_plan" {
			t.Fatalf("pgx, run %d: plan_cache_mode %q, %v", i, mode, err)
		}
	}
}
