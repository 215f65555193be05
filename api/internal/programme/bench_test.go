package programme_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apitest"
)

// seedBusyRegion fills the database at the DESIGN.md scale (500 units,
// 100,000 activities over two years around now, a fifth weekly recurring, a
// third public) and gives one unit a busy programme: three daily recurring
// activities (one public) and 60 single ones (half public) in the next
// three months, about 150 occurrences a month. It returns that unit's id.
func seedBusyRegion(b *testing.B, env *apitest.Env) string {
	b.Helper()
	db := env.DB.WithContext(context.Background())
	steps := []string{
		`INSERT INTO units (id, name, kind, organisation, sector, address, public_programme)
		 SELECT gen_random_uuid(), 'Unit ' || i, 'care_home', 'Region', 'public', 'Katu ' || i, false FROM generate_series(1, 500) i`,
		`CREATE TEMP TABLE bench_units AS SELECT id, row_number() OVER (ORDER BY name) AS n FROM units`,
		`UPDATE units SET public_programme = true WHERE id = (SELECT id FROM bench_units WHERE n = 250)`,
		`INSERT INTO activities (id, title, description, category, starts_at, ends_at, until_at, recurrence, status, visibility, unit_ids)
		 SELECT gen_random_uuid(), 'Activity ' || i, 'Description of activity ' || i, 'music',
		        date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes'),
		        date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') + interval '1 hour',
		        date_trunc('hour', now()) - interval '365 days' + (i * interval '5 minutes') + interval '1 hour'
		          + CASE WHEN i % 5 = 0 THEN interval '9 weeks' ELSE interval '0' END,
		        CASE WHEN i % 5 = 0 THEN 'FREQ=WEEKLY;COUNT=10' ELSE '' END,
		        'confirmed', CASE WHEN i % 3 = 0 THEN 'public' ELSE 'internal' END, ARRAY[u.id]
		 FROM generate_series(1, 100000) i JOIN bench_units u ON u.n = (i % 500) + 1`,
		// The busy unit: three daily activities for a year and 60 single ones.
		`INSERT INTO activities (id, title, title_sv, plain_language_fi, plain_language_sv, category, starts_at, ends_at, until_at,
		        recurrence, status, visibility, unit_ids)
		 SELECT gen_random_uuid(), 'Päivittäinen ' || i, 'Daglig ' || i, 'Selkokielinen kuvaus ' || i, 'Lättläst beskrivning ' || i,
		        'music', date_trunc('day', now()) - interval '60 days' + i * interval '3 hours' + interval '9 hours',
		        date_trunc('day', now()) - interval '60 days' + i * interval '3 hours' + interval '10 hours',
		        date_trunc('day', now()) + interval '300 days', 'FREQ=DAILY;COUNT=365', 'confirmed',
		        CASE WHEN i = 1 THEN 'public' ELSE 'internal' END, ARRAY[u.id]
		 FROM generate_series(1, 3) i JOIN bench_units u ON u.n = 250`,
		`INSERT INTO activities (id, title, category, starts_at, ends_at, until_at, recurrence, status, visibility, unit_ids)
		 SELECT gen_random_uuid(), 'Tapahtuma ' || i, 'theatre',
		        date_trunc('day', now()) + i * interval '36 hours' + interval '14 hours',
		        date_trunc('day', now()) + i * interval '36 hours' + interval '15 hours',
		        date_trunc('day', now()) + i * interval '36 hours' + interval '15 hours', '', 'planned',
		        CASE WHEN i % 2 = 0 THEN 'public' ELSE 'internal' END, ARRAY[u.id]
		 FROM generate_series(0, 59) i JOIN bench_units u ON u.n = 250`,
		`INSERT INTO activity_units (activity_id, unit_id) SELECT id, unit_ids[1] FROM activities`,
		`ANALYZE`,
	}
	var unit string
	err := db.Transaction(func(tx *gorm.DB) error {
		// The seed is bulk work on a loaded machine: no per-statement limit.
		if err := tx.Exec(`SET LOCAL statement_timeout = 0`).Error; err != nil {
			return err
		}
		for _, s := range steps {
			if err := tx.Exec(s).Error; err != nil {
				return err
			}
		}
		return tx.Raw(`SELECT id::text FROM bench_units WHERE n = 250`).Scan(&unit).Error
	})
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	return unit
}

// serve runs one request through the whole Echo stack and reports its time.
func serve(b *testing.B, env *apitest.Env, path, token string) time.Duration {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	start := time.Now()
	env.Echo.ServeHTTP(rec, req)
	d := time.Since(start)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s: status %d %s", path, rec.Code, rec.Body.String())
	}
	return d
}

// reportP95 adds the 95th percentile of the per-request times as a metric.
func reportP95(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

// bareMonth is the bare read behind a programme: the unit's activities whose
// span overlaps the range, every column the programme shows, no expansion.
const bareMonth = `SELECT a.id, a.title, a.title_sv, a.title_en, a.description, a.plain_language_fi, a.plain_language_sv,
	a.category, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.visibility
	FROM activities a JOIN activity_units au ON au.activity_id = a.id
	WHERE au.unit_id = ? AND a.starts_at < ? AND coalesce(a.until_at, 'infinity') > ? AND a.status IN ('planned', 'confirmed')`

// BenchmarkProgrammePDF: a busy unit's large-print month PDF (about 150
// occurrences, several pages) through the whole HTTP stack, beside the bare
// SQL that reads the same rows. Target: under 300 ms.
func BenchmarkProgrammePDF(b *testing.B) {
	env := apitest.New(b)
	unit := seedBusyRegion(b, env)
	producer := env.Token("producer")
	month := time.Now().In(env.Zone)
	from := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, env.Zone)
	path := "/api/v1/units/" + unit + "/programme.pdf?lang=fi&month=" + from.Format("2006-01")
	b.Run("http", func(b *testing.B) {
		var times []time.Duration
		for b.Loop() {
			times = append(times, serve(b, env, path, producer))
		}
		reportP95(b, times)
	})
	b.Run("bare-sql", func(b *testing.B) {
		var times []time.Duration
		for b.Loop() {
			start := time.Now()
			var rows []map[string]any
			if err := env.DB.Raw(bareMonth, unit, from.AddDate(0, 1, 0), from).Scan(&rows).Error; err != nil || len(rows) == 0 {
				b.Fatalf("bare: %v (%d rows)", err, len(rows))
			}
			times = append(times, time.Since(start))
		}
		reportP95(b, times)
	})
}

// BenchmarkPublicPage: the busy unit's public page (its public activities of
// the next 8 weeks) through the whole HTTP stack, beside the bare SQL of the
// same rows. Target: p95 under 50 ms.
func BenchmarkPublicPage(b *testing.B) {
	env := apitest.New(b)
	unit := seedBusyRegion(b, env)
	path := "/programme/" + unit
	b.Run("http", func(b *testing.B) {
		var times []time.Duration
		for b.Loop() {
			times = append(times, serve(b, env, path, ""))
		}
		reportP95(b, times)
	})
	b.Run("bare-sql", func(b *testing.B) {
		now := time.Now()
		var times []time.Duration
		for b.Loop() {
			start := time.Now()
			var rows []map[string]any
			if err := env.DB.Raw(bareMonth+` AND a.visibility = 'public'`, unit, now.AddDate(0, 0, 56), now).Scan(&rows).Error; err != nil || len(rows) == 0 {
				b.Fatalf("bare: %v (%d rows)", err, len(rows))
			}
			times = append(times, time.Since(start))
		}
		reportP95(b, times)
	})
}
