// Command load is Kulttuurisilta's load generator. It only ever sends
// traffic to a server on this machine (the loopback range), for a bounded
// time, and reports throughput and latency percentiles per route.
//
// Scenarios:
//
//	foundation  closed loop, one route at a time, -connections clients each:
//	            bare Echo /healthz and the bare Echo+pgx 50-row page (the
//	            baseline server, -baseline), then the API's /healthz and the
//	            authenticated GET /api/v1/units?limit=50.
//	region      open loop at a fixed -rate: the real traffic mix (calendar
//	            months, .ics feed polls, list syncs with updated_since, cost
//	            writes, split and activity reports, now and then a calendar
//	            edit) next to /healthz, with
//	            latency measured from each request's scheduled time (so a
//	            slow server cannot hide its queueing). With -knee, the rate
//	            is searched instead: the highest at which every route keeps
//	            p95 under -p95 with no drops (the knee).
//
// Usage: go run ./bench/load -base http://127.0.0.1:8080 -scenario foundation
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// target is one route of a scenario.
type target struct {
	name   string
	weight int
	// build returns a request; it is called once per request.
	build func(r *rand.Rand) (*http.Request, error)
	// ok says whether the status counts as a success (default: 2xx).
	ok func(status int) bool
}

// result is one route's measurements.
type result struct {
	Name      string      `json:"route"`
	Requests  int         `json:"requests"`
	Errors    int         `json:"errors"`
	Dropped   int         `json:"dropped,omitempty"`
	RPS       float64     `json:"rps"`
	P50ms     float64     `json:"p50_ms"`
	P95ms     float64     `json:"p95_ms"`
	P99ms     float64     `json:"p99_ms"`
	MaxMs     float64     `json:"max_ms"`
	Statuses  map[int]int `json:"statuses"`
	Seconds   float64     `json:"seconds"`
	firstErrs []string
}

type recorder struct {
	mu        sync.Mutex
	lat       []time.Duration
	statuses  map[int]int
	errors    int
	dropped   int
	firstErrs []string
}

func newRecorder() *recorder { return &recorder{statuses: map[int]int{}} }

func (rc *recorder) add(d time.Duration, status int, ok bool, err error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.lat = append(rc.lat, d)
	rc.statuses[status]++
	if !ok || err != nil {
		rc.errors++
		if len(rc.firstErrs) < 3 {
			msg := fmt.Sprintf("status %d", status)
			if err != nil {
				msg = err.Error()
			}
			rc.firstErrs = append(rc.firstErrs, msg)
		}
	}
}

func (rc *recorder) result(name string, seconds float64) result {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	sort.Slice(rc.lat, func(i, j int) bool { return rc.lat[i] < rc.lat[j] })
	pct := func(p float64) float64 {
		if len(rc.lat) == 0 {
			return 0
		}
		i := int(p*float64(len(rc.lat))+0.5) - 1
		i = max(0, min(i, len(rc.lat)-1))
		return float64(rc.lat[i].Microseconds()) / 1000
	}
	r := result{Name: name, Requests: len(rc.lat), Errors: rc.errors, Dropped: rc.dropped, Statuses: rc.statuses,
		Seconds: seconds, P50ms: pct(.50), P95ms: pct(.95), P99ms: pct(.99), MaxMs: pct(1), firstErrs: rc.firstErrs}
	if seconds > 0 {
		r.RPS = float64(len(rc.lat)) / seconds
	}
	return r
}

var client *http.Client

func do(t target, r *rand.Rand) (int, error) {
	req, err := t.build(r)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func isOK(t target, status int) bool {
	if t.ok != nil {
		return t.ok(status)
	}
	return status >= 200 && status < 300
}

// closedLoop runs conns clients sending t back to back for d.
func closedLoop(ctx context.Context, t target, conns int, warmup, d time.Duration) result {
	rc := newRecorder()
	var measuring atomic.Bool
	ctx, cancel := context.WithTimeout(ctx, warmup+d)
	defer cancel()
	var wg sync.WaitGroup
	for i := range conns {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 7))
			for ctx.Err() == nil {
				start := time.Now()
				status, err := do(t, r)
				if ctx.Err() != nil {
					return
				}
				if measuring.Load() {
					rc.add(time.Since(start), status, isOK(t, status), err)
				}
			}
		}(uint64(i))
	}
	time.Sleep(warmup)
	measuring.Store(true)
	start := time.Now()
	wg.Wait()
	return rc.result(t.name, time.Since(start).Seconds())
}

