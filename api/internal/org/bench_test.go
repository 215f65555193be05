package org_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/org"
)

// BenchmarkUnitList measures a 50-row page of units (of 500, as in the
// region scale) through the whole authenticated route: for the producer,
// who may delete units, so whether they are in use is looked up; for a
// viewer, who may not, so it is not. Four units in five have residents (40
// each) and a committee; every fifth is free, so each page holds both.
// p95 per sub-benchmark.
//
//	go test -run '^$' -bench UnitList -benchtime 3000x ./api/internal/org/
func BenchmarkUnitList(b *testing.B) {
	env := apitest.New(b)
	env.SkipContract = true
	ctx := context.Background()
	for i := range 500 {
		if _, err := (org.Store{DB: env.DB}).CreateUnit(ctx, org.UnitInput{Name: fmt.Sprintf("Yksikkö %03d", i),
			Kind: "care_home", Organisation: "Alue", Sector: "public"}); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO committees (id, unit_id, name) SELECT gen_random_uuid(), id, 'Toimikunta' FROM units
		 WHERE right(name, 1) NOT IN ('0', '5')`,
		`INSERT INTO residents (id, unit_id, display_name) SELECT gen_random_uuid(), c.unit_id, 'Asukas ' || g
		 FROM committees c, generate_series(1, 40) g`,
		`ANALYZE`,
	} {
		if err := env.DB.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
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
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds()), "p95-µs")
		}
	}
	producer, viewer := env.Token(access.RoleProducer), env.Token(access.RoleViewer)
	b.Run("producer", route("/api/v1/units?limit=50&offset=100", producer))
	b.Run("viewer", route("/api/v1/units?limit=50&offset=100", viewer))
}
