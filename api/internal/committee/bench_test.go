package committee_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// regionIdeas loads 500 units, a committee each, and 200 ideas per
// committee (100,000 ideas) with SQL, then analyses.
func regionIdeas(b *testing.B, env *apitest.Env) []uuid.UUID {
	b.Helper()
	units := env.Units(500, "Yksikkö %03d")
	for _, q := range []string{
		`INSERT INTO committees (id, unit_id, name) SELECT gen_random_uuid(), id, 'Toimikunta' FROM units`,
		`INSERT INTO ideas (id, committee_id, unit_id, title, description, source, status, votes, priority, created_at, updated_at)
		 SELECT gen_random_uuid(), c.id, c.unit_id, 'Idea ' || g, 'Kuvaus numero ' || g,
		        (ARRAY['survey','meeting','resident','staff','other'])[1 + g % 5],
		        (ARRAY['new','planned','done','declined'])[1 + g % 4], g % 30, NULLIF(g % 6, 0),
		        now() - g * interval '1 minute', now() - g * interval '1 minute'
		 FROM committees c, generate_series(1, 200) g`,
		`ANALYZE`,
	} {
		if err := env.DB.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	return units
}

// BenchmarkIdeaList measures a 50-row page of ideas over 100,000 ideas in
// 500 units through the whole authenticated route (a producer over all
// units, a mentor of two units, a text search, rank order) against the
// bare SQL page encoded as JSON, in the same run. p95 per sub-benchmark.
//
//	go test -run '^$' -bench IdeaList -benchtime 2000x ./api/internal/committee/
func BenchmarkIdeaList(b *testing.B) {
	env := apitest.New(b)
	env.SkipContract = true
	units := regionIdeas(b, env)
	producer := env.Token(access.RoleProducer)
	mentor := env.Token(access.RoleMentor, apitest.WithUnits(units[10], units[20]))
	route := func(path, token string) func(b *testing.B) {
		return func(b *testing.B) {
			lat := make([]time.Duration, 0, b.N)
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				env.Echo.ServeHTTP(rec, req)
				lat = append(lat, time.Since(t0))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
				}
			}
			reportP95(b, lat)
		}
	}
	b.Run("http-producer", route("/api/v1/ideas?limit=50", producer))
	b.Run("http-mentor", route("/api/v1/ideas?limit=50", mentor))
	b.Run("http-rank", route("/api/v1/ideas?limit=50&sort=rank&status=new", producer))
	b.Run("http-search", route("/api/v1/ideas?limit=50&q=numero%20123", producer))
	b.Run("bare-sql", func(b *testing.B) {
		sqlDB, err := env.DB.DB()
		if err != nil {
			b.Fatal(err)
		}
		lat := make([]time.Duration, 0, b.N)
		for b.Loop() {
			t0 := time.Now()
			rows, err := sqlDB.Query(`SELECT id, created_at, updated_at, version, committee_id, unit_id, title, description,
				source, status, votes, priority, activity_id, status_changed_at FROM ideas ORDER BY created_at DESC, id DESC LIMIT 50`)
			if err != nil {
				b.Fatal(err)
			}
			var out []map[string]any
			for rows.Next() {
				var id, cid, uid string
				var ca, ua, sc time.Time
				var v, votes int
				var prio *int
				var act *string
				var title, desc, src, st string
				if err := rows.Scan(&id, &ca, &ua, &v, &cid, &uid, &title, &desc, &src, &st, &votes, &prio, &act, &sc); err != nil {
					b.Fatal(err)
				}
				out = append(out, map[string]any{"id": id, "title": title, "votes": votes, "priority": prio})
			}
			rows.Close()
			if _, err := json.Marshal(out); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		reportP95(b, lat)
	})
}

func reportP95(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}