// openLoop sends the weighted mix at a fixed rate for d. Each request's
// latency counts from when it was due; when maxInFlight requests are
// already waiting, a due request is dropped and counted as such.
func openLoop(ctx context.Context, targets []target, rate float64, maxInFlight int, d time.Duration) []result {
	recs := make([]*recorder, len(targets))
	total := 0
	for i, t := range targets {
		recs[i] = newRecorder()
		total += t.weight
	}
	pick := func(r *rand.Rand) int {
		n := r.IntN(total)
		for i, t := range targets {
			if n < t.weight {
				return i
			}
			n -= t.weight
		}
		return len(targets) - 1
	}
	sem := make(chan struct{}, maxInFlight)
	r := rand.New(rand.NewPCG(42, 42))
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; ; i++ {
		due := start.Add(time.Duration(i) * interval)
		if due.Sub(start) >= d || ctx.Err() != nil {
			break
		}
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		ti := pick(r)
		select {
		case sem <- struct{}{}:
		default:
			recs[ti].mu.Lock()
			recs[ti].dropped++
			recs[ti].mu.Unlock()
			continue
		}
		seed := r.Uint64()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			status, err := do(targets[ti], rand.New(rand.NewPCG(seed, 1)))
			recs[ti].add(time.Since(due), status, isOK(targets[ti], status), err)
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	out := make([]result, len(targets))
	for i, t := range targets {
		out[i] = recs[i].result(t.name, secs)
	}
	return out
}

// loopbackOnly refuses any base URL that is not on this machine.
func loopbackOnly(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	host := u.Hostname()
	if host == "localhost" {
		return u, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("%s is not a loopback address: this tool only loads servers on this machine", raw)
	}
	return u, nil
}

func printResults(w io.Writer, title string, rs []result) {
	fmt.Fprintf(w, "\n%s\n", title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\terrors\tdropped\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.1f\t%d\t%d\t\n", r.Name, r.Requests, r.RPS, r.P50ms, r.P95ms,
			r.P99ms, r.MaxMs, r.Errors, r.Dropped)
	}
	tw.Flush()
	for _, r := range rs {
		if len(r.firstErrs) > 0 {
			fmt.Fprintf(w, "  %s: first errors: %s; statuses %v\n", r.Name, strings.Join(r.firstErrs, "; "), r.Statuses)
		}
	}
}

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "the API (loopback only)")
	baseline := flag.String("baseline", "", "the bare Echo+pgx baseline server (bench/baseline; loopback only)")
	scenario := flag.String("scenario", "foundation", "foundation or region")
	duration := flag.Duration("duration", 15*time.Second, "measured time per phase (foundation) or of the mix (region)")
	warmup := flag.Duration("warmup", 2*time.Second, "unmeasured warm-up per phase (foundation)")
	conns := flag.Int("connections", 32, "clients (foundation, closed loop)")
	rate := flag.Float64("rate", 200, "requests per second (region, open loop)")
	inflight := flag.Int("max-inflight", 256, "requests waiting at most (region); more are dropped and counted")
	email := flag.String("email", "producer@demo.fi", "login")
	password := flag.String("password", "demo-password", "password")
	jsonOut := flag.String("json", "", "also write the results as JSON to this file")
	mixWarmup := flag.Duration("mix-warmup", 5*time.Second, "region: unmeasured run of the mix at the first rate before it is measured (the kept reads are computed again after the edits measured alone)")
	editWeight := flag.Int("edit-weight", 0, "region: weight of the calendar edits in the mix, out of 950 for the other routes (0, the default: none, the mix of issue 21; 1: at 100 req/s one every 10 s)")
	soloTime := flag.Duration("solo", 5*time.Second, "region: time per route measured alone before the mix")
	knee := flag.Bool("knee", false, "region: search the highest rate at which every route keeps p95 < -p95 with no drops or errors, instead of one -rate")
	kneeFrom := flag.Float64("knee-from", 20, "region -knee: the first rate tried (req/s)")
	kneeTo := flag.Float64("knee-to", 400, "region -knee: the highest rate tried (req/s)")
	kneeStep := flag.Float64("knee-resolution", 5, "region -knee: stop bisecting when the bracket is this narrow (req/s)")
	p95Limit := flag.Duration("p95", 100*time.Millisecond, "region -knee: the p95 every route must keep")
	flag.Parse()

	if *duration > 10*time.Minute {
		fatal(errors.New("-duration is capped at 10m"))
	}
	api, err := loopbackOnly(*base)
	if err != nil {
		fatal(err)
	}
	var bl *url.URL
	if *baseline != "" {
		if bl, err = loopbackOnly(*baseline); err != nil {
			fatal(err)
		}
	}
	client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute, DisableCompression: true}}

	ctx := context.Background()
	s := &session{base: api}
	if err := s.login(*email, *password); err != nil {
		fatal(err)
	}
	report := map[string]any{"scenario": *scenario, "base": api.String(), "started_at": time.Now().UTC()}
	switch *scenario {
	case "foundation":
		var rs []result
		for _, t := range s.foundationTargets(bl) {
			r := closedLoop(ctx, t, *conns, *warmup, *duration)
			fmt.Fprintf(os.Stderr, "  %s: %.0f req/s\n", t.name, r.RPS)
			rs = append(rs, r)
		}
		printResults(os.Stdout, fmt.Sprintf("foundation: closed loop, %d connections, %s per route", *conns, *duration), rs)
		printRatios(os.Stdout, rs)
		report["connections"], report["duration_s"], report["results"] = *conns, duration.Seconds(), rs
	case "region":
		targets, skipped, err := s.regionTargets(*editWeight)
		if err != nil {
			fatal(err)
		}
		for _, sk := range skipped {
			fmt.Fprintln(os.Stderr, "  skipped:", sk)
		}
		// Each route alone first: one client, back to back, so the latency
		// is the route's own cost, not queueing behind the others.
		var solo []result
		for _, t := range targets {
			solo = append(solo, closedLoop(ctx, t, 1, 500*time.Millisecond, *soloTime))
		}
		printResults(os.Stdout, fmt.Sprintf("region, each route alone: 1 client, %s per route", *soloTime), solo)
		report["solo"], report["skipped"], report["duration_s"] = solo, skipped, duration.Seconds()
		first := *rate
		if *knee {
			first = *kneeFrom
		}
		_ = openLoop(ctx, targets, first, *inflight, *mixWarmup)
		if *knee {
			steps, best := searchKnee(ctx, targets, kneeSearch{from: *kneeFrom, to: *kneeTo, resolution: *kneeStep,
				p95: *p95Limit, inflight: *inflight, d: *duration})
			report["knee"], report["knee_p95_ms"], report["steps"] = best, float64(p95Limit.Microseconds())/1000, steps
			break
		}
		rs := openLoop(ctx, targets, *rate, *inflight, *duration)
		printResults(os.Stdout, fmt.Sprintf("region mix: open loop, %.0f req/s offered, %s", *rate, *duration), rs)
		report["rate"], report["results"] = *rate, rs
	default:
		fatal(fmt.Errorf("unknown scenario %q", *scenario))
	}
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(report, "", "  ")
		if err := os.WriteFile(*jsonOut, b, 0o600); err != nil {
			fatal(err)
		}
	}
}

