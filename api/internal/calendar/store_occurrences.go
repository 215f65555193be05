package calendar

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/recurrence"
)

// ListOverrides returns a page of an activity's overrides by original start.
func (s Store) ListOverrides(ctx context.Context, activityID uuid.UUID, page paging.Page) ([]Override, int64, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Override{}), "occurrence_overrides").Where("activity_id = ?", activityID)
	return paging.Find[Override](q, page, "original_start, id")
}

// GetOverride returns one override of an activity.
func (s Store) GetOverride(ctx context.Context, activityID, id uuid.UUID) (Override, error) {
	var o Override
	err := s.DB.WithContext(ctx).First(&o, "id = ? AND activity_id = ?", id, activityID).Error
	return o, database.NotFound(err, "occurrence override")
}

// occurrenceOf checks that original is an occurrence of a (422 otherwise).
func (s Store) occurrenceOf(a Activity, original time.Time, field string) error {
	rule, err := ruleOf(a)
	if err != nil {
		return err
	}
	if !isOccurrence(rule, a.StartsAt, a.EndsAt.Sub(a.StartsAt), s.zone(), a.Exdates, original) {
		return apperr.InvalidFieldCode(field, apperr.CodeNotFound, "is not the start of an occurrence of the activity (use the occurrence's original_start)")
	}
	return nil
}

func ruleOf(a Activity) (*recurrence.Rule, error) {
	if a.Recurrence == "" {
		return nil, nil
	}
	return recurrence.Parse(a.Recurrence)
}

// CreateOverride moves or cancels one occurrence, refusing (409) a move
// onto a confirmed activity in the same unit unless in.AllowOverlap.
func (s Store) CreateOverride(ctx context.Context, activityID uuid.UUID, in OverrideInput) (Override, error) {
	var o Override
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		st := s.withTx(tx)
		a, err := st.getActivity(ctx, tx, activityID, true)
		if err != nil {
			return err
		}
		if err := in.validate(a.EndsAt.Sub(a.StartsAt)); err != nil {
			return err
		}
		if err := st.occurrenceOf(a, *in.OriginalStart, "original_start"); err != nil {
			return err
		}
		if err := lockUnits(ctx, tx, a.UnitIDs); err != nil {
			return err
		}
		o = Override{ActivityID: a.ID, OriginalStart: in.OriginalStart.UTC().Truncate(time.Microsecond),
			StartsAt: in.StartsAt.UTC().Truncate(time.Microsecond), EndsAt: in.EndsAt.UTC().Truncate(time.Microsecond),
			Cancelled: in.Cancelled, Note: in.Note}
		if err := tx.Create(&o).Error; err != nil {
			if database.IsUniqueViolation(err) {
				return apperr.Conflict("this occurrence already has an override; change that one")
			}
			return err
		}
		if !o.Cancelled && !in.AllowOverlap {
			if err := st.checkClash(ctx, a, &o.OriginalStart); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, "occurrence_override.create", "occurrence_override", o.ID, nil, toOverrideResponse(o, s.zone()))
	})
	return o, err
}

// UpdateOverride changes an override if the version still matches.
func (s Store) UpdateOverride(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, p OverridePatch) (Override, error) {
	var o Override
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		st := s.withTx(tx)
		a, err := st.getActivity(ctx, tx, activityID, true)
		if err != nil {
			return err
		}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&o, "id = ? AND activity_id = ?", id, activityID).Error; err != nil {
			return database.NotFound(err, "occurrence override")
		}
		if err := database.CheckVersion(ifMatch, o.Version); err != nil {
			return err
		}
		before := toOverrideResponse(o, s.zone())
		in := p.merge(o)
		if err := in.validate(a.EndsAt.Sub(a.StartsAt)); err != nil {
			return err
		}
		if err := lockUnits(ctx, tx, a.UnitIDs); err != nil {
			return err
		}
		o.StartsAt, o.EndsAt = in.StartsAt.UTC().Truncate(time.Microsecond), in.EndsAt.UTC().Truncate(time.Microsecond)
		o.Cancelled, o.Note = in.Cancelled, in.Note
		o.Version++
		if err := tx.Save(&o).Error; err != nil {
			return err
		}
		if !o.Cancelled && (p.AllowOverlap == nil || !*p.AllowOverlap) {
			if err := st.checkClash(ctx, a, &o.OriginalStart); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, "occurrence_override.update", "occurrence_override", o.ID, before, toOverrideResponse(o, s.zone()))
	})
	return o, err
}

