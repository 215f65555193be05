package faulttest_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/database"
)

// TestEveryRefusedDeleteIsForetold: the rows a DELETE route removes, and the
// foreign keys that refuse their delete while they refer to one (ON DELETE
// RESTRICT: the DELETE is a 409). Each such reference is one the resource's
// in-use lookup knows, so its allowed_actions leave delete out: units,
// departments, committees and agreements compare theirs in their own
// packages (TestInUseOffersNoDelete, TestCommitteeInUseOffersNoDelete,
// TestAgreementInUseOffersNoDelete); the rest are here. A new foreign key
// that refuses a delete fails this test until the lookup knows it.
func TestEveryRefusedDeleteIsForetold(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	known := map[string][]string{
		"partners":   {"activity_partners.partner_id"}, // calendar's partnersInUse
		"series":     {"activities.series_id"},         // calendar's seriesInUse
		"activities": {"attendance.activity_id"},       // calendar's WithAttendance
		// Nothing refuses these deletes (what refers to them goes with them).
		"residents": nil, "culture_profiles": nil, "committee_members": nil, "committee_meetings": nil, "ideas": nil,
		"mentors": nil, "mentor_trainings": nil, "costs": nil, "occurrence_overrides": nil, "attendance": nil,
	}
	for table, want := range known {
		if got := env.RestrictingReferences(table); !slices.Equal(got, want) {
			t.Errorf("%s: the foreign keys that refuse its delete are %v; its in-use lookup knows %v", table, got, want)
		}
	}
}

