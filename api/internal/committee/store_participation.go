package committee

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/calendar"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
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

// occurrenceDay is the calendar day (in the zone parameter) an attendance
// record's occurrence took place: its moved start when it was moved.
const occurrenceDay = `(COALESCE(ov.starts_at, a.occurrence_start) AT TIME ZONE @zone)::date`

// participationFrom joins a participant row to its record, activity and
// override.
const participationFrom = `FROM attendance_participants p
	JOIN attendance a ON a.id = p.attendance_id
	JOIN activities act ON act.id = a.activity_id
	LEFT JOIN occurrence_overrides ov ON ov.activity_id = a.activity_id AND ov.original_start = a.occurrence_start`

// zoneName is the zone's IANA name for SQL ("UTC" for the local zone).
func zoneName(loc *time.Location) string {
	if loc == nil || loc.String() == "Local" {
		return "UTC"
	}
	return loc.String()
}

type participationRow struct {
	Participation string
	Feedback      *int
	FeedbackBy    string
	Category      string
	Day           civil.Date
}

// participationRows are the resident's listed participations on days in [from, to).
func participationRows(ctx context.Context, tx *gorm.DB, residentID uuid.UUID, from, to civil.Date, zone *time.Location) ([]participationRow, error) {
	var rows []participationRow
	err := tx.WithContext(ctx).Raw(`SELECT p.participation, p.feedback, p.feedback_by, act.category, `+occurrenceDay+` AS day `+
		participationFrom+` WHERE p.resident_id = @resident AND `+occurrenceDay+` >= @from AND `+occurrenceDay+` < @to
		ORDER BY day, p.id`, map[string]any{"zone": zoneName(zone), "resident": residentID, "from": from, "to": to}).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("participation: %w", err)
	}
	return rows, nil
}

// lastActive is the resident's last day of active participation before to.
func lastActive(ctx context.Context, tx *gorm.DB, residentID uuid.UUID, to civil.Date, zone *time.Location) (*civil.Date, error) {
	var row struct{ Last *civil.Date }
	err := tx.WithContext(ctx).Raw(`SELECT max(`+occurrenceDay+`) AS last `+participationFrom+`
		WHERE p.resident_id = @resident AND p.participation = 'active' AND `+occurrenceDay+` < @to`,
		map[string]any{"zone": zoneName(zone), "resident": residentID, "to": to}).Scan(&row).Error
	if err != nil {
		return nil, fmt.Errorf("last active: %w", err)
	}
	return row.Last, nil
}

// Participation summarises a resident's participation in [from, to) and
// audits the read.
func (s Store) Participation(ctx context.Context, scope []uuid.UUID, residentID uuid.UUID, from, to civil.Date, zone *time.Location) (ParticipationSummary, error) {
	var out ParticipationSummary
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		r, err := findResident(tx, scope, residentID)
		if err != nil {
			return err
		}
		if out, err = participation(ctx, tx, r, from, to, zone); err != nil {
			return err
		}
		return audit.Record(ctx, tx, "participation.read", calendar.ParticipationEntity, residentID, nil, nil)
	})
	return out, err
}

// participation reads and summarises the resident's participation in
// [from, to), with the last day active before to.
func participation(ctx context.Context, tx *gorm.DB, r Resident, from, to civil.Date, zone *time.Location) (ParticipationSummary, error) {
	rows, err := participationRows(ctx, tx, r.ID, from, to, zone)
	if err != nil {
		return ParticipationSummary{}, err
	}
	last, err := lastActive(ctx, tx, r.ID, to, zone)
	if err != nil {
		return ParticipationSummary{}, err
	}
	out := summarise(r, rows, from, to)
	out.LastActiveOn = last
	return out, nil
}