// kneeSearch is the range and the criterion of a knee search.
type kneeSearch struct {
	from, to, resolution float64
	p95                  time.Duration
	inflight             int
	d                    time.Duration
}

// kneeStep is one rate tried and what it showed.
type kneeStep struct {
	Rate    float64  `json:"rate"`
	Holds   bool     `json:"holds"`
	Why     string   `json:"why,omitempty"`
	Results []result `json:"results"`
}

// holds says whether a run of the mix kept every route's p95 under the
// limit with no drops and no errors, and if not, the first route that did
// not.
func holds(rs []result, limit time.Duration) (bool, string) {
	lim := float64(limit.Microseconds()) / 1000
	for _, r := range rs {
		switch {
		case r.Dropped > 0:
			return false, fmt.Sprintf("%s: %d dropped", r.Name, r.Dropped)
		case r.Errors > 0:
			return false, fmt.Sprintf("%s: %d errors", r.Name, r.Errors)
		case r.P95ms >= lim:
			return false, fmt.Sprintf("%s: p95 %.0f ms", r.Name, r.P95ms)
		}
	}
	return true, ""
}

// searchKnee finds the knee of the mix: the highest offered rate at which
// every route keeps p95 under the limit with nothing dropped. It raises the
// rate by half from k.from until a run fails (or k.to holds), then bisects
// between the last rate that held and the first that failed down to
// k.resolution. Each rate is one open-loop run of k.d. It prints every step
// and the knee, and returns them (0: not even k.from holds).
func searchKnee(ctx context.Context, targets []target, k kneeSearch) ([]kneeStep, float64) {
	var steps []kneeStep
	try := func(rate float64) bool {
		rs := openLoop(ctx, targets, rate, k.inflight, k.d)
		ok, why := holds(rs, k.p95)
		steps = append(steps, kneeStep{Rate: rate, Holds: ok, Why: why, Results: rs})
		verdict := "holds"
		if !ok {
			verdict = "fails (" + why + ")"
		}
		printResults(os.Stdout, fmt.Sprintf("region mix: open loop, %.0f req/s offered, %s: %s", rate, k.d, verdict), rs)
		fmt.Fprintf(os.Stderr, "  knee search: %.0f req/s %s\n", rate, verdict)
		return ok
	}
	lo, hi := 0.0, 0.0 // lo holds, hi fails (0: not yet known)
	for r := k.from; ; r = min(r*1.5, k.to) {
		if !try(r) {
			hi = r
			break
		}
		lo = r
		if r >= k.to {
			break
		}
	}
	if hi > 0 && lo == 0 {
		// Not even the first rate holds: look below it too.
		lo, hi = 0, k.from
	}
	for hi > 0 && hi-lo > k.resolution && ctx.Err() == nil {
		mid := (lo + hi) / 2
		if mid < k.resolution {
			break
		}
		if try(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	fmt.Fprintf(os.Stdout, "\nknee: %.0f req/s (every route p95 < %s, no drops, no errors; %d runs of %s", lo, k.p95, len(steps), k.d)
	if hi > 0 {
		fmt.Fprintf(os.Stdout, "; %.0f req/s fails", hi)
	} else {
		fmt.Fprintf(os.Stdout, "; the highest rate tried")
	}
	fmt.Fprintln(os.Stdout, ")")
	return steps, lo
}

func printRatios(w io.Writer, rs []result) {
	by := map[string]result{}
	for _, r := range rs {
		by[r.Name] = r
	}
	ratio := func(a, b string) {
		x, okx := by[a]
		y, oky := by[b]
		if okx && oky && y.RPS > 0 {
			fmt.Fprintf(w, "ratio %s / %s = %.2f\n", a, b, x.RPS/y.RPS)
		}
	}
	fmt.Fprintln(w)
	ratio("api GET /api/v1/units?limit=50", "bare echo+pgx GET /units (50 rows)")
	ratio("api GET /api/v1/units?limit=50 (gzip)", "bare echo+pgx GET /units (50 rows, gzip)")
	ratio("api GET /healthz", "bare echo GET /healthz")
	ratio("api GET /api/v1/units?limit=50", "api GET /healthz")
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "load:", err)
	os.Exit(1)
}
