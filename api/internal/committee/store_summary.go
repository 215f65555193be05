package committee

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
)

// SummaryFilter chooses the year and units of a summary.
type SummaryFilter struct {
	Year         int
	DepartmentID *uuid.UUID
}

func (f SummaryFilter) bounds() (civil.Date, civil.Date) {
	return civil.Date{Time: time.Date(f.Year, 1, 1, 0, 0, 0, 0, time.UTC)},
		civil.Date{Time: time.Date(f.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func summaryUnits(q *gorm.DB, scope []uuid.UUID, f SummaryFilter) *gorm.DB {
	return database.WhereSet(whereScope(q.Where("u.active"), "u.id", scope), "u.department_id = ?", f.DepartmentID)
}

// MentorSummary counts, per active unit, its active mentors and the
// trainings its mentors completed in the year and their hours. A mentor
// of two units counts in both.
func (s Store) MentorSummary(ctx context.Context, scope []uuid.UUID, f SummaryFilter) (MentorSummary, error) {
	from, to := f.bounds()
	var rows []struct {
		UnitID         uuid.UUID
		UnitName       string
		Mentors        int
		TrainedMentors int
		Trainings      int
		HoursTenths    int64
	}
	q := s.DB.WithContext(ctx).Table("units u").
		Select(`u.id AS unit_id, u.name AS unit_name,
			count(DISTINCT m.id) FILTER (WHERE m.active) AS mentors,
			count(DISTINCT t.mentor_id) AS trained_mentors,
			count(t.id) AS trainings,
			coalesce(sum(t.hours_tenths), 0) AS hours_tenths`).
		Joins("LEFT JOIN mentor_units mu ON mu.unit_id = u.id").
		Joins("LEFT JOIN mentors m ON m.id = mu.mentor_id").
		Joins("LEFT JOIN mentor_trainings t ON t.mentor_id = m.id AND t.completed_on >= ? AND t.completed_on < ?", from, to)
	err := summaryUnits(q, scope, f).Group("u.id, u.name").Order("u.name, u.id").Scan(&rows).Error
	out := MentorSummary{Year: f.Year, Units: make([]MentorUnitSummary, len(rows))}
	for i, r := range rows {
		out.Units[i] = MentorUnitSummary{UnitID: r.UnitID, UnitName: r.UnitName, Mentors: r.Mentors,
			TrainedMentors: r.TrainedMentors, Trainings: r.Trainings, TrainingHours: float64(r.HoursTenths) / 10}
	}
	return out, err
}

// CommitteeSummary counts, per active unit, its active committees, the
// residents on a committee today, the meetings held in the year, and the
// ideas filed in the year by their status now and how many of them became
// activities.
func (s Store) CommitteeSummary(ctx context.Context, scope []uuid.UUID, f SummaryFilter, today civil.Date, zone *time.Location) (CommitteeSummary, error) {
	from, to := f.bounds()
	fromT := time.Date(f.Year, 1, 1, 0, 0, 0, 0, zone)
	toT := time.Date(f.Year+1, 1, 1, 0, 0, 0, 0, zone)
	var rows []CommitteeUnitSummary
	q := s.DB.WithContext(ctx).Table("units u").
		Select(`u.id AS unit_id, u.name AS unit_name,
			(SELECT count(*) FROM committees c WHERE c.unit_id = u.id AND c.active) AS committees,
			(SELECT count(DISTINCT cm.resident_id) FROM committee_members cm WHERE cm.unit_id = u.id AND cm.joined_on <= @today
				AND (cm.left_on IS NULL OR cm.left_on >= @today)) AS current_members,
			(SELECT count(*) FROM committee_meetings mt JOIN committees c ON c.id = mt.committee_id
				WHERE c.unit_id = u.id AND mt.held_on >= @from AND mt.held_on < @to) AS meetings,
			coalesce(i.ideas_new, 0) AS ideas_new, coalesce(i.ideas_planned, 0) AS ideas_planned,
			coalesce(i.ideas_done, 0) AS ideas_done, coalesce(i.ideas_declined, 0) AS ideas_declined,
			coalesce(i.ideas_with_activity, 0) AS ideas_with_activity`,
			map[string]any{"today": today, "from": from, "to": to}).
		Joins(`LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'new') AS ideas_new,
				count(*) FILTER (WHERE status = 'planned') AS ideas_planned,
				count(*) FILTER (WHERE status = 'done') AS ideas_done,
				count(*) FILTER (WHERE status = 'declined') AS ideas_declined,
				count(activity_id) AS ideas_with_activity
			FROM ideas WHERE ideas.unit_id = u.id AND ideas.created_at >= ? AND ideas.created_at < ?) i ON true`,
			fromT.UTC(), toT.UTC())
	err := summaryUnits(q, scope, f).Order("u.name, u.id").Scan(&rows).Error
	if rows == nil {
		rows = []CommitteeUnitSummary{}
	}
	return CommitteeSummary{Year: f.Year, Units: rows}, err
}