// summarise is the summary of the rows of [from, to).
func summarise(r Resident, rows []participationRow, from, to civil.Date) ParticipationSummary {
	out := ParticipationSummary{ResidentID: r.ID, From: from, To: to, GoalDays: r.CultureGoalDays, ByCategory: []CategoryParticipation{}}
	activeDays := map[civil.Date]bool{}
	cats := map[string]*ParticipationCounts{}
	var selfSum, proxySum int
	for _, row := range rows {
		c := cats[row.Category]
		if c == nil {
			c = &ParticipationCounts{}
			cats[row.Category] = c
		}
		for _, pc := range []*ParticipationCounts{&out.ByParticipation, c} {
			switch row.Participation {
			case calendar.ParticipationActive:
				pc.Active++
			case calendar.ParticipationPassive:
				pc.Passive++
			default:
				pc.Declined++
			}
		}
		if row.Participation == calendar.ParticipationActive {
			activeDays[row.Day] = true
		}
		if row.Feedback != nil {
			if row.FeedbackBy == "proxy" {
				out.FeedbackProxy.Count++
				proxySum += *row.Feedback
			} else {
				out.FeedbackSelf.Count++
				selfSum += *row.Feedback
			}
		}
	}
	out.ActiveDays = len(activeDays)
	out.FeedbackSelf.Mean = mean(selfSum, out.FeedbackSelf.Count)
	out.FeedbackProxy.Mean = mean(proxySum, out.FeedbackProxy.Count)
	for _, cat := range calendar.Categories {
		if c := cats[cat]; c != nil {
			out.ByCategory = append(out.ByCategory, CategoryParticipation{Category: cat, ParticipationCounts: *c})
		}
	}
	out.Months = []MonthParticipation{}
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); m.Before(to.Time); m = m.AddDate(0, 1, 0) {
		mp := MonthParticipation{Month: m.Format("2006-01")}
		for d := range activeDays {
			if d.Year() == m.Year() && d.Month() == m.Month() {
				mp.ActiveDays++
			}
		}
		if r.CultureGoalDays != nil {
			met := mp.ActiveDays >= *r.CultureGoalDays
			mp.GoalMet = &met
		}
		out.Months = append(out.Months, mp)
	}
	return out
}

func mean(sum, n int) *float64 {
	if n == 0 {
		return nil
	}
	m := math.Round(float64(sum)*100/float64(n)) / 100
	return &m
}

// LeftOut lists the unit's active residents with no active participation
// on the days (today-days, today], those without for longest first (never
// first, then by name), and audits each listed resident's read.
func (s Store) LeftOut(ctx context.Context, scope []uuid.UUID, unitID uuid.UUID, days int, today civil.Date, zone *time.Location, page paging.Page) ([]LeftOutResident, paging.Found, error) {
	var out []LeftOutResident
	var total int64
	start, err := page.Start()
	if err != nil {
		return nil, paging.Found{}, err
	}
	err = database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		if !inScope(scope, unitID) {
			return apperr.NotFound("unit")
		}
		var n int64
		if err := tx.WithContext(ctx).Table("units").Where("id = ?", unitID).Count(&n).Error; err != nil {
			return fmt.Errorf("left out: %w", err)
		}
		if n == 0 {
			return apperr.NotFound("unit")
		}
		cut := civil.Date{Time: today.AddDate(0, 0, -days+1)}
		args := map[string]any{"zone": zoneName(zone), "unit": unitID, "cut": cut, "limit": page.Limit, "offset": start}
		base := `WITH last AS (
			SELECT r.id, r.display_name, max(` + occurrenceDay + `) FILTER (WHERE p.participation = 'active') AS last_active
			FROM residents r
			LEFT JOIN attendance_participants p ON p.resident_id = r.id
			LEFT JOIN attendance a ON a.id = p.attendance_id
			LEFT JOIN occurrence_overrides ov ON ov.activity_id = a.activity_id AND ov.original_start = a.occurrence_start
			WHERE r.unit_id = @unit AND r.active
			GROUP BY r.id, r.display_name)
			`
		if err := tx.WithContext(ctx).Raw(base+`SELECT count(*) FROM last WHERE last_active IS NULL OR last_active < @cut`, args).
			Scan(&total).Error; err != nil {
			return fmt.Errorf("left out: %w", err)
		}
		var rows []struct {
			ID          uuid.UUID
			DisplayName string
			LastActive  *civil.Date
		}
		if err := tx.WithContext(ctx).Raw(base+`SELECT id, display_name, last_active FROM last
			WHERE last_active IS NULL OR last_active < @cut
			ORDER BY last_active NULLS FIRST, lower(display_name), id LIMIT @limit OFFSET @offset`, args).Scan(&rows).Error; err != nil {
			return fmt.Errorf("left out: %w", err)
		}
		out = make([]LeftOutResident, len(rows))
		for i, r := range rows {
			out[i] = LeftOutResident{ResidentID: r.ID, DisplayName: r.DisplayName, LastActiveOn: r.LastActive}
			if r.LastActive != nil {
				d := int(today.Sub(r.LastActive.Time).Hours() / 24)
				out[i].DaysWithout = &d
			}
			if err := audit.Record(ctx, tx, "participation.read", calendar.ParticipationEntity, r.ID, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
	return out, paging.At(page, start, len(out), int(total)), err
}
