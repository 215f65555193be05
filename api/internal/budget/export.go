package budget

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"kulttuurisilta/api/internal/civil"
)

// exportHeader is the header of the per-entry exports: the entry, then for
// each department (by cost-centre code) its share and its allocation.
func exportHeader(a Agreement) []string {
	h := []string{"entry_id", "incurred_on", "month", "category", "description", "unit_id", "unit_name", "activity_id",
		"amount_cents", "share_source"}
	for _, d := range a.Departments {
		h = append(h, d.Code+"_share_bp", d.Code+"_cents")
	}
	return h
}

// exportRow is one entry with its allocations; numbers stay numbers.
func exportRow(a Agreement, c Cost, unitName string) []any {
	shares, parts, source := allocate(a, c)
	row := []any{c.ID.String(), c.IncurredOn.String(), c.IncurredOn.Format("2006-01"), c.Category, c.Description,
		uuidText(c.UnitID), unitName, uuidText(c.ActivityID), c.AmountCents, source}
	for i := range a.Departments {
		row = append(row, shares[i], parts[i])
	}
	return row
}

func uuidText(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

// safeText keeps a text cell from being read as a formula by a
// spreadsheet (CSV injection): a leading =, +, -, @, tab or CR gets a '.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes the range's entries, a row per entry with its
// allocations, as RFC 4180 CSV (comma, or semicolon for Finnish
// spreadsheets). Amounts are integer cents.
func (s Store) WriteCSV(ctx context.Context, w io.Writer, a Agreement, from, to civil.Date, sep rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = true
	if err := cw.Write(exportHeader(a)); err != nil {
		return err
	}
	rec := make([]string, 0, 10+2*len(a.Departments))
	err := s.EachEntry(ctx, a, from, to, func(c Cost, unitName string) error {
		rec = rec[:0]
		for i, v := range exportRow(a, c, unitName) {
			switch x := v.(type) {
			case string:
				if i == 4 || i == 6 {
					x = safeText(x)
				}
				rec = append(rec, x)
			default:
				rec = append(rec, fmt.Sprint(x))
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the same rows as a real spreadsheet: an "Entries"
// sheet with numeric cells (cents, and euros for reading), and a
// "Summary" sheet with each department's totals from the split report.
func (s Store) WriteXLSX(ctx context.Context, w io.Writer, a Agreement, split SplitResponse) error {
	f := excelize.NewFile()
	defer f.Close()
	const entries = "Entries"
	if err := f.SetSheetName("Sheet1", entries); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(entries)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := exportHeader(a)
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	n := 1
	err = s.EachEntry(ctx, a, split.From, split.To, func(c Cost, unitName string) error {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, exportRow(a, c, unitName))
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeSummary(f, a, split, bold); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeSummary(f *excelize.File, a Agreement, split SplitResponse, bold int) error {
	const sheet = "Summary"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]any{
		{"agreement", a.Name},
		{"from", split.From.String()},
		{"to", split.To.String()},
		{"total_cents", split.TotalCents},
		{"entries", split.EntryCount},
		{},
		{"department", "code", "share_bp", "total_cents", "budget_cents", "used_cents", "remaining_cents"},
	}
	for _, d := range split.Departments {
		rows = append(rows, []any{d.Name, d.Code, d.ShareBP, d.TotalCents, d.BudgetCents, d.UsedCents, d.RemainingCents})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	return f.SetCellStyle(sheet, "A7", "G7", bold)
}
