package database

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
)

// NotFound turns gorm's "record not found" into a 404 for what; other
// errors pass through.
func NotFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.NotFound(what)
	}
	return err
}

// CheckVersion fails with 412 when the client's expected version (from
// If-Match) is not the current one. nil expected means no precondition.
func CheckVersion(expected *int, current int) error {
	if expected != nil && *expected != current {
		return apperr.PreconditionFailed(current)
	}
	return nil
}

// IsForeignKeyViolation reports a foreign-key error (e.g. deleting a row
// that others still refer to).
func IsForeignKeyViolation(err error) bool { return pgCode(err) == "23503" }

// IsUniqueViolation reports a unique or exclusion constraint error.
func IsUniqueViolation(err error) bool {
	c := pgCode(err)
	return c == "23505" || c == "23P01"
}

// ConstraintName returns the violated constraint's name, or "".
func ConstraintName(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.ConstraintName
	}
	return ""
}

func pgCode(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}
