package budget

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/costsplit"
	"kulttuurisilta/api/internal/validate"
)

// MaxImportRows bounds one import (the 1 MiB body limit allows ~20,000).
const MaxImportRows = 10000

// ImportRow is one parsed data row of a cost CSV and its line number.
type ImportRow struct {
	Line  int
	Input CostInput
}

// The columns of a cost CSV (docs/budget.md). amount is in euros with a
// comma or a dot as the decimal mark; amount_cents is integer cents;
// exactly one of them is given.
var importColumns = map[string]bool{
	"incurred_on": true, "amount": true, "amount_cents": true, "category": true,
	"description": true, "unit_id": true, "activity_id": true,
}

// ParseCostsCSV reads a cost CSV: a header row naming the columns, then one
// cost per row, separated by ';' or ',' (decided from the header line). It
// returns every row, or a 422 error naming every bad row and field as
// rows[LINE].COLUMN (LINE counts from 1 at the header). It never panics.
func ParseCostsCSV(data []byte) ([]ImportRow, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, apperr.InvalidFieldCode("body", apperr.CodeInvalidFormat, "the file must be UTF-8 text")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, apperr.InvalidFieldCode("body", apperr.CodeRequired, "the file is empty; send a header row and at least one cost")
	}
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	if bytes.Count(firstLine, []byte(";")) > 0 {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = false

	var v validate.Errors
	header, err := r.Read()
	if err != nil {
		return nil, apperr.InvalidFieldCode("rows[1]", apperr.CodeInvalidFormat, csvMessage(err))
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !importColumns[name]:
			v.AddCode("header."+sanitize(h), apperr.CodeUnknownField, "is not a known column (incurred_on, amount or amount_cents, category, description, unit_id, activity_id)")
		case col[name] != 0:
			v.AddCode("header."+name, apperr.CodeConflict, "appears twice")
		default:
			col[name] = i + 1 // 1-based so 0 means absent
		}
	}
	for _, req := range []string{"incurred_on", "category", "description"} {
		if col[req] == 0 {
			v.AddCode("header."+req, apperr.CodeRequired, "the column is required")
		}
	}
	switch {
	case col["amount"] == 0 && col["amount_cents"] == 0:
		v.AddCode("header.amount", apperr.CodeRequired, "give the amount in euros (amount) or in cents (amount_cents)")
	case col["amount"] != 0 && col["amount_cents"] != 0:
		v.AddCode("header.amount", apperr.CodeConflict, "give amount or amount_cents, not both")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}

	var rows []ImportRow
	for {
		line, _ := r.FieldPos(0)
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			v.AddCode(fmt.Sprintf("rows[%d]", line), apperr.CodeInvalidFormat, "%s", csvMessage(err))
			break
		}
		line, _ = r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rows) >= MaxImportRows {
			v.AddCode(fmt.Sprintf("rows[%d]", line), apperr.CodeTooLong, "an import holds at most %d costs; split the file", MaxImportRows)
			break
		}
		if len(rec) != len(header) {
			v.AddCode(fmt.Sprintf("rows[%d]", line), apperr.CodeInvalidFormat, "has %d fields; the header has %d", len(rec), len(header))
			continue
		}
		rows = append(rows, parseRow(&v, line, rec, col))
	}
	if len(rows) == 0 && v.Err() == nil {
		v.AddCode("body", apperr.CodeRequired, "the file has no costs")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

func parseRow(v *validate.Errors, line int, rec []string, col map[string]int) ImportRow {
	get := func(name string) string {
		if i := col[name]; i > 0 {
			return strings.TrimSpace(rec[i-1])
		}
		return ""
	}
	f := func(name string) string { return fmt.Sprintf("rows[%d].%s", line, name) }
	row := ImportRow{Line: line}
	in := &row.Input
	if d, ok := parseImportDate(get("incurred_on")); ok {
		in.IncurredOn = d
	} else {
		v.AddCode(f("incurred_on"), apperr.CodeInvalidFormat, "must be a date YYYY-MM-DD or D.M.YYYY")
	}
	amountCol := "amount_cents"
	amount, ok := int64(0), false
	if col["amount"] > 0 {
		amountCol = "amount"
		amount, ok = ParseEuros(get("amount"))
	} else {
		var err error
		amount, err = strconv.ParseInt(get("amount_cents"), 10, 64)
		ok = err == nil
	}
	switch {
	case !ok && amountCol == "amount":
		v.AddCode(f(amountCol), apperr.CodeInvalidFormat, "must be euros such as 123,45 or -12.50 (at most two decimals)")
	case !ok:
		v.AddCode(f(amountCol), apperr.CodeInvalidFormat, "must be an integer number of cents")
	case amount == 0:
		v.AddCode(f(amountCol), apperr.CodeOutOfRange, "must not be zero")
	case amount > costsplit.MaxAmount || amount < -costsplit.MaxAmount:
		v.AddCode(f(amountCol), apperr.CodeOutOfRange, "is too large")
	default:
		in.AmountCents = amount
	}
	in.Category = strings.ToLower(get("category"))
	v.OneOf(f("category"), in.Category, Categories...)
	in.Description = get("description")
	v.Text(f("description"), in.Description, true, maxDescription)
	for _, name := range []string{"unit_id", "activity_id"} {
		s := get(name)
		if s == "" {
			continue
		}
		id, err := uuid.Parse(s)
		if err != nil {
			v.AddCode(f(name), apperr.CodeInvalidFormat, "must be a UUID")
			continue
		}
		if name == "unit_id" {
			in.UnitID = &id
		} else {
			in.ActivityID = &id
		}
	}
	return row
}

// ParseEuros parses a euro amount with a comma or a dot as the decimal
// mark ("123,45", "-12.5", "1 234,00" with spaces as thousands
// separators) into exact cents, without floating point.
func ParseEuros(s string) (int64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(s))
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "\u2212"):
		neg = true
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "\u2212")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	if whole == "" || len(whole) > 10 || len(frac) > 2 || (hasFrac && frac == "") || !digits(whole) || !digits(frac) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	cents := w * 100
	switch len(frac) {
	case 1:
		cents += int64(frac[0]-'0') * 10
	case 2:
		cents += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	if neg {
		cents = -cents
	}
	return cents, true
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func parseImportDate(s string) (civil.Date, bool) {
	for _, layout := range []string{time.DateOnly, "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return civil.Date{Time: t.UTC()}, true
		}
	}
	return civil.Date{}, false
}

func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "is not valid CSV: " + pe.Err.Error()
	}
	return "is not valid CSV"
}

// sanitize shortens an unknown header for an error's field name.
func sanitize(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40])
	}
	return s
}
