package feed_test

import (
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// A unit (or the whole calendar) with nothing public still gets a valid,
// empty calendar, not an error.
func TestEmptyFeeds(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	unit := env.Unit()
	// Bulk-loaded data (seed --scale) writes no audit events.
	env.DB.Exec("DELETE FROM audit_events")
	for _, path := range []string{"/api/v1/calendar.ics", "/api/v1/calendar.ics?unit=" + unit.String()} {
		r := env.Get(path, "").Expect(http.StatusOK)
		body := string(r.Body)
		if !strings.HasPrefix(body, "BEGIN:VCALENDAR") || strings.Contains(body, "BEGIN:VEVENT") {
			t.Fatalf("%s: %s", path, body)
		}
	}
}
