package apitest

import (
	"net/http"
	"sort"
	"strings"
)

// CheckBadBodies sends the malformed bodies every write endpoint must
// refuse with a precise problem, never a 500: malformed JSON, an empty
// body, a non-object, an unknown field, a wrong type for each field, an
// oversized body and a non-JSON content type. valid is a body the
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
	if f := r.FieldErrors(); len(f) != 1 || f[0] != "no_such_field" {
		e.T.Errorf("unknown field: errors %v, want [no_such_field]", f)
	}

	keys := make([]string, 0, len(valid))
	for k := range valid {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
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
		if resp.Status != http.StatusUnprocessableEntity && resp.Status != http.StatusBadRequest {
			e.T.Errorf("%s %s with %s of the wrong type: status %d, want 422: %s", method, path, k, resp.Status, resp.Body)
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
