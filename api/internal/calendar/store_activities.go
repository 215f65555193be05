package calendar

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/recurrence"
	"kulttuurisilta/api/internal/versioned"
)

// ActivityFilter narrows the activity listing.
type ActivityFilter struct {
	Status    string
	Category  string
	UnitID    *uuid.UUID
	PartnerID *uuid.UUID
	SeriesID  *uuid.UUID
	// Q is a case-insensitive substring of the title or description, in
	// Finnish or in a translation; "" matches everything.
	Q string
}

// likePattern makes q a literal ILIKE substring pattern: the LIKE
// wildcards and the escape character in q match themselves.
func likePattern(q string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
}

// activityTextMatch is the search condition. Each side is exactly the
// expression of a trigram index (activities_text_idx for the Finnish text),
// so PostgreSQL can answer it with a bitmap index scan instead of reading
// every row.
const activityTextMatch = `((title || ' ' || description) ILIKE ? OR
	(title_sv || ' ' || title_en || ' ' || description_sv || ' ' || description_en) ILIKE ?)`

// ListActivities returns a page of activities ordered by first start.
func (s Store) ListActivities(ctx context.Context, f ActivityFilter, page paging.Page) ([]Activity, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Activity{}), "activities")
	q = database.WhereText(q, "status = ?", f.Status)
	q = database.WhereText(q, "category = ?", f.Category)
	q = database.WhereSet(q, "id IN (SELECT activity_id FROM activity_units WHERE unit_id = ?)", f.UnitID)
	q = database.WhereSet(q, "id IN (SELECT activity_id FROM activity_partners WHERE partner_id = ?)", f.PartnerID)
	q = database.WhereSet(q, "series_id = ?", f.SeriesID)
	if f.Q != "" {
		pat := likePattern(f.Q)
		q = q.Where(activityTextMatch, pat, pat)
	}
	rows, total, err := paging.Find[Activity](q, page, "starts_at, id")
	if err != nil {
		return nil, total, err
	}
	err = s.loadLinks(ctx, s.DB, rows)
	return rows, total, err
}

// GetActivity returns one activity with its units and partners.
func (s Store) GetActivity(ctx context.Context, id uuid.UUID) (Activity, error) {
	return s.getActivity(ctx, s.DB, id, false)
}

func (s Store) getActivity(ctx context.Context, db *gorm.DB, id uuid.UUID, lock bool) (Activity, error) {
	var a Activity
	q := db.WithContext(ctx)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.First(&a, "id = ?", id).Error; err != nil {
		return a, database.NotFound(err, "activity")
	}
	rows := []Activity{a}
	if err := s.loadLinks(ctx, db, rows); err != nil {
		return a, err
	}
	return rows[0], nil
}

// loadLinks fills UnitIDs and PartnerIDs.
func (s Store) loadLinks(ctx context.Context, db *gorm.DB, rows []Activity) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(rows))
	at := make(map[uuid.UUID]int, len(rows))
	for i, a := range rows {
		ids[i], at[a.ID] = a.ID, i
		rows[i].UnitIDs, rows[i].PartnerIDs = []uuid.UUID{}, []uuid.UUID{}
	}
	var units []ActivityUnit
	if err := db.WithContext(ctx).Where("activity_id IN ?", ids).Order("unit_id").Find(&units).Error; err != nil {
		return err
	}
	for _, u := range units {
		i := at[u.ActivityID]
		rows[i].UnitIDs = append(rows[i].UnitIDs, u.UnitID)
	}
	var partners []ActivityPartner
	if err := db.WithContext(ctx).Where("activity_id IN ?", ids).Order("partner_id").Find(&partners).Error; err != nil {
		return err
	}
	for _, p := range partners {
		i := at[p.ActivityID]
		rows[i].PartnerIDs = append(rows[i].PartnerIDs, p.PartnerID)
	}
	return nil
}

// CreateActivity inserts a validated activity, refusing (409) an overlap
// with a confirmed activity in one of its units unless allowOverlap.
func (s Store) CreateActivity(ctx context.Context, in ActivityInput, rule *recurrence.Rule, proposedBy *uuid.UUID) (Activity, error) {
	var a Activity
	in.toActivity(&a, rule, s.zone())
	a.ProposedBy = proposedBy
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		return s.withTx(tx).insertActivity(ctx, &a, in.AllowOverlap)
	})
	return a, err
}

