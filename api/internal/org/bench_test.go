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
// each) and a committee; every fifth is free, so each page holds both. Each
// iteration reads the page once as each, alternately, so both meet the same
// load on a shared machine; p50 and p95 of each.
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
		`VACUUM ANALYZE`, // as autovacuum leaves a live database: index-only probes need no heap fetch
	} {
		if err := env.DB.Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	get := func(b *testing.B, token string) time.Duration {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/units?limit=50&offset=100", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		env.Echo.ServeHTTP(rec, req)
		d := time.Since(t0)
		if rec.Code != http.StatusOK {
			b.Fatalf("%d %s", rec.Code, rec.Body)
		}
		return d
	}
	producer, viewer := env.Token(access.RoleProducer), env.Token(access.RoleViewer)
	var lp, lv []time.Duration
	for b.Loop() {
		lp = append(lp, get(b, producer))
		lv = append(lv, get(b, viewer))
	}
	for _, x := range []struct {
		who string
		lat []time.Duration
	}{{"producer", lp}, {"viewer", lv}} {
		slices.Sort(x.lat)
		b.ReportMetric(float64(x.lat[len(x.lat)/2].Microseconds()), x.who+"-p50-µs")
		b.ReportMetric(float64(x.lat[len(x.lat)*95/100].Microseconds()), x.who+"-p95-µs")
	}
}
