package calendar_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/database/dbtest"
	"kulttuurisilta/api/internal/seed"
)

func generations(t *testing.T, db *gorm.DB) (cal, rep int64) {
	t.Helper()
	if err := db.Raw(`SELECT (SELECT generation FROM change_generations WHERE name = 'calendar'),
		(SELECT generation FROM change_generations WHERE name = 'report')`).Row().Scan(&cal, &rep); err != nil {
		t.Fatal(err)
	}
	return cal, rep
}

// TestGenerationsAdvanceWithEveryChange: a committed change to a table a
// kept calendar set or report reads advances its generation once per
// transaction however many rows change; a rolled-back change (or a
// rolled-back savepoint) and a change elsewhere advance nothing (ADR 0195).
func TestGenerationsAdvanceWithEveryChange(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	if err := seed.Demo(context.Background(), db, zone); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		stmts    []string
		rollback bool
		cal, rep int64
	}{
		{"one activity", []string{`UPDATE activities SET title = title || '!' WHERE id = (SELECT min(id::text)::uuid FROM activities)`}, false, 1, 1},
		{"every activity, two statements", []string{`UPDATE activities SET description = description || ' '`,
			`UPDATE activities SET description = rtrim(description)`}, false, 1, 1},
		{"an activity's units", []string{`UPDATE activity_units SET unit_id = unit_id`}, false, 1, 1},
		{"an activity's partners", []string{`UPDATE activity_partners SET partner_id = partner_id`}, false, 1, 1},
		{"an occurrence override", []string{`UPDATE occurrence_overrides SET note = note`}, false, 1, 1},
		{"attendance", []string{`UPDATE attendance SET residents = residents`}, false, 0, 1},
		{"a unit", []string{`UPDATE units SET name = name WHERE id = (SELECT min(id::text)::uuid FROM units)`}, false, 0, 1},
		{"a partner", []string{`UPDATE partners SET name = name`}, false, 0, 1},
		{"rolled back", []string{`UPDATE activities SET title = title || '!'`, `UPDATE attendance SET residents = residents`}, true, 0, 0},
		{"a rolled-back savepoint", []string{`SAVEPOINT s`, `UPDATE activities SET title = title || '!'`, `ROLLBACK TO SAVEPOINT s`,
			`UPDATE departments SET name = name`}, false, 0, 0},
		{"elsewhere", []string{`UPDATE departments SET name = name`, `UPDATE users SET email = email`}, false, 0, 0},
		{"a truncate", []string{`TRUNCATE occurrence_overrides`}, false, 1, 1},
	}
	for _, tt := range tests {
		cal0, rep0 := generations(t, db)
		tx := db.Begin()
		for _, s := range tt.stmts {
			if err := tx.Exec(s).Error; err != nil {
				t.Fatalf("%s: %s: %v", tt.name, s, err)
			}
		}
		var rows int64
		tx.Raw(`SELECT count(*) FROM activity_units`).Scan(&rows)
		if rows == 0 {
			t.Fatalf("%s: the demo has no activities", tt.name)
		}
		if tt.rollback {
			tx.Rollback()
		} else if err := tx.Commit().Error; err != nil {
			t.Fatalf("%s: commit: %v", tt.name, err)
		}
		cal1, rep1 := generations(t, db)
		if cal1-cal0 != tt.cal || rep1-rep0 != tt.rep {
			t.Errorf("%s: calendar +%d, report +%d; want +%d, +%d", tt.name, cal1-cal0, rep1-rep0, tt.cal, tt.rep)
		}
	}
}

