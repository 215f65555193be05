package calendar

import (
	"context"
	"errors"
	"strconv"
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

// ListOverrides returns a page of an activity's overrides by original start.
func (s Store) ListOverrides(ctx context.Context, activityID uuid.UUID, page paging.Page) ([]Override, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Override{}), "occurrence_overrides").Where("activity_id = ?", activityID)
	return paging.Find[Override](q, page, "original_start, id")
}

// GetOverride returns one override of an activity.
func (s Store) GetOverride(ctx context.Context, activityID, id uuid.UUID) (Override, error) {
	return database.ByID[Override](s.DB.WithContext(ctx).Where("activity_id = ?", activityID), id, "occurrence override")
}

// occurrenceOf checks that original is an occurrence of a (422 otherwise).
func (s Store) occurrenceOf(a Activity, original time.Time, field string) error {
	rule, err := ruleOf(a)
	if err != nil {
		return err
	}
	if !recurrence.Has(a.series(rule), s.zone(), original) {
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
	var st Store
	var a Activity
	return versioned.Create(ctx, s.DB, Override{}, versioned.Write[Override]{
		Apply: func(tx *gorm.DB, o *Override) error {
			st = s.withTx(tx)
			var err error
			if a, err = st.getActivity(ctx, tx, activityID, true); err != nil {
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
			*o = Override{ActivityID: a.ID, OriginalStart: in.OriginalStart.UTC().Truncate(time.Microsecond),
				StartsAt: in.StartsAt.UTC().Truncate(time.Microsecond), EndsAt: in.EndsAt.UTC().Truncate(time.Microsecond),
				Cancelled: in.Cancelled, Note: in.Note}
			return nil
		},
		Conflict: versioned.Unique("this occurrence already has an override; change that one"),
		After: func(tx *gorm.DB, _ Override, o *Override) error {
			if !o.Cancelled && !in.AllowOverlap {
				if err := st.checkClash(ctx, a, &o.OriginalStart); err != nil {
					return err
				}
			}
			return st.notifyOccurrenceChange(ctx, tx, a, "override:"+o.ID.String()+":v1", o.OriginalStart, o.StartsAt, o.Cancelled)
		},
		Action: "occurrence_override.create", Entity: "occurrence_override", View: s.overrideView})
}

// UpdateOverride changes an override if the version still matches.
func (s Store) UpdateOverride(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, p OverridePatch) (Override, error) {
	var a Activity
	var prevStart time.Time
	return versioned.Update(ctx, s.DB, versioned.Write[Override]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (o Override, err error) {
			a, o, err = s.lockOverride(ctx, tx, activityID, id)
			prevStart = o.StartsAt
			return o, err
		},
		Apply: func(tx *gorm.DB, o *Override) error {
			in := p.merge(*o)
			if err := in.validate(a.EndsAt.Sub(a.StartsAt)); err != nil {
				return err
			}
			if err := lockUnits(ctx, tx, a.UnitIDs); err != nil {
				return err
			}
			o.StartsAt, o.EndsAt = in.StartsAt.UTC().Truncate(time.Microsecond), in.EndsAt.UTC().Truncate(time.Microsecond)
			o.Cancelled, o.Note = in.Cancelled, in.Note
			return nil
		},
		After: func(tx *gorm.DB, _ Override, o *Override) error {
			if !o.Cancelled && (p.AllowOverlap == nil || !*p.AllowOverlap) {
				if err := s.withTx(tx).checkClash(ctx, a, &o.OriginalStart); err != nil {
					return err
				}
			}
			return s.notifyOccurrenceChange(ctx, tx, a, "override:"+o.ID.String()+":v"+strconv.Itoa(o.Version), prevStart, o.StartsAt, o.Cancelled)
		},
		Action: "occurrence_override.update", Entity: "occurrence_override", View: s.overrideView})
}

// lockOverride locks an activity (with its links) and then one of its overrides.
func (s Store) lockOverride(ctx context.Context, tx *gorm.DB, activityID, id uuid.UUID) (Activity, Override, error) {
	a, err := s.getActivity(ctx, tx, activityID, true)
	if err != nil {
		return a, Override{}, err
	}
	o, err := lockOf[Override](tx, activityID, id, "occurrence override")
	return a, o, err
}

// lockOf locks the row of one of an activity's overrides or attendance
// records (404 naming what when the activity has no such row).
func lockOf[M any](tx *gorm.DB, activityID, id uuid.UUID, what string) (M, error) {
	return database.ByID[M](tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("activity_id = ?", activityID), id, what)
}

func (s Store) overrideView(o Override) (any, error) { return toOverrideResponse(o, s.zone()), nil }

func (s Store) attendanceView(a Attendance) (any, error) {
	return toAttendanceResponse(a, s.zone()), nil
}

// DeleteOverride restores the occurrence to its original time, refusing
// (409) when that now clashes, unless allowOverlap.
func (s Store) DeleteOverride(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, allowOverlap bool) error {
	var a Activity
	return versioned.Delete(ctx, s.DB, versioned.Write[Override]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (o Override, err error) {
			a, o, err = s.lockOverride(ctx, tx, activityID, id)
			return o, err
		},
		Apply: func(tx *gorm.DB, _ *Override) error { return lockUnits(ctx, tx, a.UnitIDs) },
		After: func(tx *gorm.DB, o Override, _ *Override) error {
			if allowOverlap {
				return nil
			}
			if err := s.withTx(tx).checkClash(ctx, a, &o.OriginalStart); err != nil {
				return err
			}
			return s.notifyOccurrenceChange(ctx, tx, a, "override:"+o.ID.String()+":deleted", o.StartsAt, o.OriginalStart, false)
		},
		Action: "occurrence_override.delete", Entity: "occurrence_override", View: s.overrideView})
}

