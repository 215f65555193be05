package calendar_test

import (
	"testing"
	"time"

	"kulttuurisilta/api/internal/apitest"
)

func BenchmarkExplain(b *testing.B) {
	env := apitest.New(b)
	regionCalendar(b, env, 100_000)
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, env.Zone)
	to := from.AddDate(0, 1, 0)
	var lines []string
	q := `EXPLAIN ANALYZE WITH cand AS (SELECT a.id FROM activities a WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(@from, @to, '[)')
	 UNION SELECT o.activity_id FROM occurrence_overrides o WHERE o.starts_at < @to AND o.starts_at > @from AND o.ends_at > @from)
	 SELECT a.id, a.title, a.exdates, a.target_groups,
	ARRAY(SELECT au.unit_id::text FROM activity_units au WHERE au.activity_id = a.id ORDER BY au.unit_id) AS unit_ids,
	ARRAY(SELECT ap.partner_id::text FROM activity_partners ap WHERE ap.activity_id = a.id ORDER BY ap.partner_id) AS partner_ids
	 FROM cand JOIN activities a ON a.id = cand.id`
	env.DB.Raw(q, map[string]any{"from": from, "to": to}).Scan(&lines)
	for _, l := range lines {
		b.Log(l)
	}
}
