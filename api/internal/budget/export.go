package budget

import (
	"context"
	"io"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/export"
)

// exportHeader is the header of the per-entry exports: the entry, then for
// each department (by cost-centre code) its share and its allocation, in
// cents and in euros.
func exportHeader(a Agreement) []string {
	h := []string{"entry_id", "incurred_on", "month", "category", "description", "unit_id", "unit_name", "activity_id",
		"amount_cents", "amount_eur", "share_source"}
	for _, d := range a.Departments {
		h = append(h, d.Code+"_share_bp", d.Code+"_cents", d.Code+"_eur")
	}
	return h
}

// exportRow is one entry with its allocations, as typed export cells.
func exportRow(a Agreement, c Cost, unitName string) ([]any, error) {
	shares, parts, source, err := allocate(a, c)
	if err != nil {
		return nil, err
	}
	row := []any{c.ID.String(), c.IncurredOn, c.IncurredOn.Format("2006-01"), c.Category, c.Description,
		uuidText(c.UnitID), unitName, uuidText(c.ActivityID), c.AmountCents, export.Euros(c.AmountCents), source}
	for i := range a.Departments {
		row = append(row, shares[i], parts[i], export.Euros(parts[i]))
	}
	return row, nil
}

// uuidText is the id's text, or an empty cell.
func uuidText(id *uuid.UUID) any {
	if id == nil {
		return nil
	}
	return id.String()
}

// WriteCSV writes the range's entries, a row per entry with its
// allocations (see docs/budget.md).
func (s Store) WriteCSV(ctx context.Context, w *export.CSV, a Agreement, from, to civil.Date) error {
	if err := w.Header(exportHeader(a)...); err != nil {
		return err
	}
	return s.EachEntry(ctx, a, from, to, func(c Cost, unitName string) error {
		row, err := exportRow(a, c, unitName)
		if err != nil {
			return err
		}
		return w.Row(row...)
	})
}

// WriteXLSX writes the same rows as a real spreadsheet: an "Entries"
// sheet (numbers, date cells, euros beside cents), and a "Summary" sheet
// with each department's totals from the split report.
func (s Store) WriteXLSX(ctx context.Context, w io.Writer, a Agreement, split SplitResponse) error {
	b, err := export.NewWorkbook()
	if err != nil {
		return err
	}
	defer b.Close()
	entries, err := b.Sheet("Entries", exportHeader(a)...)
	if err != nil {
		return err
	}
	err = s.EachEntry(ctx, a, split.From, split.To, func(c Cost, unitName string) error {
		row, err := exportRow(a, c, unitName)
		if err != nil {
			return err
		}
		return entries.Row(row...)
	})
	if err != nil {
		return err
	}
	if err := entries.Flush(); err != nil {
		return err
	}
	if err := writeSummary(b, a, split); err != nil {
		return err
	}
	_, err = b.WriteTo(w)
	return err
}

// writeSummary is the range and its totals, then a row per department.
func writeSummary(b *export.Workbook, a Agreement, split SplitResponse) error {
	sh, err := b.Sheet("Summary", "agreement", "from", "to", "entries", "total_cents", "total_eur")
	if err != nil {
		return err
	}
	if err := sh.Row(a.Name, split.From, split.To, split.EntryCount, split.TotalCents, export.Euros(split.TotalCents)); err != nil {
		return err
	}
	if err := sh.Row(); err != nil {
		return err
	}
	if err := sh.Header("department", "code", "share_bp", "total_cents", "total_eur", "budget_cents", "budget_eur",
		"used_cents", "used_eur", "remaining_cents", "remaining_eur"); err != nil {
		return err
	}
	for _, d := range split.Departments {
		if err := sh.Row(d.Name, d.Code, d.ShareBP, d.TotalCents, export.Euros(d.TotalCents), d.BudgetCents,
			export.Euros(d.BudgetCents), d.UsedCents, export.Euros(d.UsedCents), d.RemainingCents,
			export.Euros(d.RemainingCents)); err != nil {
			return err
		}
	}
	return sh.Flush()
}
