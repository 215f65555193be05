package report

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// unitResidents are the counts behind each unit's ResidentsActive.
type unitResidents struct {
	residents, active map[uuid.UUID]int
}

// unitResidentsActive counts, per active unit, its active residents and those of them listed as taking
// part actively in an occurrence that started in [from, to) (a moved one by its new start). Only counts
// leave the database.
func (s Store) unitResidentsActive(ctx context.Context, from, to time.Time) (unitResidents, error) {
	out := unitResidents{residents: map[uuid.UUID]int{}, active: map[uuid.UUID]int{}}
	var rows []struct {
		UnitID    uuid.UUID
		Residents int
		Active    int
	}
	err := s.DB.WithContext(ctx).Raw(`SELECT r.unit_id, count(*) AS residents,
		count(*) FILTER (WHERE EXISTS (
			SELECT 1 FROM attendance_participants ap
			JOIN attendance a ON a.id = ap.attendance_id
			LEFT JOIN occurrence_overrides ov ON ov.activity_id = a.activity_id AND ov.original_start = a.occurrence_start
			WHERE ap.resident_id = r.id AND ap.participation = 'active'
				AND COALESCE(ov.starts_at, a.occurrence_start) >= ? AND COALESCE(ov.starts_at, a.occurrence_start) < ?)) AS active
		FROM residents r JOIN units u ON u.id = r.unit_id AND u.active
		WHERE r.active GROUP BY r.unit_id`, from.UTC(), to.UTC()).Scan(&rows).Error
	if err != nil {
		return out, fmt.Errorf("indicator unit residents: %w", err)
	}
	for _, r := range rows {
		out.residents[r.UnitID], out.active[r.UnitID] = r.Residents, r.Active
	}
	return out, nil
}
