package committee

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// exportParticipation lists every occurrence the resident was listed in,
// oldest first, for the resident's export.
func exportParticipation(ctx context.Context, tx *gorm.DB, residentID uuid.UUID) ([]ExportParticipation, error) {
	out := []ExportParticipation{}
	err := tx.WithContext(ctx).Raw(`SELECT a.activity_id, act.title AS activity_title, a.occurrence_start,
		p.participation, p.feedback, p.feedback_by
		FROM attendance_participants p
		JOIN attendance a ON a.id = p.attendance_id
		JOIN activities act ON act.id = a.activity_id
		WHERE p.resident_id = ?
		ORDER BY a.occurrence_start, p.id`, residentID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("export participation: %w", err)
	}
	for i := range out {
		out[i].OccurrenceStart = out[i].OccurrenceStart.UTC()
	}
	return out, nil
}
