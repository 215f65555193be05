package apitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// CheckBadBodies sends the malformed bodies every write endpoint must
// refuse with a precise problem, never a 500: malformed JSON, an empty
// body, a non-object, an unknown field, and for each field: the wrong
// type, the name in capitals, the key twice and (for texts) a NUL byte,
// each a 422 naming the field with its code; an oversized body (with a
// Content-Length and chunked) and a non-JSON content type. valid is a body the
// endpoint would accept; it is never sent as is.
func (e *Env) CheckBadBodies(method, path, token string, valid map[string]any) {
	e.T.Helper()
	send := func(body any, header map[string]string) *Resp {
		e.T.Helper()
		return e.Do(Req{Method: method, Path: path, Token: token, Body: body, Header: header})
	}
	send(`{"name": "x",`, nil).Problem(http.StatusBadRequest, "bad-request")
	send(`{} {}`, nil).Problem(http.StatusBadRequest, "bad-request")
	send([]byte(" "), nil).Problem(http.StatusBadRequest, "bad-request")
	send(`[1, 2]`, nil).Problem(http.StatusUnprocessableEntity, "validation")
	send(`"text"`, nil).Problem(http.StatusUnprocessableEntity, "validation")

	withExtra := clone(valid)
	withExtra["no_such_field"] = 1
	r := send(withExtra, nil)
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if f := r.Errors(); len(f) != 1 || f[0].Field != "no_such_field" || f[0].Code != "unknown_field" {
		e.T.Errorf("unknown field: errors %v, want [no_such_field unknown_field]", f)
	}

	keys := make([]string, 0, len(valid))
	for k := range valid {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// A field of the wrong type is a 422 naming it.
		wrong := clone(valid)
		switch valid[k].(type) {
		case string:
			wrong[k] = 12345
		case bool:
			wrong[k] = "yes"
		default:
			wrong[k] = map[string]any{"nested": true}
		}
		resp := send(wrong, nil)
		resp.Problem(http.StatusUnprocessableEntity, "validation")
		if !resp.HasFieldError(k, "wrong_type") {
			e.T.Errorf("%s %s with %s of the wrong type: %s, want an error on %s with code wrong_type", method, path, k, resp.Body, k)
		}

		// Names match exactly: the field in capitals is unknown.
		if upper := strings.ToUpper(k); upper != k {
			cased := clone(valid)
			delete(cased, k)
			cased[upper] = valid[k]
			resp := send(cased, nil)
			resp.Problem(http.StatusUnprocessableEntity, "validation")
			if !resp.HasFieldError(upper, "unknown_field") {
				e.T.Errorf("%s %s with %s: %s, want an error on %s with code unknown_field", method, path, upper, resp.Body, upper)
			}
		}

		// A key given twice is refused.
		v, _ := json.Marshal(valid[k])
		rest, _ := json.Marshal(valid)
		dup := fmt.Sprintf(`{%q:%s,%s`, k, v, rest[1:])
		resp = send(dup, nil)
		resp.Problem(http.StatusUnprocessableEntity, "validation")
		if !resp.HasFieldError(k, "conflict") {
			e.T.Errorf("%s %s with %s twice: %s, want an error on %s with code conflict", method, path, k, resp.Body, k)
		}

		// A NUL byte in a text is a 422 naming the field.
		if s, ok := valid[k].(string); ok {
			nul := clone(valid)
			nul[k] = s + "\x00"
			resp := send(nul, nil)
			resp.Problem(http.StatusUnprocessableEntity, "validation")
			if !resp.HasFieldError(k, "invalid_format") {
				e.T.Errorf("%s %s with a NUL in %s: %s, want an error on %s with code invalid_format", method, path, k, resp.Body, k)
			}
		}
	}

	big := clone(valid)
	big["padding"] = strings.Repeat("x", 1<<20+10)
	send(big, nil).Problem(http.StatusRequestEntityTooLarge, "too-large")
	e.Do(Req{Method: method, Path: path, Token: token, Body: big, Chunked: true}).
		Problem(http.StatusRequestEntityTooLarge, "too-large")

	send(`name=x`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}).
		Problem(http.StatusUnsupportedMediaType, "unsupported-media-type")
}

// InjectionStrings are hostile texts that must be stored as text or
// refused, never executed or answered with a 500.
var InjectionStrings = []string{
	`'; DROP TABLE units; --`,
	`<script>alert(1)</script>`,
	`{{7*7}} ${7*7}`,
	"null\x00byte",
	`../../etc/passwd`,
	strings.Repeat("ä", 5000),
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
