package paging_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/paging"
)

// row is a table with every kind of order key the lists use: text,
// nullable text, a date, a nullable time, an integer and a boolean.
type row struct {
	ID     uuid.UUID `gorm:"primaryKey;type:uuid"`
	Name   string
	Nick   *string
	Day    civil.Date `gorm:"type:date"`
	At     *time.Time
	Rank   int
	Active bool
}

func (row) TableName() string { return "paging_rows" }

// orders are the orders checked: plain, descending, mixed, with
// expressions, and with NULLs first and last.
var orders = []string{
	"id",
	"name, id",
	"day DESC, id DESC",
	"day DESC, name, id",
	"lower(name), id",
	"nick, id",
	"nick DESC NULLS LAST, id",
	"at NULLS FIRST, rank DESC, id",
	"at DESC, id",
	"active, paging_rows.nick IS NOT NULL, array_position(ARRAY['b','a'], lower(name)), rank, id",
	"rank ASC NULLS LAST, at DESC NULLS LAST, id",
}

func newRows(t *testing.T) *gorm.DB {
	t.Helper()
	db := dbtest.New(t)
	if err := db.Exec(`CREATE TABLE paging_rows (id uuid PRIMARY KEY, name text NOT NULL, nick text,
		day date NOT NULL, at timestamptz, rank integer NOT NULL, active boolean NOT NULL)`).Error; err != nil {
		t.Fatal(err)
	}
	return db
}

func randomRow(r *rand.Rand) row {
	names := []string{"a", "A", "b", "B", "ä", "c", "a b"}
	x := row{ID: uuid.New(), Name: names[r.IntN(len(names))], Rank: r.IntN(3), Active: r.IntN(2) == 0,
		Day: civil.Date{Time: time.Date(2026, 1, 1+r.IntN(4), 0, 0, 0, 0, time.UTC)}}
	if r.IntN(3) > 0 {
		n := names[r.IntN(len(names))]
		x.Nick = &n
	}
	if r.IntN(3) > 0 {
		at := time.Date(2026, 1, 1, r.IntN(3), 0, 0, r.IntN(3)*1000, time.UTC)
		x.At = &at
	}
	return x
}

func insert(t *testing.T, db *gorm.DB, rows []row) {
	t.Helper()
	if err := db.Create(&rows).Error; err != nil {
		t.Fatal(err)
	}
}