// insertActivity is CreateActivity inside a transaction (s.DB is the tx).
func (s Store) insertActivity(ctx context.Context, a *Activity, allowOverlap bool) error {
	created, err := versioned.CreateIn(ctx, s.DB, *a, versioned.Write[Activity]{
		Apply: func(tx *gorm.DB, a *Activity) error {
			if err := lockUnits(ctx, tx, a.UnitIDs); err != nil {
				return err
			}
			return s.checkRefs(ctx, a)
		},
		After: func(tx *gorm.DB, _ Activity, a *Activity) error {
			if err := setLinks(ctx, tx, *a); err != nil {
				return err
			}
			if allowOverlap {
				return nil
			}
			return s.checkClash(ctx, *a, nil)
		},
		Action: "activity.create", Entity: "activity", View: s.activityView})
	*a = created
	return err
}

// ActivityCheck is a policy decision made on the locked activity and the
// change asked for.
type ActivityCheck func(before Activity, after ActivityInput) error

// UpdateActivity applies a patch if the version still matches, allowed is
// true of it, the status change is in the life cycle and no clash arises.
func (s Store) UpdateActivity(ctx context.Context, id uuid.UUID, ifMatch *int, patch ActivityPatch, allowed ActivityCheck) (Activity, error) {
	var in ActivityInput
	return versioned.Update(ctx, s.DB, versioned.Write[Activity]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Activity, error) { return s.getActivity(ctx, tx, id, true) },
		Apply: func(tx *gorm.DB, a *Activity) error {
			before := *a
			in = patch.merge(before)
			rule, err := in.Validate(s.zone())
			if err != nil {
				return err
			}
			if err := allowed(before, in); err != nil {
				return err
			}
			if err := checkTransition(before.Status, in.Status); err != nil {
				return err
			}
			in.toActivity(a, rule, s.zone())
			if err := lockUnits(ctx, tx, append(slices.Clone(before.UnitIDs), a.UnitIDs...)); err != nil {
				return err
			}
			st := s.withTx(tx)
			if err := st.checkRefs(ctx, a); err != nil {
				return err
			}
			if occurrencesChanged(before, *a) {
				return st.dropVanished(ctx, *a, rule)
			}
			return nil
		},
		After: func(tx *gorm.DB, before Activity, a *Activity) error {
			if !slices.Equal(before.UnitIDs, a.UnitIDs) || !slices.Equal(before.PartnerIDs, a.PartnerIDs) {
				if err := tx.Where("activity_id = ?", a.ID).Delete(&ActivityUnit{}).Error; err != nil {
					return err
				}
				if err := tx.Where("activity_id = ?", a.ID).Delete(&ActivityPartner{}).Error; err != nil {
					return err
				}
				if err := setLinks(ctx, tx, *a); err != nil {
					return err
				}
			}
			becameConfirmed := a.Status == StatusConfirmed && before.Status != StatusConfirmed
			if !in.AllowOverlap && (timingChanged(before, *a) || becameConfirmed) {
				if err := s.withTx(tx).checkClash(ctx, *a, nil); err != nil {
					return err
				}
			}
			return s.notifyActivityChange(ctx, tx, before, a)
		},
		Action: "activity.update", Entity: "activity", View: s.activityView})
}

func (s Store) activityView(a Activity) (any, error) { return toActivityResponse(a, s.zone()), nil }

// DeleteActivity removes an activity without attendance; one with
// recorded attendance is cancelled instead (409).
func (s Store) DeleteActivity(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Activity]{IfMatch: ifMatch,
		Lock:     func(tx *gorm.DB) (Activity, error) { return s.getActivity(ctx, tx, id, true) },
		Conflict: versioned.InUse("the activity has recorded attendance; cancel it instead"),
		After:    func(tx *gorm.DB, a Activity, _ *Activity) error { return s.notifyActivityChange(ctx, tx, a, nil) },
		Action:   "activity.delete", Entity: "activity", View: s.activityView})
}

