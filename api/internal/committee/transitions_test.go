package committee_test

import (
	"math"
	"net/http"
	"slices"
	"testing"
	"testing/quick"

	"kulttuurisilta/api/internal/committee"
)

// allowedMoves is the documented status graph (docs/adr/0011).
var allowedMoves = map[[2]string]bool{
	{"new", "planned"}: true, {"new", "declined"}: true,
	{"planned", "done"}: true, {"planned", "declined"}: true,
	{"declined", "new"}: true,
}

func TestTransitionTable(t *testing.T) {
	t.Parallel()
	for _, from := range committee.IdeaStatuses {
		for _, to := range committee.IdeaStatuses {
			want := from == to || allowedMoves[[2]string{from, to}]
			if got := committee.Transition(from, to); got != want {
				t.Errorf("%s -> %s: %v, want %v", from, to, got, want)
			}
		}
	}
}

// TestTransitionProperties: done is final, every status is reachable from
// new, and nothing outside the statuses is ever allowed.
func TestTransitionProperties(t *testing.T) {
	t.Parallel()
	reach := map[string]bool{"new": true}
	for changed := true; changed; {
		changed = false
		for _, from := range committee.IdeaStatuses {
			for _, to := range committee.IdeaStatuses {
				if reach[from] && !reach[to] && committee.Transition(from, to) {
					reach[to], changed = true, true
				}
			}
		}
	}
	for _, s := range committee.IdeaStatuses {
		if !reach[s] {
			t.Errorf("%s is unreachable from new", s)
		}
		if s != "done" && committee.Transition("done", s) {
			t.Errorf("done -> %s allowed; done must be final", s)
		}
	}
	prop := func(from, to string) bool {
		if !slices.Contains(committee.IdeaStatuses, from) || !slices.Contains(committee.IdeaStatuses, to) {
			return !committee.Transition(from, to)
		}
		return true
	}
	if err := quick.Check(prop, nil); err != nil {
		t.Error(err)
	}
}

// TestTransitionsThroughAPI walks every from -> to pair through PATCH.
func TestTransitionsThroughAPI(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	// path from new to each status along allowed moves.
	reach := map[string][]string{"new": nil, "planned": {"planned"}, "declined": {"declined"}, "done": {"planned", "done"}}
	for _, from := range committee.IdeaStatuses {
		for _, to := range committee.IdeaStatuses {
			id := w.env.Post("/api/v1/ideas", a, map[string]any{"committee_id": w.committee, "title": from + "-" + to, "source": "other"}).
				Expect(http.StatusCreated).ID()
			for _, s := range reach[from] {
				w.env.Patch("/api/v1/ideas/"+id, a, map[string]any{"status": s}, "").Expect(http.StatusOK)
			}
			r := w.env.Patch("/api/v1/ideas/"+id, a, map[string]any{"status": to}, "")
			if from == to || allowedMoves[[2]string{from, to}] {
				if r.Status != http.StatusOK || r.Map()["status"] != to {
					t.Errorf("%s -> %s: %d %s", from, to, r.Status, r.Body)
				}
				continue
			}
			if r.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s -> %s: %d, want 422", from, to, r.Status)
			}
		}
	}
}

func TestHoursToTenths(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   float64
		want int
		ok   bool
	}{
		{0.1, 1, true}, {7.5, 75, true}, {1000, 10000, true}, {0.3, 3, true}, {2.2, 22, true},
		{0, 0, false}, {-1, 0, false}, {0.05, 0, false}, {1.25, 0, false}, {1000.1, 0, false},
		{math.NaN(), 0, false}, {math.Inf(1), 0, false},
	} {
		got, ok := committee.HoursToTenths(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("HoursToTenths(%v) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	// Every tenth from 0.1 to 1000 round-trips exactly.
	for n := 1; n <= 10000; n++ {
		if got, ok := committee.HoursToTenths(float64(n) / 10); !ok || got != n {
			t.Fatalf("%d tenths: %d %v", n, got, ok)
		}
	}
}

func FuzzHoursToTenths(f *testing.F) {
	for _, s := range []float64{0.1, 7.5, 1000, 0, -3, 1.25, 1e300, math.SmallestNonzeroFloat64} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h float64) {
		n, ok := committee.HoursToTenths(h)
		if !ok {
			if n != 0 {
				t.Fatalf("rejected %v but returned %d", h, n)
			}
			return
		}
		if n < 1 || n > 10000 || math.Abs(float64(n)/10-h) > 1e-6 {
			t.Fatalf("HoursToTenths(%v) = %d", h, n)
		}
	})
}

func FuzzTransition(f *testing.F) {
	for _, s := range committee.IdeaStatuses {
		f.Add(s, "done")
	}
	f.Add("", "new")
	f.Fuzz(func(t *testing.T, from, to string) {
		got := committee.Transition(from, to)
		valid := slices.Contains(committee.IdeaStatuses, from) && slices.Contains(committee.IdeaStatuses, to)
		if got && !valid {
			t.Fatalf("%q -> %q allowed", from, to)
		}
		if valid && got != (from == to || allowedMoves[[2]string{from, to}]) {
			t.Fatalf("%q -> %q: %v", from, to, got)
		}
	})
}