// TestKeptCalendarFollowsChanges makes random changes through the API and
// straight in SQL and after each compares the all-units calendar the API
// serves (its sets kept per generation) with the store's fresh computation,
// page by page; a second read of an unchanged month is served from the kept
// set.
func TestKeptCalendarFollowsChanges(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	producer := env.Token(access.RoleProducer)
	units := []uuid.UUID{env.Unit(), env.Unit()}
	fresh := calendar.Store{DB: env.DB, Zone: env.Zone}
	rng := rand.New(rand.NewPCG(3, 95))
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, env.Zone)
	to := from.AddDate(0, 1, 0)
	var ids []string
	var versions []string

	compare := func(step string) {
		t.Helper()
		want, total, err := fresh.OccurrencePage(context.Background(), calendar.OccurrenceFilter{From: from, To: to}, nil, 0, 2000)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{2000, 3} {
			l := getCalendar(t, env, producer, fmt.Sprintf("from=2026-10-01&to=2026-11-01&limit=%d", limit))
			if l.Total != total || len(l.Items) != min(limit, len(want)) {
				t.Fatalf("%s, limit %d: total %d, %d items; fresh %d", step, limit, l.Total, len(l.Items), total)
			}
			for i, it := range l.Items {
				w := want[i]
				if it["activity_id"] != w.ActivityID.String() || it["starts_at"] != w.StartsAt.In(env.Zone).Format(time.RFC3339) ||
					it["status"] != w.Status || it["title"] != w.Title {
					t.Fatalf("%s, limit %d, item %d: %v, fresh %+v", step, limit, i, it, w)
				}
			}
		}
	}
	day := func() time.Time {
		return from.Add(time.Duration(rng.IntN(30*24)) * time.Hour).Add(time.Duration(9+rng.IntN(6)) * time.Hour)
	}
	for step := range 24 {
		switch op := rng.IntN(6); {
		case op <= 1 || len(ids) == 0:
			st := day()
			body := activityBody(units[rng.IntN(2):], st.Format(time.RFC3339), st.Add(time.Hour).Format(time.RFC3339),
				map[string]any{"status": "planned"})
			if rng.IntN(2) == 0 {
				body["recurrence"] = "FREQ=WEEKLY;COUNT=5"
			}
			a := env.Post("/api/v1/activities", producer, body).Expect(http.StatusCreated).Map()
			ids, versions = append(ids, a["id"].(string)), append(versions, fmt.Sprint(a["version"]))
		case op == 2:
			i := rng.IntN(len(ids))
			a := env.Patch("/api/v1/activities/"+ids[i], producer, map[string]any{"title": "Muutettu " + apitest.Suffix()},
				versions[i]).Expect(http.StatusOK).Map()
			versions[i] = fmt.Sprint(a["version"])
		case op == 3:
			i := rng.IntN(len(ids))
			env.Delete("/api/v1/activities/"+ids[i], producer, versions[i]).Expect(http.StatusNoContent)
			ids, versions = append(ids[:i], ids[i+1:]...), append(versions[:i], versions[i+1:]...)
		case op == 4:
			// Straight in SQL, as a bulk load or an operator would.
			if err := env.DB.Exec(`UPDATE activities SET status = 'confirmed', version = version + 1
				WHERE id = ?`, ids[rng.IntN(len(ids))]).Error; err != nil {
				t.Fatal(err)
			}
			for i := range ids {
				var v int
				env.DB.Raw(`SELECT version FROM activities WHERE id = ?`, ids[i]).Scan(&v)
				versions[i] = fmt.Sprint(v)
			}
		default:
			i := rng.IntN(len(ids))
			l := getCalendar(t, env, producer, "from=2026-10-01&to=2026-11-01&limit=2000&unit_id="+units[0].String()+","+units[1].String())
			for _, it := range l.Items {
				if it["activity_id"] == ids[i] && it["override_id"] == nil {
					env.Post("/api/v1/activities/"+ids[i]+"/overrides", producer, map[string]any{
						"original_start": it["original_start"], "cancelled": true}).Expect(http.StatusCreated)
					break
				}
			}
		}
		compare(fmt.Sprintf("step %d", step))
	}

	// The kept set is what the store serves again while nothing changes.
	kept := calendar.Store{DB: env.DB, Zone: env.Zone, Sets: calendar.NewSets(4)}
	f := calendar.OccurrenceFilter{From: from, To: to}
	for range 3 {
		if _, _, err := kept.OccurrencePage(context.Background(), f, nil, 0, 10); err != nil {
			t.Fatal(err)
		}
	}
	if hits, misses := kept.Sets.Stats(); hits != 2 || misses != 1 {
		t.Fatalf("three reads of an unchanged month: %d hits, %d misses", hits, misses)
	}
	if err := env.DB.Exec(`UPDATE activities SET title = title || '!' WHERE id = ?`, ids[0]).Error; err != nil {
		t.Fatal(err)
	}
	if _, _, err := kept.OccurrencePage(context.Background(), f, nil, 0, 10); err != nil {
		t.Fatal(err)
	}
	if hits, misses := kept.Sets.Stats(); hits != 2 || misses != 2 {
		t.Fatalf("after a change: %d hits, %d misses", hits, misses)
	}
}

