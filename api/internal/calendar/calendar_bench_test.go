package calendar_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/calendar"
)

// regionCalendar loads a region: 500 units and n activities spread over
// 2026-2027, a fifth weekly recurring (most for a 12-week term, one in
// twenty of those without end), each in one unit (every tenth in two).
func regionCalendar(b *testing.B, env *apitest.Env, n int) {
	b.Helper()
	ctx := context.Background()
	units := env.Units(500, "Yksikkö %03d")
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, env.Zone)
	cats := calendar.Categories
	acts := make([]calendar.Activity, n)
	for i := range acts {
		day := rng.IntN(730)
		hour := 9 + rng.IntN(8)
		st := time.Date(base.Year(), base.Month(), base.Day()+day, hour, 0, 0, 0, env.Zone)
		a := calendar.Activity{Title: fmt.Sprintf("Toiminta %d", i), Category: cats[i%len(cats)], StartsAt: st,
			EndsAt: st.Add(time.Duration(30+rng.IntN(90)) * time.Minute), Status: calendar.Statuses[i%4],
			UnitIDs: []uuid.UUID{units[i%len(units)]}, TargetGroups: []string{"elderly"}}
		if i%10 == 0 {
			a.UnitIDs = append(a.UnitIDs, units[(i+7)%len(units)])
		}
		if i%5 == 0 {
			a.Recurrence = "FREQ=WEEKLY;COUNT=12"
			if i%25 == 0 {
				a.Recurrence = "FREQ=WEEKLY"
			}
		}
		acts[i] = a
	}
	if err := calendar.BulkInsert(ctx, env.DB, env.Zone, acts); err != nil {
		b.Fatal(err)
	}
	if err := env.DB.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCalendarMonth measures a month of the calendar over all 500
// units and 100,000 activities: the store query with expansion, the whole
// authenticated route (first page of 2000 and the default 50, one unit's
// month), and the bare candidate SQL as the baseline, in the same run; the
// all-units route after a change, after an edit and kept (ADR 0195, 0196). p95
// is reported per sub-benchmark; CALENDAR_BENCH_ACTIVITIES=n loads n
// activities instead of 100,000; CALENDAR_EXPLAIN=1 logs the candidate
// query's plan. Results: docs/performance.md, "Calendar".
//
//	go test -run '^$' -bench CalendarMonth -benchtime 40x ./api/internal/calendar/
func BenchmarkCalendarMonth(b *testing.B) {
	env := apitest.New(b)
	env.SkipContract = true
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CALENDAR_BENCH_ACTIVITIES")); err == nil && v > 0 {
		n = v // for measuring how the cost grows
	}
	regionCalendar(b, env, n)
	ctx := context.Background()
	store := calendar.Store{DB: env.DB, Zone: env.Zone}
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, env.Zone)
	to := from.AddDate(0, 1, 0)
	tok := env.Token(access.RoleViewer)

	occ, err := store.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: to})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("occurrences in March 2027: %d", len(occ))
	if os.Getenv("CALENDAR_EXPLAIN") != "" {
		var plan []string
		env.DB.Raw(`EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.starts_at, a.ends_at, a.recurrence, a.exdates, a.status, a.updated_at
			FROM activities a WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(?, ?, '[)')`, from, to).Scan(&plan)
		b.Log(strings.Join(plan, "\n"))
	}

	// timed runs fn b.N times, each after setup (not timed), and reports p95.
	timed := func(b *testing.B, setup, fn func()) {
		durs := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for b.Loop() {
			if setup != nil {
				b.StopTimer()
				setup()
				b.StartTimer()
			}
			t0 := time.Now()
			fn()
			durs = append(durs, time.Since(t0))
		}
		slices.Sort(durs)
		if len(durs) > 0 {
			b.ReportMetric(float64(durs[len(durs)*95/100].Microseconds())/1000, "p95-ms")
		}
	}
	// changed advances the calendar generation without naming what changed (as a bulk load does): the
	// next read computes its set afresh (ADR 0195).
	changed := func() {
		if err := env.DB.Exec(`UPDATE change_generations SET generation = generation + 1 WHERE name = 'calendar'`).Error; err != nil {
			b.Fatal(err)
		}
	}
	// edited changes one activity of the month, as an edit does: the next read patches the kept set with
	// it (ADR 0196).
	var month []uuid.UUID
	env.DB.Raw(`SELECT id FROM activities a WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(?, ?, '[)')
		ORDER BY id LIMIT 100`, from, to).Scan(&month)
	edits := 0
	edited := func() {
		edits++
		if err := env.DB.Exec(`UPDATE activities SET description = ? WHERE id = ?`, fmt.Sprint("edit ", edits),
			month[edits%len(month)]).Error; err != nil {
			b.Fatal(err)
		}
	}
	b.Run("sql-candidates-baseline", func(b *testing.B) {
		timed(b, nil, func() {
			var n int64
			if err := env.DB.Raw(`SELECT count(*) FROM activities a
				WHERE tstzrange(a.starts_at, a.until_at, '[)') && tstzrange(?, ?, '[)')`, from, to).Scan(&n).Error; err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("store", func(b *testing.B) {
		timed(b, nil, func() {
			if _, err := store.Occurrences(ctx, calendar.OccurrenceFilter{From: from, To: to}); err != nil {
				b.Fatal(err)
			}
		})
	})
	route := func(limit int) func() {
		url := fmt.Sprintf("/api/v1/calendar?from=2027-03-01&to=2027-04-01&limit=%d", limit)
		return func() {
			req := httptest.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			env.Echo.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	}
	// Each page size three times: after a change the log cannot name (the set computed, as every read did
	// before ADR 0195), after an edit of one activity (the kept set patched, ADR 0196) and kept (the
	// generation unchanged since the last read).
	for _, limit := range []int{2000, 200, 50} {
		b.Run(fmt.Sprintf("route-limit-%d-after-change", limit), func(b *testing.B) { timed(b, changed, route(limit)) })
		b.Run(fmt.Sprintf("route-limit-%d-after-edit", limit), func(b *testing.B) { timed(b, edited, route(limit)) })
		b.Run(fmt.Sprintf("route-limit-%d-kept", limit), func(b *testing.B) { timed(b, nil, route(limit)) })
	}
	b.Run("route-one-unit", func(b *testing.B) {
		var unit uuid.UUID
		env.DB.Raw("SELECT unit_id FROM activity_units LIMIT 1").Scan(&unit)
		url := "/api/v1/calendar?from=2027-03-01&to=2027-04-01&limit=2000&unit_id=" + unit.String()
		timed(b, nil, func() {
			req := httptest.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			rec := httptest.NewRecorder()
			env.Echo.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		})
	})
}
