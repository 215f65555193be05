package budget_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/app"
	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
)

// writeAgreement creates, in SQL, an agreement of two departments (50/50,
// a category rule) over 2025-2026 and a unit, for the write benchmarks.
func writeAgreement(b *testing.B, db *gorm.DB) (uuid.UUID, uuid.UUID) {
	b.Helper()
	id, d1, d2, unit := database.NewID(), database.NewID(), database.NewID(), database.NewID()
	sfx := id.String()[24:]
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO departments (id, name, code, kind, organisation) VALUES ('%s', 'Sote %s', 'S-%s', 'social_care', 'HVA'), ('%s', 'Kult %s', 'K-%s', 'culture', 'Kunta')`, d1, sfx, sfx, d2, sfx, sfx),
		fmt.Sprintf(`INSERT INTO agreements (id, name, starts_on, ends_on) VALUES ('%s', 'write bench %s', '2025-01-01', '2026-12-31')`, id, sfx),
		fmt.Sprintf(`INSERT INTO agreement_departments VALUES ('%s', '%s', 0, 5000, 100000000), ('%s', '%s', 1, 5000, 100000000)`, id, d1, id, d2),
		fmt.Sprintf(`INSERT INTO agreement_category_shares VALUES ('%s', 'venue', '{3000,7000}')`, id),
		fmt.Sprintf(`INSERT INTO units (id, name, kind, organisation, sector) VALUES ('%s', 'write bench unit %s', 'care_home', 'HVA', 'public')`, unit, sfx),
	} {
		if err := db.Exec(q).Error; err != nil {
			b.Fatalf("%s: %v", q[:40], err)
		}
	}
	return id, unit
}

// BenchmarkCostWrite measures what keeping the split's totals adds to a
// cost write (ADR 0130): each iteration creates one entry through the
// store on a database with the totals (the delta row, the
// transaction-local setting, the costs triggers, a fold after about every
// 64th write) and one through the store without them on a database
// without the costs triggers, back to back in alternating order. It
// reports both means and the overhead in per cent.
//
//	go test ./api/internal/budget -run '^$' -bench CostWrite -benchtime 2000x
func BenchmarkCostWrite(b *testing.B) {
	with, without := dbtest.New(b), dbtest.New(b)
	for _, trg := range []string{"costs_totals_insert", "costs_totals_update", "costs_totals_delete"} {
		if err := without.Exec(`DROP TRIGGER ` + trg + ` ON costs`).Error; err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	type variant struct {
		store budget.Store
		in    budget.CostInput
		took  time.Duration
		each  []time.Duration
	}
	vs := []*variant{{store: budget.Store{DB: with}}, {store: budget.WithoutTotals(budget.Store{DB: without})}}
	for _, v := range vs {
		id, unit := writeAgreement(b, v.store.DB)
		day, _ := civil.ParseDate("2026-06-15")
		v.in = budget.CostInput{AgreementID: id, IncurredOn: day, Category: "salary", Description: "write bench", UnitID: &unit}
		for i := range 100 { // warm the connections and the caches
			v.in.AmountCents = int64(1000 + i)
			if _, _, _, err := v.store.CreateCost(ctx, v.in); err != nil {
				b.Fatal(err)
			}
		}
	}
	i := 0
	for b.Loop() {
		order := vs
		if i%2 == 1 {
			order = []*variant{vs[1], vs[0]}
		}
		for _, v := range order {
			v.in.AmountCents = int64(12345 + i)
			v.in.Category = budget.Categories[i%len(budget.Categories)]
			t0 := time.Now()
			if _, _, _, err := v.store.CreateCost(ctx, v.in); err != nil {
				b.Fatal(err)
			}
			d := time.Since(t0)
			v.took += d
			v.each = append(v.each, d)
		}
		i++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	med := func(v *variant) time.Duration { slices.Sort(v.each); return v.each[len(v.each)/2] }
	b.ReportMetric(ms(vs[0].took)/float64(b.N), "with-ms")
	b.ReportMetric(ms(vs[1].took)/float64(b.N), "without-ms")
	b.ReportMetric((float64(vs[0].took)/float64(vs[1].took)-1)*100, "overhead-%")
	mw, mo := med(vs[0]), med(vs[1])
	b.ReportMetric(ms(mw), "with-p50-ms")
	b.ReportMetric(ms(mo), "without-p50-ms")
	b.ReportMetric((float64(mw)/float64(mo)-1)*100, "p50-overhead-%")
}

// BenchmarkConcurrentCostWrites sends POST /costs through the whole API
// (HTTP on loopback, authentication, JSON, a pool of 20 connections as
// `serve` has) from 50 writers at once, open loop: each writer sends one
// write every 50/rate seconds (staggered), for KS_WRITERS_DURATION (10 s by
// default), latency counted from each write's scheduled time. Two cases in
// the same run, alternating:
//
//   - one-row: every write into one agreement, month, category and unit,
//     so every write's change is to the same totals row;
//   - spread: each writer its own agreement (no row shared at all), the
//     baseline.
//
// It reports p50/p95/p99 of each and lock-waits: the share of samples (every
// 5 ms) of the database's backends that were waiting for a lock held by
// another transaction. No hot row means one-row is like spread, with no
// lock waits.
//
//	go test ./api/internal/budget -run '^$' -bench ConcurrentCostWrites -benchtime 1x
func BenchmarkConcurrentCostWrites(b *testing.B) {
	env := apitest.New(b)
	dur := 10 * time.Second
	if d, err := time.ParseDuration(os.Getenv("KS_WRITERS_DURATION")); err == nil {
		dur = d
	}
	rates := []int{100}
	if r := os.Getenv("KS_WRITERS_RATES"); r != "" {
		rates = nil
		for _, f := range strings.Split(r, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("KS_WRITERS_RATES: %v", err)
			}
			rates = append(rates, n)
		}
	}
	db, err := database.Open(context.Background(), env.URL, database.Options{MaxOpenConns: 20})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { database.Close(db) })
	zone, _ := time.LoadLocation("Europe/Helsinki")
	srv := httptest.NewServer(app.New(app.Deps{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Auth: env.Auth,
		CalendarZone: zone}))
	b.Cleanup(srv.Close)
	token := env.Token(access.RoleProducer)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}

	const writers = 50
	one, oneUnit := writeAgreement(b, env.DB)
	spread := make([]uuid.UUID, writers)
	for i := range spread {
		spread[i], _ = writeAgreement(b, env.DB)
	}
	month := time.Now().In(zone).Format("2006-01") // the current month: open, never approvable yet
	post := func(agreement uuid.UUID, unit *uuid.UUID, i int) error {
		body := fmt.Sprintf(`{"agreement_id":%q,"incurred_on":"%s-%02d","amount_cents":%d,"category":"salary","description":"concurrent"`,
			agreement, month, 1+i%28, 1000+i)
		if unit != nil {
			body += fmt.Sprintf(`,"unit_id":%q`, *unit)
		}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/costs", strings.NewReader(body+"}"))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
	run := func(rate int, target func(w int) (uuid.UUID, *uuid.UUID)) (lat []time.Duration, lockWaits float64) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		var failed atomic.Int64
		stop := make(chan struct{})
		var samples, waiting atomic.Int64
		go func() { // lock waits of this database's backends
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				var n, w int64
				if err := env.DB.Raw(`SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock') FROM pg_stat_activity
					WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`).
					Row().Scan(&n, &w); err == nil {
					samples.Add(n)
					waiting.Add(w)
				}
			}
		}()
		every := time.Duration(float64(time.Second) * writers / float64(rate))
		start := time.Now()
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				agreement, unit := target(w)
				for k := 0; ; k++ {
					at := start.Add(every*time.Duration(k) + every*time.Duration(w)/writers)
					if at.Sub(start) >= dur {
						return
					}
					time.Sleep(time.Until(at))
					if err := post(agreement, unit, w*100000+k); err != nil {
						failed.Add(1)
						continue
					}
					d := time.Since(at)
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(stop)
		if f := failed.Load(); f > 0 {
			b.Fatalf("%d writes failed", f)
		}
		if s := samples.Load(); s > 0 {
			lockWaits = float64(waiting.Load()) / float64(s)
		}
		slices.Sort(lat)
		return lat, lockWaits
	}
	pct := func(lat []time.Duration, p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	for _, rate := range rates {
		b.Run(fmt.Sprintf("rate=%d", rate), func(b *testing.B) {
			for b.Loop() {
				for _, c := range []struct {
					name   string
					target func(w int) (uuid.UUID, *uuid.UUID)
				}{
					{"one-row", func(int) (uuid.UUID, *uuid.UUID) { return one, &oneUnit }},
					{"spread", func(w int) (uuid.UUID, *uuid.UUID) { return spread[w], nil }},
				} {
					lat, waits := run(rate, c.target)
					b.ReportMetric(pct(lat, 0.5), c.name+"-p50-ms")
					b.ReportMetric(pct(lat, 0.95), c.name+"-p95-ms")
					b.ReportMetric(pct(lat, 0.99), c.name+"-p99-ms")
					b.ReportMetric(waits, c.name+"-lock-waits")
					b.ReportMetric(float64(len(lat))/dur.Seconds(), c.name+"-writes/s")
				}
			}
		})
	}
}
