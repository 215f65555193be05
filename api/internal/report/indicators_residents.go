package report

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// MinResidents is the fewest residents a resident-level figure may stand on; below it the figure is
// suppressed (issue 19: reports stay anonymous).
const MinResidents = 3

// ResidentShare is the share of residents with at least one active participation, where per-resident
// participation is recorded (issue 19's participants of an attendance record): Units are the active
// units that listed at least one participant on an occurrence in the period; Denominator their active
// residents (now), Numerator those of them listed as taking part actively at least once. Suppressed
// (numerator and denominator 0, share null) when fewer than MinResidents residents are behind it.
type ResidentShare struct {
	Units       int  `json:"units"`
	Numerator   int  `json:"numerator"`
	Denominator int  `json:"denominator"`
	ShareBP     *int `json:"share_bp" extensions:"x-nullable"`
	Suppressed  bool `json:"suppressed"`
}

func residentShare(units, n, d int) ResidentShare {
	if units > 0 && d < MinResidents {
		return ResidentShare{Units: units, Suppressed: true}
	}
	r := ratio(n, d)
	return ResidentShare{Units: units, Numerator: r.Numerator, Denominator: r.Denominator, ShareBP: r.ShareBP}
}

// residentShares adds up per-resident participation in [from, to) per month (starts: the months' first
// instants and the end, as monthStarts) and for the whole range. An occurrence belongs to the month in
// which it starts (a moved one by its new start), as everywhere in the reports. Only counts leave the
// database; no resident is named.
func (s Store) residentShares(ctx context.Context, from, to time.Time, starts []time.Time) ([]ResidentShare, ResidentShare, error) {
	zone := s.zone()
	db := s.DB.WithContext(ctx)
	var rows []struct {
		Month  *string
		UnitID uuid.UUID
		Active int
	}
	// A moved occurrence starts elsewhere than the rule put it (occurrence_start); the outer bounds, wide
	// enough for any move the calendar makes, let the index on occurrence_start work.
	if err := db.Raw(`WITH p AS (
			SELECT r.unit_id, ap.resident_id, ap.participation = 'active' AND r.active AS active,
				COALESCE(ov.starts_at, a.occurrence_start) AS starts
			FROM attendance a
			JOIN attendance_participants ap ON ap.attendance_id = a.id
			JOIN residents r ON r.id = ap.resident_id
			JOIN units u ON u.id = r.unit_id AND u.active
			LEFT JOIN occurrence_overrides ov ON ov.activity_id = a.activity_id AND ov.original_start = a.occurrence_start
			WHERE a.occurrence_start >= ?::timestamptz - interval '400 days' AND a.occurrence_start < ?::timestamptz + interval '400 days'),
		m AS (SELECT unit_id, resident_id, active, to_char(starts AT TIME ZONE ?, 'YYYY-MM') AS month
			FROM p WHERE starts >= ? AND starts < ?)
		SELECT month, unit_id, count(DISTINCT resident_id) FILTER (WHERE active) AS active
		FROM m GROUP BY GROUPING SETS ((month, unit_id), (unit_id))`,
		from.UTC(), to.UTC(), zone.String(), from.UTC(), to.UTC()).Scan(&rows).Error; err != nil {
		return nil, ResidentShare{}, fmt.Errorf("indicator residents: %w", err)
	}
	if len(rows) == 0 {
		return make([]ResidentShare, len(starts)-1), ResidentShare{}, nil
	}
	var counts []struct {
		UnitID    uuid.UUID
		Residents int
	}
	if err := db.Raw(`SELECT unit_id, count(*) AS residents FROM residents WHERE active GROUP BY unit_id`).Scan(&counts).Error; err != nil {
		return nil, ResidentShare{}, fmt.Errorf("indicator residents: %w", err)
	}
	residents := make(map[uuid.UUID]int, len(counts))
	for _, c := range counts {
		residents[c.UnitID] = c.Residents
	}
	type sum struct{ units, n, d int }
	months := map[string]*sum{}
	var all sum
	for _, r := range rows {
		t := &all
		if r.Month != nil {
			if t = months[*r.Month]; t == nil {
				t = &sum{}
				months[*r.Month] = t
			}
		}
		t.units++
		t.n += r.Active
		t.d += residents[r.UnitID]
	}
	out := make([]ResidentShare, len(starts)-1)
	for i := range out {
		if m := months[starts[i].Format("2006-01")]; m != nil {
			out[i] = residentShare(m.units, m.n, m.d)
		}
	}
	return out, residentShare(all.units, all.n, all.d), nil
}
