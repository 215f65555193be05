package gencache_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"kulttuurisilta/api/internal/gencache"
)

func TestGet(t *testing.T) {
	boom := errors.New("boom")
	type step struct {
		key     string
		gen     int64
		fails   bool
		want    string // the value Get returns
		builds  bool   // whether build ran
		wantErr bool
	}
	tests := []struct {
		name  string
		max   int
		steps []step
	}{
		{"the same generation is served again", 4, []step{
			{key: "m", gen: 1, want: "m@1", builds: true},
			{key: "m", gen: 1, want: "m@1"},
		}},
		{"a new generation computes anew and is kept", 4, []step{
			{key: "m", gen: 1, want: "m@1", builds: true},
			{key: "m", gen: 2, want: "m@2", builds: true},
			{key: "m", gen: 2, want: "m@2"},
		}},
		{"an older snapshot computes for itself and leaves the newer value", 4, []step{
			{key: "m", gen: 2, want: "m@2", builds: true},
			{key: "m", gen: 1, want: "m@1", builds: true},
			{key: "m", gen: 2, want: "m@2"},
		}},
		{"a failure is not kept", 4, []step{
			{key: "m", gen: 1, fails: true, builds: true, wantErr: true},
			{key: "m", gen: 1, want: "m@1", builds: true},
			{key: "m", gen: 1, want: "m@1"},
		}},
		{"keys are apart", 4, []step{
			{key: "a", gen: 1, want: "a@1", builds: true},
			{key: "b", gen: 1, want: "b@1", builds: true},
			{key: "a", gen: 1, want: "a@1"},
		}},
		{"the least recently used goes first", 2, []step{
			{key: "a", gen: 1, want: "a@1", builds: true},
			{key: "b", gen: 1, want: "b@1", builds: true},
			{key: "a", gen: 1, want: "a@1"},
			{key: "c", gen: 1, want: "c@1", builds: true}, // b goes
			{key: "a", gen: 1, want: "a@1"},
			{key: "b", gen: 1, want: "b@1", builds: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := gencache.New[string, string](tt.max)
			for i, s := range tt.steps {
				built := false
				got, err := c.Get(s.key, s.gen, func() (string, error) {
					built = true
					if s.fails {
						return "", boom
					}
					return fmt.Sprintf("%s@%d", s.key, s.gen), nil
				})
				if (err != nil) != s.wantErr || got != s.want || built != s.builds {
					t.Fatalf("step %d: got %q, %v, built %v; want %q, error %v, built %v", i, got, err, built, s.want, s.wantErr, s.builds)
				}
			}
		})
	}
}

func TestNilKeepsNothing(t *testing.T) {
	var c *gencache.Cache[string, int]
	n := 0
	for range 3 {
		if _, err := c.Get("k", 1, func() (int, error) { n++; return n, nil }); err != nil {
			t.Fatal(err)
		}
	}
	if hits, misses := c.Stats(); n != 3 || hits != 0 || misses != 0 {
		t.Fatalf("builds %d, stats %d/%d", n, hits, misses)
	}
}

// TestConcurrentReadersComputeOnce: readers of one key and generation
// that arrive while it is computed wait for that computation.
func TestConcurrentReadersComputeOnce(t *testing.T) {
	c := gencache.New[string, int](4)
	var builds atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]int, 16)
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[0], _ = c.Get("k", 7, func() (int, error) {
			close(started)
			builds.Add(1)
			<-release
			return 42, nil
		})
	}()
	<-started
	for i := 1; i < len(results); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = c.Get("k", 7, func() (int, error) { builds.Add(1); return -1, nil })
		}()
	}
	close(release)
	wg.Wait()
	if builds.Load() != 1 {
		t.Fatalf("%d builds, want 1", builds.Load())
	}
	for i, r := range results {
		if r != 42 {
			t.Fatalf("reader %d got %d", i, r)
		}
	}
	if hits, misses := c.Stats(); hits != 15 || misses != 1 {
		t.Fatalf("stats %d hits, %d misses", hits, misses)
	}
}

// TestPanicKeepsNothing: a computation that panics leaves no entry behind,
// and the next reader computes.
func TestPanicKeepsNothing(t *testing.T) {
	c := gencache.New[string, int](4)
	func() {
		defer func() { _ = recover() }()
		_, _ = c.Get("k", 1, func() (int, error) { panic("boom") })
	}()
	v, err := c.Get("k", 1, func() (int, error) { return 5, nil })
	if err != nil || v != 5 {
		t.Fatalf("got %d, %v", v, err)
	}
	if v, _ := c.Get("k", 1, func() (int, error) { return -1, nil }); v != 5 {
		t.Fatalf("the value computed after the panic is not kept: %d", v)
	}
}

// TestUpdateHandsTheOlderValue: Update's build gets the value kept at an
// older generation (and that generation), and nothing when none is kept,
// when the older computation failed, or for a reader on an older snapshot.
func TestUpdateHandsTheOlderValue(t *testing.T) {
	type call struct {
		gen      int64
		fails    bool
		wantPrev string // "" for none
		wantGen  int64
	}
	tests := []struct {
		name  string
		calls []call
	}{
		{"nothing kept", []call{{gen: 1}}},
		{"an older value is handed over", []call{{gen: 1}, {gen: 3, wantPrev: "v@1", wantGen: 1}}},
		{"each update builds on the last", []call{{gen: 1}, {gen: 2, wantPrev: "v@1", wantGen: 1},
			{gen: 5, wantPrev: "v@2", wantGen: 2}}},
		{"a failed computation hands nothing", []call{{gen: 1, fails: true}, {gen: 2}}},
		{"an older snapshot gets nothing", []call{{gen: 4}, {gen: 2}, {gen: 6, wantPrev: "v@4", wantGen: 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := gencache.New[string, string](4)
			for i, cl := range tt.calls {
				var got string
				var gotGen int64
				_, _ = c.Update("k", cl.gen, func(prev string, prevGen int64, ok bool) (string, error) {
					if ok != (prev != "") {
						t.Fatalf("call %d: ok %v with prev %q", i, ok, prev)
					}
					got, gotGen = prev, prevGen
					if cl.fails {
						return "", errors.New("boom")
					}
					return fmt.Sprintf("v@%d", cl.gen), nil
				})
				if got != cl.wantPrev || gotGen != cl.wantGen {
					t.Fatalf("call %d (gen %d): handed %q@%d, want %q@%d", i, cl.gen, got, gotGen, cl.wantPrev, cl.wantGen)
				}
			}
		})
	}
}

// TestUpdateWaitsForTheOlderValue: a reader of a newer generation, arriving
// while the older value is still being computed, waits for it and is
// handed it rather than computing from nothing.
func TestUpdateWaitsForTheOlderValue(t *testing.T) {
	c := gencache.New[string, string](4)
	release, started := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _ = c.Update("k", 1, func(string, int64, bool) (string, error) {
			close(started)
			<-release
			return "v@1", nil
		})
	}()
	<-started
	var got string
	wg.Add(1)
	go func() {
		defer wg.Done()
		v, _ := c.Update("k", 2, func(prev string, _ int64, ok bool) (string, error) {
			got = prev
			return prev + "+2", nil
		})
		if v != "v@1+2" {
			t.Errorf("gen 2: %q", v)
		}
	}()
	for { // gen 2 has replaced the entry (and counted its miss) before it waits
		if _, misses := c.Stats(); misses == 2 {
			break
		}
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if got != "v@1" {
		t.Fatalf("gen 2 was handed %q, want the value still being computed, v@1", got)
	}
}
