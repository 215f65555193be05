package database

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/google/uuid"
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

// ByID reads the row of model M with id through db (its context and
// clauses, e.g. a lock), or a 404 for what.
func ByID[M any](db *gorm.DB, id uuid.UUID, what string) (M, error) {
	var m M
	err := db.First(&m, "id = ?", id).Error
	return m, NotFound(err, what)
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

// DomainError is the one place where driver errors become domain errors:
// the safety net under the stores' own checks. A constraint the database
// enforces becomes the client error it stands for (409, 422, 400), a
// statement timeout a 504, an unreachable or overloaded database a 503, a
// missing row a 404. Any other error (and nil) is returned as it is, and so
// are context cancellations and deadlines (the caller's, not the
// database's). The HTTP error handler applies it to every error a handler
// returns (app wires it in as httpapi.Options.DomainError).
func DomainError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.NotFound("resource")
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505", "23P01":
			return apperr.Conflict("the change conflicts with existing data (%s)", pg.ConstraintName)
		case "23503":
			return apperr.InvalidFieldCode(constraintField(pg), apperr.CodeNotFound, "refers to something that does not exist or is still in use")
		case "23514", "23502":
			return apperr.InvalidField(constraintField(pg), "breaks the rule "+pg.ConstraintName)
		case "22001":
			return apperr.InvalidFieldCode("body", apperr.CodeTooLong, "a text is too long")
		case "22P02", "22007", "22008", "22003", "22023", "22021":
			return apperr.BadRequest("a value has the wrong format")
		case "40001", "40P01":
			return apperr.Conflict("the change collided with a concurrent change; retry it")
		case "57014":
			return apperr.Timeout("the database did not answer in time")
		case "57P01", "57P02", "57P03", "53300":
			return apperr.Unavailable("the database is not available")
		}
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err // the caller's own deadline or cancellation, not the database's
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || isConnectionLost(err) {
		return apperr.Unavailable("the database is not available")
	}
	return err
}

func constraintField(pg *pgconn.PgError) string {
	if pg.ColumnName != "" {
		return pg.ColumnName
	}
	if pg.ConstraintName != "" {
		return pg.ConstraintName
	}
	return "body"
}

// isConnectionLost recognises the errors a dropped database connection
// surfaces as, which pgx does not wrap in one type.
func isConnectionLost(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "the database system is shutting down") || strings.Contains(msg, "closed pool")
}