// dropVanished runs when an activity's timing changes: attendance must
// still refer to an occurrence (else 409), and overrides of occurrences
// that no longer exist are deleted (and audited).
func (s Store) dropVanished(ctx context.Context, a Activity, rule *recurrence.Rule) error {
	zone, series := s.zone(), a.series(rule)
	var starts []time.Time
	if err := s.DB.WithContext(ctx).Model(&Attendance{}).Where("activity_id = ?", a.ID).
		Order("occurrence_start").Pluck("occurrence_start", &starts).Error; err != nil {
		return err
	}
	for _, t := range starts {
		if !recurrence.Has(series, zone, t) {
			return apperr.Conflict("attendance is recorded for the occurrence at %s, which the change would remove; "+
				"end the rule with UNTIL and create a new activity instead", t.In(zone).Format(time.RFC3339))
		}
	}
	var overrides []Override
	if err := s.DB.WithContext(ctx).Where("activity_id = ?", a.ID).Find(&overrides).Error; err != nil {
		return err
	}
	for _, o := range overrides {
		if recurrence.Has(series, zone, o.OriginalStart) {
			continue
		}
		if err := s.DB.Delete(&o).Error; err != nil {
			return err
		}
		if err := audit.Record(ctx, s.DB, "occurrence_override.delete", "occurrence_override", o.ID,
			toOverrideResponse(o, zone), nil); err != nil {
			return err
		}
	}
	return nil
}

func setLinks(ctx context.Context, tx *gorm.DB, a Activity) error {
	if len(a.UnitIDs) > 0 {
		rows := make([]ActivityUnit, len(a.UnitIDs))
		for i, u := range a.UnitIDs {
			rows[i] = ActivityUnit{ActivityID: a.ID, UnitID: u}
		}
		if err := tx.WithContext(ctx).Create(&rows).Error; err != nil {
			return err
		}
	}
	if len(a.PartnerIDs) > 0 {
		rows := make([]ActivityPartner, len(a.PartnerIDs))
		for i, p := range a.PartnerIDs {
			rows[i] = ActivityPartner{ActivityID: a.ID, PartnerID: p}
		}
		if err := tx.WithContext(ctx).Create(&rows).Error; err != nil {
			return err
		}
	}
	return nil
}

// checkRefs answers 422 for units, partners or a series that do not exist,
// and for an activity outside its series' dates.
func (s Store) checkRefs(ctx context.Context, a *Activity) error {
	db := s.DB.WithContext(ctx)
	count := func(table string, ids []uuid.UUID) (int64, error) {
		var n int64
		if len(ids) == 0 {
			return 0, nil
		}
		err := db.Table(table).Where("id IN ?", ids).Count(&n).Error
		return n, err
	}
	n, err := count("units", a.UnitIDs)
	if err != nil {
		return err
	}
	if n != int64(len(a.UnitIDs)) {
		return apperr.InvalidFieldCode("unit_ids", apperr.CodeNotFound, "names a unit that does not exist")
	}
	if n, err = count("partners", a.PartnerIDs); err != nil {
		return err
	}
	if n != int64(len(a.PartnerIDs)) {
		return apperr.InvalidFieldCode("partner_ids", apperr.CodeNotFound, "names a partner that does not exist")
	}
	if a.SeriesID != nil {
		var sr Series
		if err := db.First(&sr, "id = ?", *a.SeriesID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return apperr.InvalidFieldCode("series_id", apperr.CodeNotFound, "no such series")
			}
			return err
		}
		day := a.StartsAt.In(s.zone()).Format(time.DateOnly)
		if day < sr.StartsOn.String() || day > sr.EndsOn.String() {
			return apperr.InvalidFieldCode("starts_at", apperr.CodeOutOfRange, "must fall within the series' dates "+sr.StartsOn.String()+".."+sr.EndsOn.String())
		}
	}
	return nil
}

// lockUnits serialises calendar changes per unit (transaction-scoped
// advisory locks, taken in a fixed order), so two concurrent requests
// cannot both pass the clash check and double-book a unit.
func lockUnits(ctx context.Context, tx *gorm.DB, units []uuid.UUID) error {
	keys := make([]string, 0, len(units))
	for _, u := range units {
		keys = append(keys, "calendar-unit:"+u.String())
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) == 0 {
		return nil
	}
	return tx.WithContext(ctx).Exec(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) AS k ORDER BY k`,
		"{"+strings.Join(keys, ",")+"}").Error
}