// TestChangeLogNamesTheActivities: every generation's log names the
// activities its transaction changed, or says it cannot (ADR 0196), and
// database.Changed reads it in a snapshot: a patched kept set depends on it.
func TestChangeLogNamesTheActivities(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	zone, _ := time.LoadLocation("Europe/Helsinki")
	if err := seed.Demo(context.Background(), db, zone); err != nil {
		t.Fatal(err)
	}
	var a, b, withAttendance string
	db.Raw(`SELECT min(id::text) FROM activities`).Scan(&a)
	db.Raw(`SELECT max(id::text) FROM activities`).Scan(&b)
	db.Raw(`SELECT min(activity_id::text) FROM attendance`).Scan(&withAttendance)
	var n int
	db.Raw(`SELECT count(*) FROM activities`).Scan(&n)
	if a == b || withAttendance == "" || n < 10 {
		t.Fatal("the demo has too few activities or no attendance")
	}
	bulk := make([][]string, 1)
	for range 1000/n + 1 { // more than 1,000 rows in one transaction
		bulk[0] = append(bulk[0], `UPDATE activities SET description = description`)
	}
	changed := func(name string, from, to int64, max int) ([]string, bool) {
		t.Helper()
		var ids []uuid.UUID
		var named bool
		err := database.ReadSnapshot(context.Background(), db, func(tx pgx.Tx) error {
			var err error
			ids, named, err = database.Changed(context.Background(), tx, name, from, to, max)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = id.String()
		}
		slices.Sort(out)
		return out, named
	}
	tests := []struct {
		name       string
		txs        [][]string // one transaction each
		max        int
		cal, rep   []string // the activities named; nil: not named
		calN, repN bool
		calGen     int64
	}{
		{"one activity", [][]string{{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`}}, 500,
			[]string{a}, []string{a}, true, true, 1},
		{"two transactions", [][]string{{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`},
			{`UPDATE activity_units SET unit_id = unit_id WHERE activity_id = '` + b + `'`}}, 500,
			[]string{a, b}, []string{a, b}, true, true, 2},
		{"an override of one", [][]string{{`UPDATE occurrence_overrides SET note = note || '' WHERE activity_id =
			(SELECT min(activity_id::text)::uuid FROM occurrence_overrides)`}}, 500, nil, nil, true, true, 1},
		{"attendance", [][]string{{`UPDATE attendance SET residents = residents WHERE activity_id = '` + withAttendance + `'`}}, 500,
			[]string{}, []string{withAttendance}, true, true, 0},
		{"a unit", [][]string{{`UPDATE units SET name = name WHERE id = (SELECT min(id::text)::uuid FROM units)`}}, 500,
			[]string{}, nil, true, false, 0},
		{"more than max", [][]string{{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`},
			{`UPDATE activities SET title = title || '!' WHERE id = '` + b + `'`}}, 1, nil, nil, false, false, 2},
		{"one activity again and again", [][]string{{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`},
			{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`},
			{`UPDATE activities SET title = title || '!' WHERE id = '` + a + `'`}}, 1, []string{a}, []string{a}, true, true, 3},
		{"a bulk load", bulk, 5000, nil, nil, false, false, 1},
		{"a truncate", [][]string{{`TRUNCATE occurrence_overrides`}}, 500, nil, nil, false, false, 1},
	}
	for _, tt := range tests {
		cal0, rep0 := generations(t, db)
		for _, stmts := range tt.txs {
			if err := db.Transaction(func(tx *gorm.DB) error {
				for _, s := range stmts {
					if err := tx.Exec(s).Error; err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
		}
		cal1, rep1 := generations(t, db)
		if cal1-cal0 != tt.calGen {
			t.Fatalf("%s: calendar +%d, want +%d", tt.name, cal1-cal0, tt.calGen)
		}
		for _, c := range []struct {
			kind     string
			from, to int64
			want     []string
			named    bool
		}{{"calendar", cal0, cal1, tt.cal, tt.calN}, {"report", rep0, rep1, tt.rep, tt.repN}} {
			got, named := changed(c.kind, c.from, c.to, tt.max)
			if named != c.named || (c.want != nil && !slices.Equal(got, c.want)) || (named && c.to == c.from && len(got) > 0) {
				t.Errorf("%s, %s: %v named %v; want %v named %v", tt.name, c.kind, got, named, c.want, c.named)
			}
		}
	}

	// A generation whose log was pruned is not named.
	cal0, _ := generations(t, db)
	for range 2 {
		db.Exec(`UPDATE activities SET title = title || '!' WHERE id = ?`, a)
	}
	if _, named := changed("calendar", cal0, cal0+2, 500); !named {
		t.Fatal("two logged generations are not named")
	}
	db.Exec(`DELETE FROM change_log WHERE name = 'calendar' AND generation = ?`, cal0+1)
	if _, named := changed("calendar", cal0, cal0+2, 500); named {
		t.Fatal("a pruned generation is named")
	}
}
