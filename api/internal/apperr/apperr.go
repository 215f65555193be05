// Package apperr defines the typed errors that domain code returns. The HTTP
// layer (package httpapi) maps each kind to one RFC 9457 problem response, so
// domain packages never deal with status codes themselves.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the client.
type Kind int

// The kinds a client can cause. Anything that is not an *Error is an
// internal fault and becomes a logged 500 without detail.
const (
	KindBadRequest Kind = iota + 1
	KindUnauthorized
	KindForbidden
	KindNotFound
	KindConflict
	KindPreconditionFailed
	KindInvalid
	KindTooManyRequests
	KindUnavailable
	KindTimeout
)

// FieldError names one invalid field and says what is wrong with it: a
// stable machine-readable Code (one of the Code... constants) a client can
// translate, and an English Message with the details.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Code    string `json:"code"`
}

// Field error codes. They are part of the API: never rename one; add a new
// one only with a line in docs/adr/0001-api-conventions.md.
const (
	// CodeRequired: the field is missing or empty.
	CodeRequired = "required"
	// CodeTooShort: a text or list is shorter than its minimum.
	CodeTooShort = "too_short"
	// CodeTooLong: a text or list is longer than its maximum.
	CodeTooLong = "too_long"
	// CodeInvalidChoice: the value is not one of the allowed values.
	CodeInvalidChoice = "invalid_choice"
	// CodeInvalidFormat: the value does not parse (a date, UUID, email,
	// rule, text with invalid bytes).
	CodeInvalidFormat = "invalid_format"
	// CodeOutOfRange: a number, date or time is outside its allowed range
	// or order.
	CodeOutOfRange = "out_of_range"
	// CodeNotFound: the field refers to something that does not exist.
	CodeNotFound = "not_found"
	// CodeConflict: the value clashes with other fields or stored data.
	CodeConflict = "conflict"
	// CodeUnknownField: the body has a field the resource does not know.
	CodeUnknownField = "unknown_field"
	// CodeWrongType: the JSON value has the wrong type (a string for a number).
	CodeWrongType = "wrong_type"
	// CodeInvalid: any other broken rule; the message says which.
	CodeInvalid = "invalid"
)

// Codes lists every field error code.
var Codes = []string{CodeRequired, CodeTooShort, CodeTooLong, CodeInvalidChoice, CodeInvalidFormat, CodeOutOfRange,
	CodeNotFound, CodeConflict, CodeUnknownField, CodeWrongType, CodeInvalid}

// Field builds a field error; an empty code becomes CodeInvalid, so every
// field error a client sees carries a code.
func Field(field, code, message string) FieldError {
	if code == "" {
		code = CodeInvalid
	}
	return FieldError{Field: field, Code: code, Message: message}
}

// Error is a client-caused error with a kind, a human-readable detail and,
// for validation, the fields at fault.
type Error struct {
	Kind   Kind
	Detail string
	Fields []FieldError
	// Extra members added to the problem body (for example the clashing
	// occurrence of a calendar conflict).
	Extra map[string]any
	// RetryAfter in seconds, for KindTooManyRequests.
	RetryAfter int
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", kindName(e.Kind), e.Detail)
}

func kindName(k Kind) string {
	switch k {
	case KindBadRequest:
		return "bad request"
	case KindUnauthorized:
		return "unauthorized"
	case KindForbidden:
		return "forbidden"
	case KindNotFound:
		return "not found"
	case KindConflict:
		return "conflict"
	case KindPreconditionFailed:
		return "precondition failed"
	case KindInvalid:
		return "invalid"
	case KindTooManyRequests:
		return "too many requests"
	case KindUnavailable:
		return "unavailable"
	case KindTimeout:
		return "timeout"
	}
	return "error"
}

// With adds a member to the problem body (e.g. a machine-readable "code"
// a client can act on) and returns e.
func (e *Error) With(key string, value any) *Error {
	if e.Extra == nil {
		e.Extra = map[string]any{}
	}
	e.Extra[key] = value
	return e
}

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == k
}

