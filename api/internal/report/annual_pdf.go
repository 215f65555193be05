package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/pdfdoc"
)

// PDF writes the annual report as an A4 PDF in its language. The same data give the same bytes.
func (a Annual) PDF() ([]byte, error) {
	t, l, ind := annualTexts[a.Lang], a.Lang, a.Indicators
	title := fmt.Sprintf("%s %d", t.title, a.Year)
	d, err := pdfdoc.New(pdfdoc.Options{Lang: l, Header: "Kulttuurisilta", HeaderRight: title, Title: title,
		Subject: t.indicators, Author: "Kulttuurisilta", Created: a.Created})
	if err != nil {
		return nil, err
	}
	w := &pdfWriter{d: d}
	w.do(d.Heading(title, 20))
	last := ind.To.AddDate(0, 0, -1)
	w.do(d.Fields([][2]string{{t.period, l10n.Date(ind.From, l) + "–" + l10n.Date(last, l)},
		{t.created, l10n.Date(a.Created.In(a.Zone), l)}, {t.unitsActive, l10n.Number(int64(ind.UnitsReached.Denominator), l)}}))
	w.do(d.Paragraph(fmt.Sprintf(t.summary, ind.UnitsReached.Numerator, ind.UnitsReached.Denominator,
		shareText(ind.UnitsReached, l), l10n.Number(int64(ind.Occurrences), l), l10n.Number(int64(ind.Participants.Total), l))))

	// The indicators, each with its numerator and denominator.
	w.do(d.Heading(t.indicators, 14))
	tbl := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.indicator, Weight: 4}, {Title: t.value, Weight: 1.2, Align: pdfdoc.Right},
		{Title: t.numerator, Weight: 1.2, Align: pdfdoc.Right}, {Title: t.denominator, Weight: 1.2, Align: pdfdoc.Right}}, Size: 9}
	for _, r := range a.rows() {
		tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: []string{r.label, r.value, l10n.Number(int64(r.numerator), l),
			l10n.Number(int64(r.denominator), l)}})
	}
	w.do(d.Table(tbl))

	// By month: the share of units reached and the participation, as a table and a line.
	w.do(d.Heading(t.byMonth, 14))
	months := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.month, Weight: 2}, {Title: t.reachedUnits, Weight: 1.6, Align: pdfdoc.Right},
		{Title: t.share, Weight: 1.2, Align: pdfdoc.Right}, {Title: t.occurrences, Weight: 1.2, Align: pdfdoc.Right},
		{Title: t.participants, Weight: 1.2, Align: pdfdoc.Right}, {Title: t.residents, Weight: 1.2, Align: pdfdoc.Right}}, Size: 9}
	var labels []string
	var part, res []int64
	for i, m := range ind.Months {
		start := ind.From.AddDate(0, i, 0)
		labels = append(labels, monthLabel(start.Month(), l))
		part, res = append(part, int64(m.Participants.Total)), append(res, int64(m.Participants.Residents))
		months.Rows = append(months.Rows, pdfdoc.Row{Cells: []string{l10n.Month(start, l),
			fmt.Sprintf("%d/%d", m.UnitsReached.Numerator, m.UnitsReached.Denominator), shareText(m.UnitsReached, l),
			l10n.Number(int64(m.Occurrences), l), l10n.Number(int64(m.Participants.Total), l), l10n.Number(int64(m.Participants.Residents), l)}})
	}
	w.do(d.Table(months))
	w.do(d.Heading(t.participationChart, 12))
	w.do(d.LineChart(pdfdoc.LineChart{Labels: labels, Series: []pdfdoc.Series{{Name: t.participants, Values: part},
		{Name: t.residents, Values: res}}, Format: func(v int64) string { return l10n.Number(v, l) }}))

	// The other charts.
	num := func(v int64) string { return l10n.Number(v, l) }
	var cats []pdfdoc.Bar
	for _, c := range ind.Categories {
		cats = append(cats, pdfdoc.Bar{Label: l10n.Category(c.Key, l), Value: int64(c.Occurrences), Color: pdfdoc.Palette[0]})
	}
	w.do(d.Heading(t.categoryChart, 12))
	w.do(d.BarChart(pdfdoc.BarChart{Bars: cats, Format: num, Size: 9}))
	var groups []pdfdoc.Bar
	for _, g := range ind.TargetGroups {
		groups = append(groups, pdfdoc.Bar{Label: l10n.TargetGroup(g.Key, l), Value: int64(g.Participants.Total), Color: pdfdoc.Palette[2]})
	}
	w.do(d.Heading(t.targetGroupChart, 12))
	w.do(d.BarChart(pdfdoc.BarChart{Bars: groups, Format: num, Size: 9}))
	var fb []pdfdoc.Bar
	for i, n := range ind.Feedback.Distribution {
		fb = append(fb, pdfdoc.Bar{Label: fmt.Sprint(i + 1), Value: int64(n), Color: pdfdoc.Palette[3]})
	}
	w.do(d.Heading(t.feedbackChart, 12))
	w.do(d.BarChart(pdfdoc.BarChart{Bars: fb, Format: num, Size: 9, LabelWidth: 0.1}))
	units := slices.Clone(ind.Units)
	slices.SortStableFunc(units, func(x, y UnitIndicator) int { return x.Occurrences - y.Occurrences })
	var reach []pdfdoc.Bar
	for _, u := range units {
		b := pdfdoc.Bar{Label: u.Name, Value: int64(u.Occurrences), Color: pdfdoc.Palette[0]}
		if u.Occurrences == 0 {
			b.Note = t.leftOut
		}
		reach = append(reach, b)
	}
	w.do(d.Heading(t.reachChart, 12))
	w.do(d.BarChart(pdfdoc.BarChart{Bars: reach, Format: num, Size: 9}))

	// A table per unit.
	w.do(d.Heading(t.perUnit, 14))
	ut := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.unit, Weight: 2.7}, {Title: t.places, Weight: 1.3, Align: pdfdoc.Right},
		{Title: t.occurrences, Weight: 1.8, Align: pdfdoc.Right}, {Title: t.participants, Weight: 1.7, Align: pdfdoc.Right},
		{Title: t.residents, Weight: 1.4, Align: pdfdoc.Right}, {Title: t.attendance, Weight: 1.8, Align: pdfdoc.Right},
		{Title: t.feedbackMean, Weight: 1.3, Align: pdfdoc.Right}}, Size: 8}
	for _, u := range ind.Units {
		mean := "–"
		if u.FeedbackMean != nil {
			mean = l10n.Decimal(int64(*u.FeedbackMean*100+0.5), 2, l)
		}
		ut.Rows = append(ut.Rows, pdfdoc.Row{Cells: []string{u.Name + "\n" + l10n.UnitKind(u.Kind, l), num(int64(u.ResidentCapacity)),
			num(int64(u.Occurrences)), num(int64(u.Participants.Total)), num(int64(u.Participants.Residents)),
			shareText(u.AttendanceRecorded, l), mean}, Shade: u.Occurrences == 0})
	}
	if len(ut.Rows) == 0 {
		w.do(d.Paragraph(t.noData))
	} else {
		w.do(d.Table(ut))
	}

	// Each department's costs from the split.
	w.do(d.Heading(t.costs, 14))
	if len(a.Agreements) == 0 {
		w.do(d.Paragraph(t.noCost))
	}
	for _, ag := range a.Agreements {
		w.do(d.Heading(fmt.Sprintf("%s: %s (%s–%s)", t.agreement, ag.Name, l10n.Date(ag.From.Time, l), l10n.Date(ag.To.Time, l)), 11))
		ct := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: t.department, Weight: 3}, {Title: t.code, Weight: 1.5},
			{Title: t.costsInYear, Weight: 1.6, Align: pdfdoc.Right}, {Title: t.budgetOfPeriod, Weight: 1.8, Align: pdfdoc.Right}}, Size: 9}
		for _, dep := range ag.Split.Departments {
			ct.Rows = append(ct.Rows, pdfdoc.Row{Cells: []string{dep.Name, dep.Code, l10n.Euros(dep.TotalCents, l), l10n.Euros(dep.BudgetCents, l)}})
		}
		ct.Rows = append(ct.Rows, pdfdoc.Row{Cells: []string{t.total, "", l10n.Euros(ag.Split.TotalCents, l)}, Bold: true, Shade: true})
		w.do(d.Table(ct))
	}
	if len(a.Agreements) > 0 {
		w.do(d.Text(t.splitNote, pdfdoc.Style{Size: 8, Color: pdfdoc.DarkGrey}))
	}

	w.do(d.Heading(t.definitions, 12))
	for _, def := range t.defs {
		w.do(d.Text(def, pdfdoc.Style{Size: 8}))
		d.Space(3)
	}
	if w.err != nil {
		return nil, w.err
	}
	return d.Bytes()
}

// monthLabel is a month's name short enough for twelve under a chart: Finnish without "kuu"
// ("maalis"), Swedish and English in three letters ("mar", "Mar").
func monthLabel(m time.Month, l l10n.Lang) string {
	name := l10n.MonthName(m, l)
	if l == l10n.FI {
		return strings.TrimSuffix(name, "kuu")
	}
	return string([]rune(name)[:3])
}

// pdfWriter keeps the first error of a run of drawing calls.
type pdfWriter struct {
	d   *pdfdoc.Doc
	err error
}

func (w *pdfWriter) do(err error) {
	if w.err == nil {
		w.err = err
	}
}