// TestInUseIsKeptExactly: the rows in use that the database keeps
// (referenced_rows, migration 00200) are, after every kind of change to
// the references, exactly the rows that the referring tables refer to
// (database.Referenced over the schema's restricting foreign keys):
// references added through the API and in SQL, moved (UPDATE of the
// column), removed one by one, by cascade and by TRUNCATE, for each of the
// six tables.
func TestInUseIsKeptExactly(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	ctx := context.Background()
	admin := env.Token(access.RoleAdmin)
	tables := []string{"departments", "units", "committees", "agreements", "partners", "series"}
	check := func(step string) {
		t.Helper()
		for _, table := range tables {
			var ids []uuid.UUID
			if err := env.DB.Raw("SELECT id FROM " + table).Scan(&ids).Error; err != nil {
				t.Fatal(err)
			}
			live, err := database.Referenced(ctx, env.DB, table, ids, env.RestrictingReferences(table)...)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := database.InUse(ctx, env.DB, table, ids)
			if err != nil {
				t.Fatal(err)
			}
			var stale int64
			if err := env.DB.Raw("SELECT count(*) FROM referenced_rows r WHERE r.referred = ? AND NOT EXISTS (SELECT FROM "+
				table+" t WHERE t.id = r.id)", table).Scan(&stale).Error; err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(live, kept) || stale != 0 {
				t.Fatalf("%s: %s in use: referred to %d, kept %d (%d kept of rows gone)", step, table, len(live), len(kept), stale)
			}
		}
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := env.DB.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	check("at start")
	year := time.Now().In(env.Zone).Year()
	d1, d2 := env.Department(), env.Department()
	u := env.Units(4, "Koti %d "+apitest.Suffix())
	from := time.Date(year, 10, 7, 10, 0, 0, 0, env.Zone)

	exec(`INSERT INTO residents (id, unit_id, display_name) SELECT gen_random_uuid(), x, 'Aili' FROM unnest(?::uuid[]) x, generate_series(1, 2)`,
		database.Array[uuid.UUID](u[:3]))
	check("residents inserted")
	exec(`UPDATE residents SET unit_id = ? WHERE unit_id = ?`, u[3], u[0])
	check("residents moved")
	exec(`DELETE FROM residents WHERE id = (SELECT id FROM residents WHERE unit_id = ? LIMIT 1)`, u[1])
	check("one of two residents removed")
	exec(`DELETE FROM residents WHERE unit_id = ?`, u[1])
	check("the last resident removed")
	exec(`UPDATE units SET department_id = ? WHERE id = ANY (?)`, d1, database.Array[uuid.UUID](u[:2]))
	check("units given a department")
	exec(`UPDATE units SET department_id = ? WHERE id = ?`, d2, u[0])
	check("a unit moved to another department")

	agreement := env.Post("/api/v1/agreements", admin, map[string]any{"name": "Sopimus " + apitest.Suffix(),
		"starts_on": fmt.Sprintf("%d-01-01", year), "ends_on": fmt.Sprintf("%d-12-31", year),
		"departments": []map[string]any{{"department_id": d1, "share_bp": 6000, "budget_cents": 100000},
			{"department_id": d2, "share_bp": 4000, "budget_cents": 80000}}}).Expect(http.StatusCreated).ID()
	check("agreement created")
	cost := env.Post("/api/v1/costs", admin, map[string]any{"agreement_id": agreement, "amount_cents": 12500,
		"category": "materials", "description": "Tarvikkeet", "incurred_on": fmt.Sprintf("%d-03-02", year), "unit_id": u[2]}).
		Expect(http.StatusCreated).ID()
	check("cost entered")
	env.Delete("/api/v1/costs/"+cost, admin, "").Expect(http.StatusOK) // with the approvals it withdrew
	check("cost deleted")

	partner := env.Post("/api/v1/partners", admin, map[string]any{"name": "Kirjasto " + apitest.Suffix(), "kind": "library",
		"sector": "public"}).Expect(http.StatusCreated).ID()
	series := env.Post("/api/v1/series", admin, map[string]any{"name": "Festivaali " + apitest.Suffix(),
		"starts_on": fmt.Sprintf("%d-10-01", year), "ends_on": fmt.Sprintf("%d-10-21", year)}).Expect(http.StatusCreated).ID()
	activity := env.Post("/api/v1/activities", admin, map[string]any{"title": "Konsertti", "category": "music", "starts_at": from,
		"ends_at": from.Add(time.Hour), "unit_ids": []uuid.UUID{u[1], u[2]}, "partner_ids": []string{partner}, "series_id": series,
		"status": "planned", "allow_overlap": true}).Expect(http.StatusCreated).ID()
	check("activity with units, a partner and a series")
	exec(`UPDATE activities SET series_id = NULL WHERE id = ?`, activity)
	check("activity out of its series")
	env.Delete("/api/v1/activities/"+activity, admin, "").Expect(http.StatusNoContent)
	check("activity deleted (its units and partners by cascade)")

	committee := env.Post("/api/v1/committees", admin, map[string]any{"name": "Toimikunta", "unit_id": u[1]}).
		Expect(http.StatusCreated).ID()
	env.Post("/api/v1/committees/"+committee+"/members", admin, map[string]any{"display_name": "Aino", "role": "chair", "joined_on": fmt.Sprintf("%d-01-15", year)}).
		Expect(http.StatusCreated)
	env.Post("/api/v1/committees/"+committee+"/meetings", admin, map[string]any{"held_on": fmt.Sprintf("%d-02-03", year)}).
		Expect(http.StatusCreated)
	check("committee with a member and a meeting")
	exec(`DELETE FROM committee_meetings WHERE committee_id = ?`, committee)
	check("meeting removed")
	exec(`DELETE FROM committee_members WHERE committee_id = ?`, committee)
	check("member removed")

	env.UserWith(access.RoleMentor, apitest.WithUnits(u[0], u[3]))
	env.UserWith(access.RoleManager, apitest.WithDepartment(d2))
	check("users with units and a department")
	exec(`DELETE FROM users WHERE role = 'mentor'`)
	check("mentors deleted (their units by cascade)")
	exec(`TRUNCATE committee_members, committee_meetings, ideas`)
	exec(`DELETE FROM committees`)
	check("committees gone")
	exec(`TRUNCATE agreement_departments CASCADE`)
	check("agreement departments truncated")
}

// TestInUseUnderConcurrentChanges: a reference added while the last other
// one is removed, in either order, and the last two removed at once: the
// unit is in use exactly when a reference is left (READ COMMITTED, each
// transaction on its own connection).
func TestInUseUnderConcurrentChanges(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	ctx := context.Background()
	sqlDB, err := env.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	inUse := func(unit uuid.UUID) bool {
		t.Helper()
		used, err := database.InUse(ctx, env.DB, "units", []uuid.UUID{unit})
		if err != nil {
			t.Fatal(err)
		}
		return used[unit]
	}
	begin := func() *sql.Tx {
		t.Helper()
		tx, err := sqlDB.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	run := func(tx *sql.Tx, q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// background runs q in tx and reports when it has returned; it must
	// still be waiting after a while (blocked by the other transaction).
	background := func(tx *sql.Tx, q string, args ...any) chan error {
		t.Helper()
		done := make(chan error, 1)
		go func() { _, err := tx.ExecContext(ctx, q, args...); done <- err }()
		select {
		case err := <-done:
			t.Fatalf("%s did not wait for the other transaction (%v)", q, err)
		case <-time.After(300 * time.Millisecond):
		}
		return done
	}
	resident := func(unit uuid.UUID) uuid.UUID {
		t.Helper()
		id := uuid.New()
		if err := env.DB.Exec(`INSERT INTO residents (id, unit_id, display_name) VALUES (?, ?, 'Aili')`, id, unit).Error; err != nil {
			t.Fatal(err)
		}
		return id
	}
	const insert = `INSERT INTO residents (id, unit_id, display_name) VALUES ($1, $2, 'Aino')`
	const del = `DELETE FROM residents WHERE id = $1`

	t.Run("adder first", func(t *testing.T) {
		unit := env.Unit()
		old := resident(unit)
		adder, remover := begin(), begin()
		run(adder, insert, uuid.New(), unit)
		done := background(remover, del, old)
		if err := adder.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := remover.Commit(); err != nil {
			t.Fatal(err)
		}
		if !inUse(unit) {
			t.Fatal("the unit has a resident and is not in use")
		}
	})
	t.Run("remover first", func(t *testing.T) {
		unit := env.Unit()
		old := resident(unit)
		adder, remover := begin(), begin()
		run(remover, del, old)
		done := background(adder, insert, uuid.New(), unit)
		if err := remover.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := adder.Commit(); err != nil {
			t.Fatal(err)
		}
		if !inUse(unit) {
			t.Fatal("the unit has a resident and is not in use")
		}
	})
	t.Run("adder rolls back", func(t *testing.T) {
		unit := env.Unit()
		old := resident(unit)
		adder, remover := begin(), begin()
		run(adder, insert, uuid.New(), unit)
		done := background(remover, del, old)
		if err := adder.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := remover.Commit(); err != nil {
			t.Fatal(err)
		}
		if inUse(unit) {
			t.Fatal("the unit has no resident and is in use")
		}
	})
	t.Run("two removers", func(t *testing.T) {
		unit := env.Unit()
		a, b := resident(unit), resident(unit)
		first, second := begin(), begin()
		run(first, del, a)
		done := background(second, del, b)
		if err := first.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := second.Commit(); err != nil {
			t.Fatal(err)
		}
		if inUse(unit) {
			t.Fatal("the unit has no resident and is in use")
		}
	})
	t.Run("two first adders", func(t *testing.T) {
		unit := env.Unit()
		first, second := begin(), begin()
		run(first, insert, uuid.New(), unit)
		done := background(second, insert, uuid.New(), unit)
		if err := first.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := second.Commit(); err != nil {
			t.Fatal(err)
		}
		if !inUse(unit) {
			t.Fatal("the unit has a resident and is not in use")
		}
	})
}

// TestInUseKnowsEveryRestrictingKey: each foreign key that refuses the
// delete of a department, unit, committee, agreement, partner or series has
// the triggers that keep referenced_rows (migration 00200). A new such key
// fails this test until a migration adds them.
func TestInUseKnowsEveryRestrictingKey(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	for _, table := range []string{"departments", "units", "committees", "agreements", "partners", "series"} {
		var kept []string
		// Per key a function that holds table's rows (in_use_hold) and its
		// four triggers: insert, delete, update of the column, truncate.
		if err := env.DB.Raw(`SELECT c.relname || '.' || substring(tg.tgname FROM '^in_use_(.*)_insert$')
			FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_proc p ON p.oid = tg.tgfoid
			WHERE tg.tgname LIKE 'in\_use\_%\_insert' AND p.prosrc LIKE '%in_use_hold(''' || ? || ''',%'
			  AND (SELECT count(*) FROM pg_trigger o WHERE o.tgfoid = tg.tgfoid AND o.tgrelid = tg.tgrelid) = 4
			ORDER BY 1`, table).
			Scan(&kept).Error; err != nil {
			t.Fatal(err)
		}
		if want := env.RestrictingReferences(table); !slices.Equal(kept, want) {
			t.Errorf("%s: the foreign keys that refuse its delete are %v; referenced_rows is kept for %v", table, want, kept)
		}
	}
}