// BadRequest is a malformed request: bad JSON syntax or a bad parameter.
func BadRequest(format string, args ...any) *Error {
	return &Error{Kind: KindBadRequest, Detail: fmt.Sprintf(format, args...)}
}

// BadParam is a malformed query or path parameter (code CodeInvalid).
func BadParam(field, message string) *Error {
	return BadParamCode(field, CodeInvalid, message)
}

// BadParamCode is BadParam with a field error code.
func BadParamCode(field, code, message string) *Error {
	return &Error{Kind: KindBadRequest, Detail: "invalid parameter " + field + ": " + message,
		Fields: []FieldError{Field(field, code, message)}}
}

// BadRange is a pair of range parameters that do not fit together (from
// after to, a range too long): a 400 naming both, with the code
// CodeOutOfRange.
func BadRange(fromField, toField, fromMessage, toMessage string) *Error {
	return &Error{Kind: KindBadRequest, Detail: fmt.Sprintf("invalid range %s..%s: %s %s", fromField, toField, toField, toMessage),
		Fields: []FieldError{Field(fromField, CodeOutOfRange, fromMessage), Field(toField, CodeOutOfRange, toMessage)}}
}

// Unauthorized means missing or bad credentials.
func Unauthorized(detail string) *Error { return &Error{Kind: KindUnauthorized, Detail: detail} }

// Forbidden means a known caller lacks the right.
func Forbidden(detail string) *Error { return &Error{Kind: KindForbidden, Detail: detail} }

// ForbiddenUnless is a policy's decision: nil when ok, else Forbidden with
// detail, the reason a client is shown.
func ForbiddenUnless(ok bool, detail string) error {
	if ok {
		return nil
	}
	return Forbidden(detail)
}

// NotFound means the resource does not exist or is not visible to the caller.
func NotFound(what string) *Error { return &Error{Kind: KindNotFound, Detail: what + " not found"} }

// Conflict means the request clashes with the current state.
func Conflict(format string, args ...any) *Error {
	return &Error{Kind: KindConflict, Detail: fmt.Sprintf(format, args...)}
}

// PreconditionFailed means the If-Match version no longer matches.
func PreconditionFailed(current int) *Error {
	return &Error{Kind: KindPreconditionFailed,
		Detail: fmt.Sprintf("the resource was changed by someone else; its version is now %d", current),
		Extra:  map[string]any{"current_version": current}}
}

// Invalid is a well-formed request whose content breaks a rule.
func Invalid(fields ...FieldError) *Error {
	detail := "the request has invalid fields"
	for i := range fields {
		if fields[i].Code == "" {
			fields[i].Code = CodeInvalid
		}
	}
	if len(fields) == 1 {
		detail = fields[0].Field + ": " + fields[0].Message
	}
	return &Error{Kind: KindInvalid, Detail: detail, Fields: fields}
}

// InvalidField is Invalid for a single field (code CodeInvalid).
func InvalidField(field, message string) *Error {
	return InvalidFieldCode(field, CodeInvalid, message)
}

// InvalidFieldCode is Invalid for a single field with a field error code.
func InvalidFieldCode(field, code, message string) *Error {
	return Invalid(Field(field, code, message))
}

// TooManyRequests asks the client to wait retryAfter seconds.
func TooManyRequests(detail string, retryAfter int) *Error {
	return &Error{Kind: KindTooManyRequests, Detail: detail, RetryAfter: retryAfter}
}

// Unavailable means a dependency (the database) cannot serve right now.
func Unavailable(detail string) *Error { return &Error{Kind: KindUnavailable, Detail: detail} }

// Timeout means the work did not finish in time (a statement timeout, the
// request's deadline).
func Timeout(detail string) *Error { return &Error{Kind: KindTimeout, Detail: detail} }
