//go:build fault

package faulttest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// load runs workers sending a mix of unit reads and unit creations (the
// writes a client must never lose) until stop is closed.
func load(s *server, token string, workers int, stop <-chan struct{}, seq *atomic.Int64) []outcome {
	var mu sync.Mutex
	var all []outcome
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var o outcome
				if (i+w)%3 == 0 {
					n := seq.Add(1)
					o = call(http.MethodPost, s.base+"/api/v1/units", token, map[string]any{
						"name": fmt.Sprintf("fault-%06d", n), "kind": "care_home", "organisation": "Fault test",
						"sector": "public"})
				} else {
					o = call(http.MethodGet, s.base+"/api/v1/units?limit=50", token, nil)
				}
				mu.Lock()
				all = append(all, o)
				mu.Unlock()
				if o.status != 200 && o.status != 201 {
					time.Sleep(20 * time.Millisecond) // a client backing off a little
				}
			}
		}()
	}
	wg.Wait()
	return all
}

// acknowledged are the ids of writes the API answered 201.
func acknowledged(os []outcome) map[string]bool {
	ids := map[string]bool{}
	for _, o := range os {
		if o.status == http.StatusCreated && o.id != "" {
			ids[o.id] = true
		}
	}
	return ids
}

// storedUnits are the ids of the units the load test created.
func storedUnits(t *testing.T, dbURL string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT id::text FROM units WHERE organisation = 'Fault test'`)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// checkNoLostWrites compares what was acknowledged with what is stored.
func checkNoLostWrites(t *testing.T, dbURL string, outs []outcome) (acked, stored, unacked int) {
	t.Helper()
	ack := acknowledged(outs)
	have := storedUnits(t, dbURL)
	lost := 0
	for id := range ack {
		if !have[id] {
			lost++
		}
	}
	for id := range have {
		if !ack[id] {
			unacked++ // committed, but the answer never reached the client
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged writes are missing from the database", lost, len(ack))
	}
	return len(ack), len(have), unacked
}

// TestFaultPostgresRestartUnderLoad restarts the API's PostgreSQL twice
// while 16 clients read and write: once with a fast shutdown, once with an
// immediate one (a crash: no checkpoint, recovery from the WAL). While the
// database is down, /readyz answers 503 and requests fail fast with 503 (or
// 504) problems carrying Retry-After; never a 500, never a hang. When it is
// back the API recovers by itself, and every write it acknowledged is in
// the database.
func TestFaultPostgresRestartUnderLoad(t *testing.T) {
	pg := newCluster(t)
	dbURL := pg.database("ks_fault")
	s := startServer(t, dbURL, "DB_STATEMENT_TIMEOUT=5s")
	token := s.login("admin@demo.fi")

	for _, mode := range []string{"stop", "kill"} {
		t.Run(mode, func(t *testing.T) {
			stop := make(chan struct{})
			var seq atomic.Int64
			seq.Store(time.Now().UnixNano() % 1_000_000_000)
			var outs []outcome
			done := make(chan struct{})
			go func() { outs = load(s, token, 16, stop, &seq); close(done) }()

			time.Sleep(3 * time.Second)
			downAt := time.Now()
			pg.ctl(mode)
			// While it is down: readiness says so, requests fail fast.
			time.Sleep(500 * time.Millisecond)
			ready := call(http.MethodGet, s.base+"/readyz", "", nil)
			if ready.status != http.StatusServiceUnavailable {
				t.Errorf("/readyz while the database is down: %d, want 503", ready.status)
			}
			time.Sleep(2500 * time.Millisecond)
			upAt := time.Now()
			pg.ctl("start")
			recovered := waitStatus(s.base+"/readyz", 200, 20*time.Second)
			recoveredAfter := time.Since(upAt)
			if !recovered {
				t.Fatalf("the API did not become ready within 20s of the database's return")
			}
			time.Sleep(3 * time.Second) // load on the recovered API
			close(stop)
			<-done

			var during, after []outcome
			var slowest time.Duration
			for _, o := range outs {
				if o.at.After(downAt.Add(200*time.Millisecond)) && o.at.Before(upAt) {
					during = append(during, o)
					slowest = max(slowest, o.dur)
				}
				if o.at.After(upAt.Add(recoveredAfter + time.Second)) {
					after = append(after, o)
				}
			}
			for _, o := range outs {
				switch {
				case o.status == 200 || o.status == 201:
				case o.status == 503 || o.status == 504:
					if !o.problem {
						t.Errorf("a %d without a problem body", o.status)
					}
					if o.status == 503 && !o.retry {
						t.Errorf("a 503 without Retry-After")
					}
				case o.err != nil:
					t.Errorf("transport error: %v", o.err)
				default:
					t.Errorf("status %d under a database restart, want 2xx, 503 or 504", o.status)
				}
			}
			failedDuring := 0
			for _, o := range during {
				if o.status == 503 || o.status == 504 {
					failedDuring++
				}
			}
			if failedDuring == 0 {
				t.Errorf("no request failed while the database was down (%d sent)", len(during))
			}
			if slowest > 3*time.Second {
				t.Errorf("a request took %s while the database was down: not failing fast", slowest)
			}
			for _, o := range after {
				if o.status != 200 && o.status != 201 {
					t.Errorf("after recovery: status %d", o.status)
					break
				}
			}
			acked, stored, unacked := checkNoLostWrites(t, dbURL, outs)
			t.Logf("fault %s: %d requests %v; %d while down (slowest %s); ready again %.1fs after the database; "+
				"%d after recovery all 2xx; writes acknowledged %d, stored %d (of them %d never acknowledged), lost 0",
				mode, len(outs), summary(outs), len(during), slowest.Round(time.Millisecond), recoveredAfter.Seconds(),
				len(after), acked, stored, unacked)
			// Next round counts only its own writes.
			conn, err := pgx.Connect(context.Background(), dbURL)
			if err == nil {
				_, _ = conn.Exec(context.Background(), `UPDATE units SET organisation = 'Fault test (done)' WHERE organisation = 'Fault test'`)
				conn.Close(context.Background())
			}
		})
	}
}

// TestFaultSIGTERMUnderLoad sends SIGTERM while 16 clients keep the API
// busy and five slow uploads are half-way through their bodies. The
// requests in flight finish (the slow uploads get their 201), the process
// exits 0 within the drain timeout, and every acknowledged write is stored.
func TestFaultSIGTERMUnderLoad(t *testing.T) {
	pg := newCluster(t)
	dbURL := pg.database("ks_fault")
	s := startServer(t, dbURL, "SHUTDOWN_TIMEOUT=20s")
	token := s.login("admin@demo.fi")

	stop := make(chan struct{})
	var seq atomic.Int64
	var outs []outcome
	done := make(chan struct{})
	go func() { outs = load(s, token, 16, stop, &seq); close(done) }()

	// Slow uploads: the body arrives over three seconds.
	slow := make([]outcome, 5)
	var wg sync.WaitGroup
	for i := range slow {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pr, pw := io.Pipe()
			go func() {
				body := fmt.Sprintf(`{"name": "fault-slow-%d-%d", "kind": "day_centre", "organisation": "Fault test", "sector": "public"}`,
					i, time.Now().UnixNano())
				for j := 0; j < len(body); j += len(body)/6 + 1 {
					_, _ = pw.Write([]byte(body[j:min(len(body), j+len(body)/6+1)]))
					time.Sleep(500 * time.Millisecond)
				}
				pw.Close()
			}()
			req, _ := http.NewRequest(http.MethodPost, s.base+"/api/v1/units", pr)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			start := time.Now()
			resp, err := http.DefaultClient.Do(req)
			o := outcome{at: start, err: err}
			if err == nil {
				o.status = resp.StatusCode
				resp.Body.Close()
			}
			o.dur = time.Since(start)
			slow[i] = o
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	termAt := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitErr error
	select {
	case exitErr = <-s.done:
	case <-time.After(25 * time.Second):
		t.Fatal("the server did not exit within 25s of SIGTERM")
	}
	exitedAfter := time.Since(termAt)
	close(stop)
	<-done
	wg.Wait()
	if exitErr != nil {
		t.Errorf("exit after SIGTERM: %v, want status 0", exitErr)
	}
	for i, o := range slow {
		if o.status != http.StatusCreated {
			t.Errorf("slow upload %d in flight at SIGTERM: status %d, err %v; want 201", i, o.status, o.err)
		}
	}
	// Before SIGTERM every answer is a success; after it, new requests are
	// refused at the socket (connection refused/closed), never answered 5xx.
	var before, refused int
	for _, o := range outs {
		switch {
		case o.at.Before(termAt) && o.err == nil && o.status != 200 && o.status != 201:
			t.Errorf("status %d before SIGTERM", o.status)
		case o.status >= 500:
			t.Errorf("status %d while draining", o.status)
		case o.err != nil:
			refused++
		}
		if o.at.Before(termAt) {
			before++
		}
	}
	acked, stored, unacked := checkNoLostWrites(t, dbURL, outs)
	if !acknowledgedAll(t, dbURL, 5) {
		t.Errorf("the slow uploads are not all stored")
	}
	t.Logf("fault sigterm: %d requests %v (%d before SIGTERM, %d refused at the socket after it); 5 slow uploads in flight: %v; "+
		"exited %.2fs after SIGTERM; writes acknowledged %d, stored %d (%d never acknowledged), lost 0",
		len(outs), summary(outs), before, refused, summary(slow), exitedAfter.Seconds(), acked, stored-5, unacked-5)
}

func acknowledgedAll(t *testing.T, dbURL string, want int) bool {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM units WHERE name LIKE 'fault-slow-%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == want
}

// TestFaultSlowDatabase holds an exclusive lock on the units table from
// another connection for eight seconds while clients read units. With
// DB_STATEMENT_TIMEOUT=1s every blocked request ends as a 504 (or 503)
// problem in about a second, instead of hanging; /healthz stays fast
// (no worker is stuck); and once the lock is gone reads succeed at once.
func TestFaultSlowDatabase(t *testing.T) {
	pg := newCluster(t)
	dbURL := pg.database("ks_fault")
	s := startServer(t, dbURL, "DB_STATEMENT_TIMEOUT=1s", "DB_MAX_CONNS=8")
	token := s.login("producer@demo.fi")
	// Warm every pooled connection first, so the test covers all of them.
	var warm sync.WaitGroup
	for range 16 {
		warm.Add(1)
		go func() { defer warm.Done(); call(http.MethodGet, s.base+"/api/v1/units?limit=50", token, nil) }()
	}
	warm.Wait()

	ctx := context.Background()
	locker, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close(ctx)
	tx, err := locker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE units IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	lockedAt := time.Now()
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(8 * time.Second)
		_ = tx.Rollback(ctx)
		released <- time.Now()
	}()

	var mu sync.Mutex
	var reads, health []outcome
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Since(lockedAt) < 6*time.Second {
				o := call(http.MethodGet, s.base+"/api/v1/units?limit=50", token, nil)
				mu.Lock()
				reads = append(reads, o)
				mu.Unlock()
			}
		}()
	}
	for time.Since(lockedAt) < 6*time.Second {
		o := call(http.MethodGet, s.base+"/healthz", "", nil)
		health = append(health, o)
		time.Sleep(200 * time.Millisecond)
	}
	wg.Wait()
	releasedAt := <-released
	afterRelease := call(http.MethodGet, s.base+"/api/v1/units?limit=50", token, nil)

	var durs []time.Duration
	for _, o := range reads {
		durs = append(durs, o.dur)
		if o.status != 504 && o.status != 503 {
			t.Errorf("read blocked by the lock: status %d (err %v) after %s, want 504/503", o.status, o.err, o.dur)
			continue
		}
		if !o.problem {
			t.Errorf("a %d without a problem body", o.status)
		}
	}
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	if len(durs) == 0 {
		t.Fatal("no reads")
	}
	p50, p99 := durs[len(durs)/2], durs[len(durs)*99/100]
	// The lock is held 8 s: a read the statement timeout did not end would wait for the release. 5 s
	// leaves room for a 2-core machine shared with other work (p99 3.2 s seen at load 30) and still
	// tells the two apart; the 504s above say the timeout fired.
	if p99 > 5*time.Second {
		t.Errorf("blocked reads took up to %s (p99); the 1s statement timeout should end them", p99)
	}
	var slowestHealth time.Duration
	for _, o := range health {
		if o.status != 200 {
			t.Errorf("/healthz during the lock: %d", o.status)
		}
		slowestHealth = max(slowestHealth, o.dur)
	}
	if slowestHealth > 500*time.Millisecond {
		t.Errorf("/healthz took %s during the lock", slowestHealth)
	}
	if afterRelease.status != 200 || afterRelease.dur > time.Second {
		t.Errorf("after the lock: status %d in %s, want 200 at once", afterRelease.status, afterRelease.dur)
	}
	t.Logf("fault slow-db: %d reads blocked by a lock, %v, latency p50 %s p99 %s; %d /healthz all 200, slowest %s; "+
		"first read after release %d in %s (%.2fs after)", len(reads), summary(reads), p50.Round(time.Millisecond),
		p99.Round(time.Millisecond), len(health), slowestHealth.Round(time.Millisecond), afterRelease.status,
		afterRelease.dur.Round(time.Millisecond), time.Since(releasedAt).Seconds())
}
