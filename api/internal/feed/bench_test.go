package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"kulttuurisilta/api/internal/apitest"
)

// seedRegion fills the database at the DESIGN.md scale: 500 units and 100,000 activities (a fifth of them
// weekly recurring, a third public), each hosted by one unit, spread over two years around now.
func seedRegion(b *testing.B, env *apitest.Env) string {
	b.Helper()
	ctx := context.Background()
	db := env.DB.WithContext(ctx)
	steps := []string{
		`INSERT INTO units (id, name, kind, organisation, sector, address)
		 SELECT gen_random_uuid(), 'Unit ' || i, 'care_home', 'Region', 'public', 'Katu ' || i FROM generate_series(1, 500) i`,
		`CREATE TEMP TABLE bench_units AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM units`,
		`INSERT INTO activities (id, title, description, category, starts_at, ends_at, until_at, recurrence, status, visibility, unit_ids)
		 SELECT gen_random_uuid(), 'Activity ' || i, 'Description of activity ' || i, 'music',
		        date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') ,
		        date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') + interval '1 hour',
		        CASE WHEN i % 5 = 0 THEN date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') + interval '1 hour' + interval '9 weeks'
		             ELSE date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') + interval '1 hour' END,
		        CASE WHEN i % 5 = 0 THEN 'FREQ=WEEKLY;COUNT=10' ELSE '' END,
		        'confirmed', CASE WHEN i % 3 = 0 THEN 'public' ELSE 'internal' END, ARRAY[u.id]
		 FROM generate_series(1, 100000) i JOIN bench_units u ON u.n = (i % 500) + 1`,
		`INSERT INTO activity_units (activity_id, unit_id) SELECT id, unit_ids[1] FROM activities`,
		`ANALYZE`,
	}
	for _, s := range steps {
		if err := db.Exec(s).Error; err != nil {
			b.Fatalf("seed: %v", err)
		}
	}
	var unit string
	db.Raw(`SELECT id::text FROM bench_units WHERE n = 250`).Scan(&unit)
	return unit
}

// BenchmarkUnitFeed measures one unit's private .ics feed (all its activities, about 200) through the
// whole HTTP stack, beside the bare SQL that reads the same rows.
func BenchmarkUnitFeed(b *testing.B) {
	env := apitest.New(b)
	unit := seedRegion(b, env)
	f := &fixture{env: env}
	tok := env.Post("/api/v1/feed-tokens", env.Token("producer"), map[string]any{"name": "bench", "scope": "unit", "unit_id": unit}).Expect(201).Map()
	path := tok["feed_path"].(string)
	_ = f
	// get measures GET path through the whole API in process.
	get := func(path string) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				rec := httptest.NewRecorder()
				env.Echo.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d", rec.Code)
				}
			}
		}
	}
	b.Run("http", get(path))
	b.Run("http-public", get("/api/v1/calendar.ics?unit="+unit))
	b.Run("bare-sql", func(b *testing.B) {
		for b.Loop() {
			var rows []struct {
				ID    string
				Title string
			}
			if err := env.DB.Raw(`SELECT a.id::text, a.title FROM activity_units au JOIN activities a ON a.id = au.activity_id
				WHERE au.unit_id = ? AND (a.until_at IS NULL OR a.until_at >= now() - interval '365 days')`, unit).Scan(&rows).Error; err != nil {
				b.Fatal(err)
			}
		}
	})
}
