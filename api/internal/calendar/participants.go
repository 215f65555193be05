package calendar

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
)

// Participants of attendance records: residents of the hosting units who
// took part (docs/residents.md). They are personal data with the privacy
// of culture profiles: only admins and the units' mentors see them
// (participantsSeenBy), every read is written to the audit log, and the
// audit events about one resident's participation are kept under the
// entity "resident_participation" with the resident's id, so the
// resident's erasure scrubs them. The attendance record's own audit view
// holds the counts only.

// ParticipationEntity is the audit entity of a resident's participation
// (its id is the resident's).
const ParticipationEntity = "resident_participation"

// participantAudit is what the audit log keeps of one participation.
type participantAudit struct {
	AttendanceID  uuid.UUID `json:"attendance_id"`
	Participation string    `json:"participation"`
	Feedback      *int      `json:"feedback"`
	FeedbackBy    string    `json:"feedback_by"`
}

func auditView(p *Participant) any {
	if p == nil {
		return nil
	}
	return participantAudit{AttendanceID: p.AttendanceID, Participation: p.Participation, Feedback: p.Feedback, FeedbackBy: p.FeedbackBy}
}

// visible narrows a query of participants to what the scope sees.
func (sc ParticipantScope) visible(q *gorm.DB) *gorm.DB {
	if sc.All {
		return q
	}
	return q.Where("attendance_participants.resident_id IN (SELECT id FROM residents WHERE unit_id = ANY(?))",
		database.Array[uuid.UUID](sc.Units))
}

// readParticipants returns the participants the scope sees of the
// records, by record, and audits the read of each resident's
// participation. A scope that sees none reads nothing (nil map).
func readParticipants(ctx context.Context, db *gorm.DB, ids []uuid.UUID, sc ParticipantScope) (map[uuid.UUID][]Participant, error) {
	if sc.none() {
		return nil, nil
	}
	out := make(map[uuid.UUID][]Participant, len(ids))
	err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		var rows []Participant
		q := sc.visible(tx.WithContext(ctx).Model(&Participant{})).
			Joins("JOIN residents r ON r.id = attendance_participants.resident_id").
			Where("attendance_participants.attendance_id IN ?", ids).
			Order("lower(r.display_name), attendance_participants.resident_id")
		if err := q.Find(&rows).Error; err != nil {
			return fmt.Errorf("read participants: %w", err)
		}
		read := map[uuid.UUID]bool{}
		for _, r := range rows {
			out[r.AttendanceID] = append(out[r.AttendanceID], r)
			if !read[r.ResidentID] {
				read[r.ResidentID] = true
				if err := audit.Record(ctx, tx, "participation.read", ParticipationEntity, r.ResidentID, nil, nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// withParticipants is the response of a record with the participants
// the scope sees (nil when it sees none: counts only).
func withParticipants(r AttendanceResponse, sc ParticipantScope, rows []Participant) AttendanceResponse {
	if sc.none() {
		return r
	}
	list := make([]ParticipantResponse, len(rows))
	for i, p := range rows {
		list[i] = toParticipantResponse(p)
	}
	r.Participants = &list
	return r
}

// replaceParticipants makes the list the participants of the record that
// the scope sees (the others, a mentor's colleagues' units' residents,
// stay), auditing each resident's change. Each must be a resident of a
// unit hosting the activity (and, for a mentor, of their own units).
func replaceParticipants(ctx context.Context, tx *gorm.DB, rec Attendance, hosting []uuid.UUID, sc ParticipantScope, list []ParticipantInput) error {
	units := hosting
	if !sc.All {
		units = slices.DeleteFunc(slices.Clone(hosting), func(u uuid.UUID) bool { return !slices.Contains(sc.Units, u) })
	}
	ids := make([]uuid.UUID, len(list))
	for i, p := range list {
		ids[i] = p.ResidentID
	}
	var known []uuid.UUID
	if len(ids) > 0 {
		err := tx.WithContext(ctx).Table("residents").Where("id IN ? AND unit_id = ANY(?)", ids, database.Array[uuid.UUID](units)).
			Pluck("id", &known).Error
		if err != nil {
			return fmt.Errorf("participants' residents: %w", err)
		}
	}
	var bad []apperr.FieldError
	for i, id := range ids {
		if !slices.Contains(known, id) {
			bad = append(bad, apperr.FieldError{Field: fmt.Sprintf("participants[%d].resident_id", i), Code: apperr.CodeNotFound,
				Message: "is not a resident of a unit hosting the activity"})
		}
	}
	if len(bad) > 0 {
		return apperr.Invalid(bad...)
	}
	var before []Participant
	if err := sc.visible(tx.WithContext(ctx).Model(&Participant{})).Where("attendance_id = ?", rec.ID).Find(&before).Error; err != nil {
		return fmt.Errorf("participants: %w", err)
	}
	old := make(map[uuid.UUID]*Participant, len(before))
	for i := range before {
		old[before[i].ResidentID] = &before[i]
	}
	for _, in := range list {
		o := old[in.ResidentID]
		delete(old, in.ResidentID)
		switch {
		case o == nil:
			p := Participant{AttendanceID: rec.ID, ResidentID: in.ResidentID, Participation: in.Participation,
				Feedback: in.Feedback, FeedbackBy: in.FeedbackBy}
			if err := tx.WithContext(ctx).Create(&p).Error; err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, "participation.create", ParticipationEntity, p.ResidentID, nil, auditView(&p)); err != nil {
				return err
			}
		case o.Participation != in.Participation || !equalPtr(o.Feedback, in.Feedback) || o.FeedbackBy != in.FeedbackBy:
			was := *o
			o.Participation, o.Feedback, o.FeedbackBy = in.Participation, in.Feedback, in.FeedbackBy
			o.Version++
			if err := tx.WithContext(ctx).Save(o).Error; err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, "participation.update", ParticipationEntity, o.ResidentID, auditView(&was), auditView(o)); err != nil {
				return err
			}
		}
	}
	for _, o := range old {
		if err := tx.WithContext(ctx).Delete(o).Error; err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, "participation.delete", ParticipationEntity, o.ResidentID, auditView(o), nil); err != nil {
			return err
		}
	}
	return nil
}

// checkResidentsCount refuses (422) a residents count below the record's
// active and passive participants (all of them, seen or not; the
// database checks the same at commit).
func checkResidentsCount(ctx context.Context, tx *gorm.DB, rec Attendance) error {
	var n int64
	err := tx.WithContext(ctx).Model(&Participant{}).
		Where("attendance_id = ? AND participation IN ?", rec.ID, []string{ParticipationActive, ParticipationPassive}).Count(&n).Error
	if err != nil {
		return fmt.Errorf("count participants: %w", err)
	}
	if int64(rec.Residents) < n {
		return apperr.InvalidFieldCode("residents", apperr.CodeOutOfRange,
			fmt.Sprintf("must be at least the active and passive participants (%d)", n))
	}
	return nil
}

func equalPtr(a, b *int) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
