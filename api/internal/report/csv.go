package report

import "kulttuurisilta/api/internal/export"

var csvHeader = []string{"group_by", "key", "label", "occurrences", "cancelled", "occurrences_with_attendance",
	"residents", "staff", "volunteers", "relatives", "participants_total", "feedback_mean", "feedback_count",
	"units_reached", "units_reached_share_bp"}

// WriteCSV writes the activity report: a row per group, then a "total" row.
func (r ActivityReport) WriteCSV(w *export.CSV) error {
	if err := w.Header(csvHeader...); err != nil {
		return err
	}
	row := func(key, label string, m Metrics) error {
		var mean any
		if m.FeedbackMean != nil {
			mean = export.Decimal{Value: *m.FeedbackMean, Places: 2}
		}
		p := m.Participants
		return w.Row(r.GroupBy, key, label, m.Occurrences, m.Cancelled, m.OccurrencesWithAttendance, p.Residents,
			p.Staff, p.Volunteers, p.Relatives, p.Total, mean, m.FeedbackCount, m.UnitsReached, m.UnitsReachedShareBP)
	}
	for _, g := range r.Groups {
		if err := row(g.Key, g.Label, g.Metrics); err != nil {
			return err
		}
	}
	return row("total", "Total", r.Totals)
}
