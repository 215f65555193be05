package calendar_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// TestFieldErrorCodes: every field error of a 422 carries a stable code a
// client can translate (the spec requires it; apitest validates each
// response against the spec), from the validators, the strict decoder and
// the store's reference checks alike.
func TestFieldErrorCodes(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	tok := env.Token(access.RoleProducer)
	u := []uuid.UUID{unit}
	s, e := "2026-09-01T14:00:00+03:00", "2026-09-01T15:00:00+03:00"
	long := make([]byte, 201)
	for i := range long {
		long[i] = 'x'
	}
	tests := []struct {
		name string
		body any
		want string
	}{
		{"required", map[string]any{"category": "music", "starts_at": s, "ends_at": e, "unit_ids": u},
			"[title:required]"},
		{"too long", activityBody(u, s, e, map[string]any{"title": string(long)}), "[title:too_long]"},
		{"invalid choice", activityBody(u, s, e, map[string]any{"category": "opera"}), "[category:invalid_choice]"},
		{"out of range", activityBody(u, s, "2026-09-01T13:00:00+03:00", nil), "[ends_at:out_of_range]"},
		{"invalid format", activityBody(u, s, e, map[string]any{"recurrence": "FREQ=SOMETIMES"}), "[recurrence:invalid_format]"},
		{"not found", activityBody([]uuid.UUID{uuid.New()}, s, e, nil), "[unit_ids:not_found]"},
		{"conflict", activityBody(u, s, e, map[string]any{"status": "cancelled"}), "[status:conflict]"},
		{"unknown field", activityBody(u, s, e, map[string]any{"titel": "x"}), "[titel:unknown_field]"},
		{"wrong type", activityBody(u, s, e, map[string]any{"capacity": "many"}), "[capacity:wrong_type]"},
		{"unknown language", activityBody(u, s, e, map[string]any{"title_i18n": map[string]any{"de": "Singen"}}),
			"[title_i18n.de:unknown_field]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Post("/api/v1/activities", tok, tc.body)
			r.Problem(http.StatusUnprocessableEntity, "validation")
			if got := fmt.Sprint(fieldCodes(r)); got != tc.want {
				t.Fatalf("codes %s, want %s: %s", got, tc.want, r.Body)
			}
		})
	}
	// Parameters: a 400 names the parameter with a code too.
	for q, want := range map[string]string{"status=done": "[status:invalid_choice]", "unit_id=x": "[unit_id:invalid_format]",
		"limit=0": "[limit:out_of_range]", "limit=x": "[limit:invalid_format]"} {
		r := env.Get("/api/v1/activities?"+q, tok)
		r.Problem(http.StatusBadRequest, "bad-request")
		if got := fmt.Sprint(fieldCodes(r)); got != want {
			t.Errorf("%s: codes %s, want %s", q, got, want)
		}
	}
}