// DeleteOverride restores the occurrence to its original time, refusing
// (409) when that now clashes, unless allowOverlap.
func (s Store) DeleteOverride(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, allowOverlap bool) error {
	return database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		st := s.withTx(tx)
		a, err := st.getActivity(ctx, tx, activityID, true)
		if err != nil {
			return err
		}
		var o Override
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&o, "id = ? AND activity_id = ?", id, activityID).Error; err != nil {
			return database.NotFound(err, "occurrence override")
		}
		if err := database.CheckVersion(ifMatch, o.Version); err != nil {
			return err
		}
		if err := lockUnits(ctx, tx, a.UnitIDs); err != nil {
			return err
		}
		if err := tx.Delete(&o).Error; err != nil {
			return err
		}
		if !allowOverlap {
			if err := st.checkClash(ctx, a, &o.OriginalStart); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, "occurrence_override.delete", "occurrence_override", o.ID, toOverrideResponse(o, s.zone()), nil)
	})
}

// ListAttendance returns a page of an activity's attendance by occurrence.
func (s Store) ListAttendance(ctx context.Context, activityID uuid.UUID, page paging.Page) ([]Attendance, int64, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Attendance{}), "attendance").Where("activity_id = ?", activityID)
	return paging.Find[Attendance](q, page, "occurrence_start, id")
}

// GetAttendance returns one attendance record of an activity.
func (s Store) GetAttendance(ctx context.Context, activityID, id uuid.UUID) (Attendance, error) {
	var a Attendance
	err := s.DB.WithContext(ctx).First(&a, "id = ? AND activity_id = ?", id, activityID).Error
	return a, database.NotFound(err, "attendance")
}

// CreateAttendance records an occurrence's attendance. The occurrence must
// exist (by expansion), not be cancelled and have started.
func (s Store) CreateAttendance(ctx context.Context, activityID uuid.UUID, in AttendanceInput, recordedBy *uuid.UUID, now time.Time) (Attendance, error) {
	var rec Attendance
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		st := s.withTx(tx)
		a, err := st.getActivity(ctx, tx, activityID, false)
		if err != nil {
			return err
		}
		start := in.OccurrenceStart.UTC().Truncate(time.Microsecond)
		if err := st.occurrenceOf(a, start, "occurrence_start"); err != nil {
			return err
		}
		actual := start
		var ov Override
		err = tx.WithContext(ctx).First(&ov, "activity_id = ? AND original_start = ?", a.ID, start).Error
		switch {
		case err == nil:
			if ov.Cancelled {
				return apperr.InvalidFieldCode("occurrence_start", apperr.CodeConflict, "the occurrence was cancelled")
			}
			actual = ov.StartsAt
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		if a.Status == StatusCancelled {
			return apperr.InvalidFieldCode("occurrence_start", apperr.CodeConflict, "the activity was cancelled")
		}
		if actual.After(now) {
			return apperr.InvalidFieldCode("occurrence_start", apperr.CodeConflict, "the occurrence has not started yet")
		}
		rec = Attendance{ActivityID: a.ID, OccurrenceStart: start, Residents: in.Residents, Staff: in.Staff,
			Volunteers: in.Volunteers, Relatives: in.Relatives, Feedback: in.Feedback, Notes: in.Notes, RecordedBy: recordedBy}
		if err := tx.Create(&rec).Error; err != nil {
			if database.IsUniqueViolation(err) {
				return apperr.Conflict("attendance is already recorded for this occurrence; change that record")
			}
			return err
		}
		return audit.Record(ctx, tx, "attendance.create", "attendance", rec.ID, nil, toAttendanceResponse(rec, s.zone()))
	})
	return rec, err
}

// UpdateAttendance changes a record if the version still matches.
func (s Store) UpdateAttendance(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, p AttendancePatch) (Attendance, error) {
	var rec Attendance
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&rec, "id = ? AND activity_id = ?", id, activityID).Error; err != nil {
			return database.NotFound(err, "attendance")
		}
		if err := database.CheckVersion(ifMatch, rec.Version); err != nil {
			return err
		}
		before := toAttendanceResponse(rec, s.zone())
		if err := p.apply(&rec); err != nil {
			return err
		}
		rec.Version++
		if err := tx.Save(&rec).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, "attendance.update", "attendance", rec.ID, before, toAttendanceResponse(rec, s.zone()))
	})
	return rec, err
}

// DeleteAttendance removes a record.
func (s Store) DeleteAttendance(ctx context.Context, activityID, id uuid.UUID, ifMatch *int) error {
	return database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		var rec Attendance
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&rec, "id = ? AND activity_id = ?", id, activityID).Error; err != nil {
			return database.NotFound(err, "attendance")
		}
		if err := database.CheckVersion(ifMatch, rec.Version); err != nil {
			return err
		}
		if err := tx.Delete(&rec).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, "attendance.delete", "attendance", rec.ID, toAttendanceResponse(rec, s.zone()), nil)
	})
}