// ListAttendance returns a page of an activity's attendance by occurrence.
func (s Store) ListAttendance(ctx context.Context, activityID uuid.UUID, page paging.Page) ([]Attendance, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Attendance{}), "attendance").Where("activity_id = ?", activityID)
	return paging.Find[Attendance](q, page, "occurrence_start, id")
}

// GetAttendance returns one attendance record of an activity.
func (s Store) GetAttendance(ctx context.Context, activityID, id uuid.UUID) (Attendance, error) {
	return database.ByID[Attendance](s.DB.WithContext(ctx).Where("activity_id = ?", activityID), id, "attendance")
}

// CreateAttendance records an occurrence's attendance. The occurrence must
// exist (by expansion), not be cancelled and have started.
// Participants are written within the scope (a caller who sees none sends
// none: the handler's policy).
func (s Store) CreateAttendance(ctx context.Context, activityID uuid.UUID, in AttendanceInput, sc ParticipantScope, recordedBy *uuid.UUID, now time.Time) (Attendance, error) {
	var a Activity
	return versioned.Create(ctx, s.DB, Attendance{}, versioned.Write[Attendance]{
		Apply: func(tx *gorm.DB, rec *Attendance) error {
			st := s.withTx(tx)
			var err error
			if a, err = st.getActivity(ctx, tx, activityID, false); err != nil {
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
			*rec = Attendance{ActivityID: a.ID, OccurrenceStart: start, Residents: in.Residents, Staff: in.Staff,
				Volunteers: in.Volunteers, Relatives: in.Relatives, Feedback: in.Feedback, Notes: in.Notes, RecordedBy: recordedBy}
			return nil
		},
		Conflict: versioned.Unique("attendance is already recorded for this occurrence; change that record"),
		After: func(tx *gorm.DB, _ Attendance, rec *Attendance) error {
			if len(in.Participants) == 0 {
				return nil
			}
			if err := replaceParticipants(ctx, tx, *rec, a.UnitIDs, sc, in.Participants); err != nil {
				return err
			}
			return checkResidentsCount(ctx, tx, *rec)
		},
		Action: "attendance.create", Entity: "attendance", View: s.attendanceView})
}

// UpdateAttendance changes a record if the version still matches. Sent
// participants replace those the scope sees; the residents count stays at
// least the active and passive participants (422).
func (s Store) UpdateAttendance(ctx context.Context, activityID, id uuid.UUID, ifMatch *int, p AttendancePatch, sc ParticipantScope) (Attendance, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Attendance]{IfMatch: ifMatch,
		Lock:  func(tx *gorm.DB) (Attendance, error) { return lockOf[Attendance](tx, activityID, id, "attendance") },
		Apply: func(_ *gorm.DB, rec *Attendance) error { return p.apply(rec) },
		After: func(tx *gorm.DB, _ Attendance, rec *Attendance) error {
			if p.Participants != nil {
				a, err := s.getActivity(ctx, tx, activityID, false)
				if err != nil {
					return err
				}
				if err := replaceParticipants(ctx, tx, *rec, a.UnitIDs, sc, *p.Participants); err != nil {
					return err
				}
			}
			return checkResidentsCount(ctx, tx, *rec)
		},
		Action: "attendance.update", Entity: "attendance", View: s.attendanceView})
}

