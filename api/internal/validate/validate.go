// Package validate collects field errors while a request is checked, so a
// client learns about every bad field at once instead of one per round trip.
package validate

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// Errors accumulates field errors. The zero value is ready to use.
type Errors struct {
	fields []apperr.FieldError
}

// Add records that field is wrong for the given reason, with the code
// apperr.CodeInvalid; AddCode names a more specific code.
func (v *Errors) Add(field, format string, args ...any) {
	v.AddCode(field, apperr.CodeInvalid, format, args...)
}

// AddCode records that field is wrong, with a field error code (one of
// apperr's Code... constants) and the reason.
func (v *Errors) AddCode(field, code, format string, args ...any) {
	v.fields = append(v.fields, apperr.Field(field, code, fmt.Sprintf(format, args...)))
}

// Check adds the message when ok is false, with the code apperr.CodeInvalid.
func (v *Errors) Check(ok bool, field, message string) {
	v.CheckCode(ok, field, apperr.CodeInvalid, message)
}

// CheckCode adds the message with the code when ok is false.
func (v *Errors) CheckCode(ok bool, field, code, message string) {
	if !ok {
		v.AddCode(field, code, "%s", message)
	}
}

// Required adds "is required" (code required) when ok is false.
func (v *Errors) Required(ok bool, field string) {
	v.CheckCode(ok, field, apperr.CodeRequired, "is required")
}

// Has reports whether field already has an error.
func (v *Errors) Has(field string) bool {
	return slices.ContainsFunc(v.fields, func(f apperr.FieldError) bool { return f.Field == field })
}

// Err returns the collected errors as one 422 problem, or nil.
func (v *Errors) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return apperr.Invalid(v.fields...)
}

// Text checks a free-text field: required or not, at most max characters,
// valid UTF-8 without NUL bytes (PostgreSQL rejects those).
func (v *Errors) Text(field, s string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(s) == "":
		v.AddCode(field, apperr.CodeRequired, "is required")
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		v.AddCode(field, apperr.CodeInvalidFormat, "must be valid text")
	case utf8.RuneCountInString(s) > max:
		v.AddCode(field, apperr.CodeTooLong, "must be at most %d characters", max)
	}
}

// OptText is Text for an optional pointer field.
func (v *Errors) OptText(field string, s *string, max int) {
	if s != nil {
		v.Text(field, *s, false, max)
	}
}

// OneOf checks that s is one of the allowed values.
func (v *Errors) OneOf(field, s string, allowed ...string) {
	if !slices.Contains(allowed, s) {
		v.AddCode(field, apperr.CodeInvalidChoice, "must be one of %s", strings.Join(allowed, ", "))
	}
}

// Email checks an email address.
func (v *Errors) Email(field, s string) {
	if s == "" {
		v.AddCode(field, apperr.CodeRequired, "is required")
		return
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || len(s) > 254 {
		v.AddCode(field, apperr.CodeInvalidFormat, "must be a valid email address")
	}
}

// Range checks min <= n <= max.
func (v *Errors) Range(field string, n, min, max int64) {
	if n < min || n > max {
		v.AddCode(field, apperr.CodeOutOfRange, "must be between %d and %d", min, max)
	}
}

// DateOrder checks that from is not after to when both are set.
func (v *Errors) DateOrder(toField string, from, to *civil.Date) {
	if from != nil && to != nil && to.Before(from.Time) {
		v.AddCode(toField, apperr.CodeOutOfRange, "must not be before the start date")
	}
}