func ids(rows []row) []uuid.UUID {
	out := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func parse(t *testing.T, q string) paging.Page {
	t.Helper()
	v, err := url.ParseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	p, err := paging.Parse(v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// walk reads every page of order with cursors, calling between after
// each page.
func walk(t *testing.T, db *gorm.DB, order string, limit int, between func()) []row {
	t.Helper()
	var all []row
	q := fmt.Sprintf("limit=%d", limit)
	for range 1000 {
		got, f, err := paging.Find[row](db.Model(&row{}), parse(t, q), order)
		if err != nil {
			t.Fatalf("%s: %v", order, err)
		}
		all = append(all, got...)
		if f.Next == "" {
			return all
		}
		if len(got) != limit {
			t.Fatalf("%s: a page of %d before the end", order, len(got))
		}
		q = fmt.Sprintf("limit=%d&cursor=%s", limit, f.Next)
		if between != nil {
			between()
		}
	}
	t.Fatalf("%s: no end", order)
	return nil
}

// TestCursorWalksEveryOrder: for every kind of order, walking the pages
// with cursors yields exactly the rows of one ordered query, for several
// page sizes.
func TestCursorWalksEveryOrder(t *testing.T) {
	db := newRows(t)
	r := rand.New(rand.NewPCG(1, 2))
	rows := make([]row, 120)
	for i := range rows {
		rows[i] = randomRow(r)
	}
	insert(t, db, rows)
	for _, order := range orders {
		var want []row
		if err := db.Order(order).Find(&want).Error; err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 7, 50, 200} {
			if got := walk(t, db, order, limit, nil); !slices.Equal(ids(got), ids(want)) {
				t.Errorf("%s, limit %d: the walk differs from the ordered query", order, limit)
			}
		}
	}
}

// TestCursorStableUnderInserts: rows inserted (anywhere in the order) and
// deleted while a client walks the list neither repeat nor skip any row
// that was there throughout; an offset walk would.
func TestCursorStableUnderInserts(t *testing.T) {
	db := newRows(t)
	r := rand.New(rand.NewPCG(3, 4))
	rows := make([]row, 100)
	for i := range rows {
		rows[i] = randomRow(r)
	}
	insert(t, db, rows)
	for _, order := range orders {
		var deleted []uuid.UUID
		got := walk(t, db, order, 9, func() {
			insert(t, db, []row{randomRow(r), randomRow(r), randomRow(r)})
			// delete one row of the original set that has not been read yet or has
			var victim row
			if err := db.Where("id IN ?", ids(rows)).Where("id NOT IN ?", append(deleted, uuid.Nil)).
				Order("random()").Take(&victim).Error; err != nil {
				t.Fatal(err)
			}
			if err := db.Delete(&victim).Error; err != nil {
				t.Fatal(err)
			}
			deleted = append(deleted, victim.ID)
		})
		seen := map[uuid.UUID]int{}
		for _, g := range got {
			seen[g.ID]++
		}
		for _, x := range rows {
			if slices.Contains(deleted, x.ID) {
				continue
			}
			if seen[x.ID] != 1 {
				t.Errorf("%s: row %v seen %d times", order, x.ID, seen[x.ID])
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s: row %v repeated", order, id)
			}
		}
		// put the deleted ones back for the next order
		db.Exec("DELETE FROM paging_rows WHERE id NOT IN ?", ids(rows))
		var back []row
		for _, x := range rows {
			if slices.Contains(deleted, x.ID) {
				back = append(back, x)
			}
		}
		if len(back) > 0 {
			insert(t, db, back)
		}
	}
}

func wantBadCursor(t *testing.T, err error, what string) {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.KindBadRequest || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
		t.Errorf("%s: got %v, want a 400 naming cursor", what, err)
	}
}

// TestTamperedCursorIsBadRequest: a cursor changed by a byte, cut short,
// not base64, or from another list or order is a 400 naming cursor, not a
// wrong page or a 500.
func TestTamperedCursorIsBadRequest(t *testing.T) {
	db := newRows(t)
	r := rand.New(rand.NewPCG(5, 6))
	rows := make([]row, 10)
	for i := range rows {
		rows[i] = randomRow(r)
	}
	insert(t, db, rows)
	_, f, err := paging.Find[row](db.Model(&row{}), parse(t, "limit=3"), "name, id")
	if err != nil || f.Next == "" || !f.Counted || f.Total != 10 {
		t.Fatalf("first page: %+v %v", f, err)
	}
	cur := f.Next
	flip := []byte(cur)
	flip[len(flip)/2] ^= 1
	if flip[len(flip)/2] == '-' || flip[len(flip)/2] == '_' {
		flip[len(flip)/2] = 'A'
	}
	for what, c := range map[string]string{
		"a byte changed": string(flip), "cut short": cur[:len(cur)-3], "not base64": "%%%", "empty": "",
		"a position": func() string { _, f, _ := paging.Slice(make([]int, 5), parse(t, "limit=2")); return f.Next }(),
	} {
		v := url.Values{"cursor": {c}}
		p, err := paging.Parse(v)
		if err == nil {
			_, _, err = paging.Find[row](db.Model(&row{}), p, "name, id")
		}
		wantBadCursor(t, err, what)
	}
	// another order of the same rows
	_, _, err = paging.Find[row](db.Model(&row{}), parse(t, "cursor="+cur), "lower(name), id")
	wantBadCursor(t, err, "another order")
	// with an offset too
	_, err = paging.Parse(url.Values{"cursor": {cur}, "offset": {"3"}})
	wantBadCursor(t, err, "with offset")
	if _, err := paging.Parse(url.Values{"total": {"maybe"}}); err == nil {
		t.Error("total=maybe accepted")
	}
}

// TestTotalOnlyWhenAsked: the first page counts unless total=false; a
// later page counts only with total=true; offsets still page.
func TestTotalOnlyWhenAsked(t *testing.T) {
	db := newRows(t)
	r := rand.New(rand.NewPCG(7, 8))
	rows := make([]row, 12)
	for i := range rows {
		rows[i] = randomRow(r)
	}
	insert(t, db, rows)
	find := func(q string) ([]row, paging.Found) {
		got, f, err := paging.Find[row](db.Model(&row{}), parse(t, q), "id")
		if err != nil {
			t.Fatal(err)
		}
		return got, f
	}
	_, f := find("limit=5")
	if !f.Counted || f.Total != 12 {
		t.Errorf("first page: %+v", f)
	}
	if whole, g := find("limit=200"); len(whole) != 12 || !g.Counted || g.Total != 12 || g.Estimated || g.Next != "" {
		t.Errorf("one page holding the whole list: %d rows, %+v", len(whole), g)
	}
	if _, g := find("limit=12"); !g.Counted || g.Total != 12 || g.Next != "" {
		t.Errorf("a page of exactly the list's length: %+v", g)
	}
	if _, g := find("limit=11"); !g.Counted || g.Total != 12 || g.Next == "" {
		t.Errorf("a page one short of the list: %+v", g)
	}
	if _, g := find("limit=5&offset=10"); !g.Counted || g.Total != 12 {
		t.Errorf("the last page by offset counts the whole list: %+v", g)
	}
	if _, g := find("limit=5&total=false"); g.Counted || g.TotalPtr() != nil {
		t.Errorf("total=false: %+v", g)
	}
	if _, g := find("limit=5&cursor=" + f.Next); g.Counted {
		t.Errorf("a cursor page counted: %+v", g)
	}
	if _, g := find("limit=5&total=true&cursor=" + f.Next); !g.Counted || g.Total != 12 {
		t.Errorf("total=true on a cursor page: %+v", g)
	}
	byOffset, g := find("limit=5&offset=10")
	if len(byOffset) != 2 || g.Next != "" {
		t.Errorf("offset 10: %d rows, next %q", len(byOffset), g.Next)
	}
	all, _ := find("limit=200")
	if !slices.Equal(ids(byOffset), ids(all[10:])) {
		t.Error("offset page differs")
	}
	if strings.Contains(f.Next, "=") {
		t.Errorf("cursor %q is not URL-safe", f.Next)
	}
}

// TestSliceCursor pages a list in memory by position.
func TestSliceCursor(t *testing.T) {
	all := []int{1, 2, 3, 4, 5}
	var got []int
	q := "limit=2"
	for range 10 {
		page, f, err := paging.Slice(all, parse(t, q))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if f.Next == "" {
			break
		}
		q = "limit=2&cursor=" + f.Next
	}
	if !slices.Equal(got, all) {
		t.Errorf("got %v", got)
	}
}

// TestTotalCappedThenEstimated (ADR 0170): a total of at most
// ExactTotalUpTo rows is exact; beyond it the first page carries the
// planner's estimate, flagged, never below the cap; ?total=exact counts
// every row; a filter that matches few rows is exact again.
func TestTotalCappedThenEstimated(t *testing.T) {
	db := newRows(t)
	const n = paging.ExactTotalUpTo + 2_000
	if err := db.Exec(`INSERT INTO paging_rows (id, name, day, rank, active)
		SELECT gen_random_uuid(), 'r' || g, DATE '2026-01-01' + g % 30, g % 7, g % 2 = 0
		FROM generate_series(1, ?) g`, n).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("ANALYZE paging_rows").Error; err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, query string
		filter      func(*gorm.DB) *gorm.DB
		want        int64 // exact; 0: an estimate is wanted
	}{
		{"all rows, estimated", "limit=5", nil, 0},
		{"all rows, total=true", "limit=5&total=true", nil, 0},
		{"all rows, total=exact", "limit=5&total=exact", nil, n},
		{"a filter under the cap", "limit=5", func(q *gorm.DB) *gorm.DB { return q.Where("rank = 3 AND day = '2026-01-04'") }, -1},
		{"a filter over the cap, exact", "limit=5&total=exact", func(q *gorm.DB) *gorm.DB { return q.Where("rank < 6") }, -2},
	}
	exactly := func(where string) int64 {
		var c int64
		if err := db.Raw("SELECT count(*) FROM paging_rows WHERE " + where).Scan(&c).Error; err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := db.Model(&row{})
			want := c.want
			switch want {
			case -1:
				want = exactly("rank = 3 AND day = '2026-01-04'")
			case -2:
				want = exactly("rank < 6")
			}
			if c.filter != nil {
				q = c.filter(q)
			}
			rows, f, err := paging.Find[row](q, parse(t, c.query), "name, id")
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 5 || !f.Counted {
				t.Fatalf("%d rows, found %+v", len(rows), f)
			}
			l := paging.NewList(rows, f)
			if l.TotalIsEstimate == nil || *l.TotalIsEstimate != (want == 0) {
				t.Errorf("total_is_estimate %v, want %v", l.TotalIsEstimate, want == 0)
			}
			if want != 0 {
				if f.Total != want || f.Estimated {
					t.Errorf("total %d (estimated %v), want exactly %d", f.Total, f.Estimated, want)
				}
				return
			}
			// ANALYZE read the whole table (it has fewer rows than its
			// sample), so the estimate is the count.
			if f.Total <= paging.ExactTotalUpTo || f.Total < n*9/10 || f.Total > n*11/10 {
				t.Errorf("estimate %d, want above %d and about %d", f.Total, paging.ExactTotalUpTo, n)
			}
		})
	}
	if want := exactly("rank = 3 AND day = '2026-01-04'"); want > paging.ExactTotalUpTo || want == 0 {
		t.Fatalf("the small filter matches %d rows", want)
	}
	// Without a total nothing says estimate.
	if _, f, err := paging.Find[row](db.Model(&row{}), parse(t, "limit=5&total=false"), "id"); err != nil || f.EstimatePtr() != nil {
		t.Errorf("total=false: %+v, %v", f, err)
	}
}
