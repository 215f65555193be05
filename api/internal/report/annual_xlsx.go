package report

import (
	"io"

	"kulttuurisilta/api/internal/export"
	"kulttuurisilta/api/internal/l10n"
)

// percentCell is a share in basis points as a percentage number with two decimals (66.66).
func percentCell(bp int) export.Decimal { return export.Decimal{Value: float64(bp) / 100, Places: 2} }

func decimalCell(v float64) export.Decimal { return export.Decimal{Value: v, Places: 2} }

func shareCell(r Ratio) any {
	if r.ShareBP == nil {
		return nil
	}
	return percentCell(*r.ShareBP)
}

// WriteXLSX writes the annual report as a workbook in its language: the indicators with their
// numerators and denominators, the months, a row per unit, the target groups and categories, the
// partner sectors and the feedback distribution, and each department's costs. Shares are percentages
// with two decimals, money euros (cents beside them), dates date cells (ADR 0048).
func (a Annual) WriteXLSX(out io.Writer) error {
	t, l, ind := annualTexts[a.Lang], a.Lang, a.Indicators
	b, err := export.NewWorkbook()
	if err != nil {
		return err
	}
	defer b.Close()
	pct := t.share + " %"
	sh, err := b.Sheet(t.sheetIndicators, t.key, t.indicator, t.value, t.numerator, t.denominator)
	if err != nil {
		return err
	}
	for _, r := range a.rows() {
		if err := sh.Row(r.key, r.label, r.number, r.numerator, r.denominator); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}

	if sh, err = b.Sheet(t.sheetMonths, t.month, t.reachedUnits, t.unitsActive, pct, t.occurrences, t.participants,
		t.residents); err != nil {
		return err
	}
	for _, m := range ind.Months {
		if err := sh.Row(m.Month, m.UnitsReached.Numerator, m.UnitsReached.Denominator, shareCell(m.UnitsReached), m.Occurrences,
			m.Participants.Total, m.Participants.Residents); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}

	if sh, err = b.Sheet(t.sheetUnits, t.unit, t.kind, t.places, t.occurrences, t.participants, t.residents,
		t.attendance+" "+t.numerator, t.attendance+" "+t.denominator, t.attendance+" %", t.feedbackMean); err != nil {
		return err
	}
	for _, u := range ind.Units {
		var mean any
		if u.FeedbackMean != nil {
			mean = decimalCell(*u.FeedbackMean)
		}
		if err := sh.Row(u.Name, l10n.UnitKind(u.Kind, l), u.ResidentCapacity, u.Occurrences, u.Participants.Total,
			u.Participants.Residents, u.AttendanceRecorded.Numerator, u.AttendanceRecorded.Denominator,
			shareCell(u.AttendanceRecorded), mean); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}

	if sh, err = b.Sheet(t.sheetGroups, t.group, t.key, t.occurrences, t.participants, t.residents, pct); err != nil {
		return err
	}
	for _, g := range ind.TargetGroups {
		if err := sh.Row(l10n.TargetGroup(g.Key, l), g.Key, g.Occurrences, g.Participants.Total, g.Participants.Residents,
			shareCell(g.Share)); err != nil {
			return err
		}
	}
	for _, g := range ind.Categories {
		if err := sh.Row(l10n.Category(g.Key, l), g.Key, g.Occurrences, g.Participants.Total, g.Participants.Residents,
			shareCell(g.Share)); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}

	if sh, err = b.Sheet(t.sheetPartners, t.sector, t.numerator, t.denominator, pct, t.occurrences); err != nil {
		return err
	}
	for _, s := range ind.PartnerSectors {
		if err := sh.Row(l10n.Sector(s.Sector, l), s.Partners.Numerator, s.Partners.Denominator, shareCell(s.Partners),
			s.Occurrences); err != nil {
			return err
		}
	}
	if err := sh.Header(t.rating, t.count); err != nil {
		return err
	}
	for i, n := range ind.Feedback.Distribution {
		if err := sh.Row(i+1, n); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}

	if sh, err = b.Sheet(t.sheetCosts, t.agreement, t.from, t.to, t.department, t.code, t.costsInYear+" ("+t.cents+")",
		t.costsInYear, t.budgetOfPeriod); err != nil {
		return err
	}
	for _, ag := range a.Agreements {
		for _, d := range ag.Split.Departments {
			if err := sh.Row(ag.Name, ag.From, ag.To, d.Name, d.Code, d.TotalCents, export.Euros(d.TotalCents),
				export.Euros(d.BudgetCents)); err != nil {
				return err
			}
		}
		if err := sh.Row(ag.Name, ag.From, ag.To, t.total, "", ag.Split.TotalCents, export.Euros(ag.Split.TotalCents), nil); err != nil {
			return err
		}
	}
	if err := sh.Flush(); err != nil {
		return err
	}
	_, err = b.WriteTo(out)
	return err
}
