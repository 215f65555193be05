package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string              `json:"type" example:"urn:kulttuurisilta:problem:validation"`
	Title    string              `json:"title" example:"Invalid request"`
	Status   int                 `json:"status" example:"422"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Errors   []apperr.FieldError `json:"errors,omitempty"`
	// RequestID lets support find the request in the logs.
	RequestID string `json:"request_id,omitempty"`
	// Extra members of specific problems (current_version, clash, ...).
	Extra map[string]any `json:"-"`
}

// ProblemContentType is the media type of every error response.
const ProblemContentType = "application/problem+json"

const problemPrefix = "urn:kulttuurisilta:problem:"

// statusClientClosedRequest is nginx's 499, used in logs and metrics for a
// request whose client disconnected before the answer.
const statusClientClosedRequest = 499

type problemKind struct {
	status int
	slug   string
	title  string
}

var kinds = map[apperr.Kind]problemKind{
	apperr.KindBadRequest:         {http.StatusBadRequest, "bad-request", "Malformed request"},
	apperr.KindUnauthorized:       {http.StatusUnauthorized, "unauthorized", "Authentication required"},
	apperr.KindForbidden:          {http.StatusForbidden, "forbidden", "Not allowed"},
	apperr.KindNotFound:           {http.StatusNotFound, "not-found", "Not found"},
	apperr.KindConflict:           {http.StatusConflict, "conflict", "Conflict"},
	apperr.KindPreconditionFailed: {http.StatusPreconditionFailed, "version-mismatch", "Version mismatch"},
	apperr.KindInvalid:            {http.StatusUnprocessableEntity, "validation", "Invalid request"},
	apperr.KindTooManyRequests:    {http.StatusTooManyRequests, "rate-limited", "Too many requests"},
	apperr.KindUnavailable:        {http.StatusServiceUnavailable, "unavailable", "Service unavailable"},
	apperr.KindTimeout:            {http.StatusGatewayTimeout, "timeout", "Timeout"},
}

// ProblemType returns the type URI used for an error kind (tests use it).
func ProblemType(k apperr.Kind) string { return problemPrefix + kinds[k].slug }

// ErrorHandler turns every error into a problem response. domainError
// (nil: none) first turns errors of the layers below into domain errors
// (database.DomainError: constraint violations, timeouts, a lost
// connection). Client errors are described precisely; anything unexpected
// is logged and answered with a bare 500 so no internals leak.
func ErrorHandler(log *slog.Logger, domainError func(error) error) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		if domainError != nil {
			if de := domainError(err); de != nil {
				err = de
			}
		}
		p := bounded(toProblem(err))
		if p.Status == http.StatusInternalServerError {
			// An unexpected error after the request's own context ended is
			// that ending seen from below (database/sql rolls a transaction
			// back when its context is cancelled, and the next statement says
			// "transaction has already been committed or rolled back"): the
			// client went away or the deadline passed, not a server fault.
			if cp, ok := contextProblem(c.Request().Context().Err()); ok {
				p = cp
			}
		}
		if p.Status >= 500 && p.Status != http.StatusServiceUnavailable && p.Status != http.StatusGatewayTimeout {
			log.Error("request failed", "request_id", requestID(c), "method", c.Request().Method,
				"route", c.Path(), "error", err.Error())
		}
		p.RequestID = requestID(c)
		if e, ok := apperr.As(err); ok && e.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
		}
		if p.Status == http.StatusServiceUnavailable && c.Response().Header().Get("Retry-After") == "" {
			c.Response().Header().Set("Retry-After", "5")
		}
		_ = writeProblem(c, p)
	}
}

func writeProblem(c echo.Context, p Problem) error {
	body := map[string]any{"type": p.Type, "title": p.Title, "status": p.Status}
	if p.Detail != "" {
		body["detail"] = p.Detail
	}
	if len(p.Errors) > 0 {
		body["errors"] = p.Errors
	}
	if p.RequestID != "" {
		body["request_id"] = p.RequestID
	}
	for k, v := range p.Extra {
		if _, taken := body[k]; !taken {
			body[k] = v
		}
	}
	c.Response().Header().Set(echo.HeaderContentType, ProblemContentType)
	c.Response().WriteHeader(p.Status)
	if c.Request().Method == http.MethodHead {
		return nil
	}
	return jsonEncoder(c.Response()).Encode(body)
}

func toProblem(err error) Problem {
	if e, ok := apperr.As(err); ok {
		k := kinds[e.Kind]
		return Problem{Type: problemPrefix + k.slug, Title: k.title, Status: k.status, Detail: e.Detail,
			Errors: withCodes(e.Fields), Extra: e.Extra}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return echoProblem(he)
	}
	if p, ok := contextProblem(err); ok {
		return p
	}
	return Problem{Type: problemPrefix + "internal", Title: "Internal server error", Status: http.StatusInternalServerError,
		Detail: "an unexpected error occurred; it has been logged"}
}

// withCodes makes sure every field error carries a code (the spec requires
// one), even one built as a literal without it.
func withCodes(fields []apperr.FieldError) []apperr.FieldError {
	for _, f := range fields {
		if f.Code == "" {
			out := make([]apperr.FieldError, len(fields))
			for i, f := range fields {
				out[i] = apperr.Field(f.Field, f.Code, f.Message)
			}
			return out
		}
	}
	return fields
}

func echoProblem(he *echo.HTTPError) Problem {
	switch he.Code {
	case http.StatusNotFound:
		return Problem{Type: problemPrefix + "not-found", Title: "Not found", Status: 404, Detail: "no such route"}
	case http.StatusMethodNotAllowed:
		return Problem{Type: problemPrefix + "method-not-allowed", Title: "Method not allowed", Status: 405,
			Detail: "the route does not support this method"}
	case http.StatusRequestEntityTooLarge:
		return Problem{Type: problemPrefix + "too-large", Title: "Request body too large", Status: 413,
			Detail: "the request body is larger than 1 MiB"}
	case http.StatusUnsupportedMediaType:
		return Problem{Type: problemPrefix + "unsupported-media-type", Title: "Unsupported media type", Status: 415,
			Detail: "send the body as application/json"}
	case http.StatusTooManyRequests:
		return Problem{Type: problemPrefix + "rate-limited", Title: "Too many requests", Status: 429}
	case http.StatusServiceUnavailable:
		return Problem{Type: problemPrefix + "unavailable", Title: "Service unavailable", Status: 503}
	}
	if he.Code >= 400 && he.Code < 500 {
		return Problem{Type: problemPrefix + "bad-request", Title: http.StatusText(he.Code), Status: he.Code}
	}
	return Problem{Type: problemPrefix + "internal", Title: "Internal server error", Status: 500,
		Detail: "an unexpected error occurred; it has been logged"}
}

// contextProblem answers a request whose own context ended: the client
// went away (499, nobody reads it and it is not a server fault to log), or
// the request's deadline passed (504).
func contextProblem(err error) (Problem, bool) {
	if errors.Is(err, context.Canceled) {
		return Problem{Type: problemPrefix + "client-closed-request", Title: "Client closed request",
			Status: statusClientClosedRequest}, true
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return toProblem(apperr.Timeout("the request took too long")), true
	}
	return Problem{}, false
}

// Limits on what a problem repeats of its input, so an error answer stays
// a few KB whatever the request: a value quoted in a message is cut to
// MaxQuoted characters, a field name to MaxQuoted, a message to
// maxMessage, the detail to maxDetail, and at most MaxFieldErrors field
// errors are listed.
const (
	MaxQuoted  = 64
	maxMessage = 300
	maxDetail  = 400
)

// bounded applies the limits. Every problem passes here, whichever
// package built its messages.
func bounded(p Problem) Problem {
	p.Detail = clip(clipQuoted(p.Detail), maxDetail)
	if len(p.Errors) > 0 {
		n := len(p.Errors)
		out := make([]apperr.FieldError, min(n, MaxFieldErrors))
		for i := range out {
			f := p.Errors[i]
			out[i] = apperr.FieldError{Field: clip(f.Field, MaxQuoted), Code: f.Code,
				Message: clip(clipQuoted(f.Message), maxMessage)}
		}
		p.Errors = out
		if n > MaxFieldErrors {
			p.Detail = fmt.Sprintf("the request has %d invalid fields; the first %d are listed", n, MaxFieldErrors)
		}
	}
	return p
}

// clip cuts s to max characters, marking the cut with an ellipsis.
func clip(s string, max int) string {
	if len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// clipQuoted cuts every double-quoted value in s (as %q and encoding/json
// write them, with backslash escapes) to MaxQuoted characters.
func clipQuoted(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '"')
		if open < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:open+1])
		s = s[open+1:]
		end := -1
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == '"' {
				end = i
				break
			}
		}
		if end < 0 { // an unterminated quote: the rest is the value
			b.WriteString(clip(s, MaxQuoted))
			return b.String()
		}
		b.WriteString(clip(s[:end], MaxQuoted))
		b.WriteByte('"')
		s = s[end+1:]
	}
}
