package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
)

var csvHeader = []string{"group_by", "key", "label", "occurrences", "cancelled", "occurrences_with_attendance",
	"residents", "staff", "volunteers", "relatives", "participants_total", "feedback_mean", "feedback_count",
	"units_reached", "units_reached_share_bp"}

// CSV renders the activity report as CSV: a row per group, then a "total" row.
func (r ActivityReport) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	row := func(key, label string, m Metrics) {
		mean := ""
		if m.FeedbackMean != nil {
			mean = strconv.FormatFloat(*m.FeedbackMean, 'f', 2, 64)
		}
		p := m.Participants
		_ = w.Write([]string{r.GroupBy, safeCell(key), safeCell(label), itoa(m.Occurrences), itoa(m.Cancelled),
			itoa(m.OccurrencesWithAttendance), itoa(p.Residents), itoa(p.Staff), itoa(p.Volunteers), itoa(p.Relatives),
			itoa(p.Total), mean, itoa(m.FeedbackCount), itoa(m.UnitsReached), itoa(m.UnitsReachedShareBP)})
	}
	for _, g := range r.Groups {
		row(g.Key, g.Label, g.Metrics)
	}
	row("total", "Total", r.Totals)
	w.Flush()
	return b.Bytes()
}

func itoa(n int) string { return strconv.Itoa(n) }

// safeCell keeps a spreadsheet from reading a user-entered name as a formula (CSV injection).
func safeCell(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}