// DeleteAttendance removes a record; its participants go with it (each
// resident's loss audited under their participation).
func (s Store) DeleteAttendance(ctx context.Context, activityID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Attendance]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Attendance, error) { return lockOf[Attendance](tx, activityID, id, "attendance") },
		Apply: func(tx *gorm.DB, rec *Attendance) error {
			var gone []Participant
			if err := tx.WithContext(ctx).Where("attendance_id = ?", rec.ID).Find(&gone).Error; err != nil {
				return err
			}
			for i := range gone {
				if err := audit.Record(ctx, tx, "participation.delete", ParticipationEntity, gone[i].ResidentID, auditView(&gone[i]), nil); err != nil {
					return err
				}
			}
			return nil
		},
		Action: "attendance.delete", Entity: "attendance", View: s.attendanceView})
}

// AttendanceParticipants returns the participants the scope sees of the
// records, by record, auditing each resident's read.
func (s Store) AttendanceParticipants(ctx context.Context, ids []uuid.UUID, sc ParticipantScope) (map[uuid.UUID][]Participant, error) {
	return readParticipants(ctx, s.DB, ids, sc)
}

// WithAttendance returns which of the activities have recorded attendance
// (an activity with attendance cannot be deleted).
func (s Store) WithAttendance(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.Referenced(ctx, s.DB, "activities", ids, "attendance.activity_id")
}

// occurrenceKey names one occurrence: its activity and original start.
type occurrenceKey struct {
	activity uuid.UUID
	start    int64 // original start, Unix microseconds
}

func keyOf(activity uuid.UUID, start time.Time) occurrenceKey {
	return occurrenceKey{activity: activity, start: start.UnixMicro()}
}

// AttendanceOf returns the attendance record ids of the occurrences that
// have one.
func (s Store) AttendanceOf(ctx context.Context, occ []Occurrence) (map[occurrenceKey]uuid.UUID, error) {
	out := map[occurrenceKey]uuid.UUID{}
	if len(occ) == 0 {
		return out, nil
	}
	ids := make([]uuid.UUID, 0, len(occ))
	seen := map[uuid.UUID]bool{}
	from, to := occ[0].OriginalStart, occ[0].OriginalStart
	for _, o := range occ {
		if !seen[o.ActivityID] {
			seen[o.ActivityID] = true
			ids = append(ids, o.ActivityID)
		}
		if o.OriginalStart.Before(from) {
			from = o.OriginalStart
		}
		if o.OriginalStart.After(to) {
			to = o.OriginalStart
		}
	}
	var rows []Attendance
	if err := s.DB.WithContext(ctx).Select("id", "activity_id", "occurrence_start").
		Where("activity_id = ANY(?) AND occurrence_start BETWEEN ? AND ?", IDs(ids), from, to).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[keyOf(r.ActivityID, r.OccurrenceStart)] = r.ID
	}
	return out, nil
}
