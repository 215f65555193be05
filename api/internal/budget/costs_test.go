package budget_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/costsplit"
)

func TestCostValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	valid := map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-01-01", "amount_cents": 100, "category": "salary", "description": "d"}
	env.CheckBadBodies("POST", "/api/v1/costs", f.producer, valid)
	with := func(kv ...any) map[string]any {
		m := map[string]any{}
		for k, v := range valid {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	share := func(a, b int) []map[string]any {
		return []map[string]any{{"department_id": f.depA, "share_bp": a}, {"department_id": f.depB, "share_bp": b}}
	}
	tests := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"missing", map[string]any{"agreement_id": f.agreement}, []string{"incurred_on", "amount_cents", "category", "description"}},
		{"zero amount", with("amount_cents", 0), []string{"amount_cents"}},
		{"huge amount", with("amount_cents", costsplit.MaxAmount+1), []string{"amount_cents"}},
		{"outside the agreement", with("incurred_on", "2026-01-01"), []string{"incurred_on"}},
		{"bad category", with("category", "food"), []string{"category"}},
		{"override short", with("shares", share(5000, 4000)), []string{"shares"}},
		{"override one department", with("shares", share(10000, 0)[:1]), []string{"shares"}},
		{"override stranger", with("shares", []map[string]any{{"department_id": f.unit, "share_bp": 10000}}), []string{"shares[0].department_id"}},
		{"unknown unit", with("unit_id", f.depA), []string{"unit_id"}},
		{"unknown activity", with("activity_id", f.depA), []string{"activity_id"}},
		{"unknown agreement", with("agreement_id", f.depA), []string{"agreement_id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(*testing.T) { env.Post("/api/v1/costs", f.producer, tc.body).Invalid(tc.fields...) })
	}
	for _, s := range apitest.InjectionStrings {
		r := env.Post("/api/v1/costs", f.producer, with("description", s))
		if r.Status != http.StatusCreated && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("injection %q: status %d", s[:min(len(s), 20)], r.Status)
		}
	}
	// A cost with an override, then PATCH clears it with null.
	r := env.Post("/api/v1/costs", f.producer, with("shares", share(7000, 3000), "amount_cents", 1001, "unit_id", f.unit)).Expect(http.StatusCreated)
	var c costItem
	r.JSON(&c)
	if c.ShareSource != "override" || c.Allocations[0].AmountCents != 701 || c.Allocations[1].AmountCents != 300 {
		t.Fatalf("override: %s", r.Body)
	}
	up := env.Patch("/api/v1/costs/"+c.ID, f.producer, map[string]any{"shares": nil, "unit_id": nil}, `"1"`).Expect(http.StatusOK).Map()
	if up["share_source"] != "default" || up["unit_id"] != nil || up["version"].(float64) != 2 {
		t.Fatalf("patch: %v", up)
	}
	env.Patch("/api/v1/costs/"+c.ID, f.producer, map[string]any{"amount_cents": 5}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Patch("/api/v1/costs/"+c.ID, f.producer, map[string]any{"amount_cents": 0}, "").Problem(http.StatusUnprocessableEntity, "validation")
	env.Patch("/api/v1/costs/"+c.ID, f.producer, map[string]any{"agreement_id": f.agreement}, "").Problem(http.StatusUnprocessableEntity, "validation")
	env.Get("/api/v1/costs?unit_id=nope", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/costs?category=food", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/costs?from=2025-1-1", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/agreements/"+f.agreement+"/split?from=2025-03-01&to=2025-02-01", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get("/api/v1/agreements/"+f.agreement+"/split.csv?separator=tab", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.CheckBadTokens("GET", "/api/v1/costs")
	env.CheckBadTokens("GET", "/api/v1/agreements/"+f.agreement+"/split")
}

// TestSplitReportAddsUpPerEntryAllocations fills an agreement with random
// entries (refunds, odd cents, category rules, overrides) and checks that
// every figure of the report is the sum of the entries' own splits by
// costsplit, that department totals sum exactly to the entries' sum, and
// that the CSV and XLSX exports carry the same allocations.
func TestSplitReportAddsUpPerEntryAllocations(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 3333)
	env := f.env
	env.Patch("/api/v1/agreements/"+f.agreement, f.producer, map[string]any{"category_rules": []map[string]any{
		{"category": "venue", "shares": []map[string]any{{"department_id": f.depA, "share_bp": 9999}, {"department_id": f.depB, "share_bp": 1}}}}}, "").
		Expect(http.StatusOK)
	r := rand.New(rand.NewPCG(7, 8))
	cats := []string{"salary", "performer_fee", "travel", "materials", "venue", "other"}
	type entry struct {
		day      string
		amount   int64
		cat      string
		unit     bool
		override []int
	}
	var entries []entry
	for range 120 {
		e := entry{day: fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)), amount: 1 + r.Int64N(200_000), cat: cats[r.IntN(6)], unit: r.IntN(2) == 0}
		if r.IntN(4) == 0 {
			e.amount = -e.amount
		}
		extra := map[string]any{}
		if e.unit {
			extra["unit_id"] = f.unit
		}
		if r.IntN(5) == 0 {
			a := r.IntN(10001)
			e.override = []int{a, 10000 - a}
			extra["shares"] = []map[string]any{{"department_id": f.depB, "share_bp": 10000 - a}, {"department_id": f.depA, "share_bp": a}}
		}
		f.cost(e.day, e.amount, e.cat, extra)
		entries = append(entries, e)
	}
	from, to := "2025-02-15", "2025-11-20"
	var want [2]int64
	var wantCat [2]map[string]int64
	wantCat[0], wantCat[1] = map[string]int64{}, map[string]int64{}
	var wantUsed [2]int64
	var sum int64
	for _, e := range entries {
		shares := []int{3333, 6667}
		if e.cat == "venue" {
			shares = []int{9999, 1}
		}
		if e.override != nil {
			shares = e.override
		}
		parts, err := costsplit.Split(e.amount, shares)
		if err != nil {
			t.Fatal(err)
		}
		if e.day <= to {
			wantUsed[0] += parts[0]
			wantUsed[1] += parts[1]
		}
		if e.day < from || e.day > to {
			continue
		}
		sum += e.amount
		for i := range 2 {
			want[i] += parts[i]
			wantCat[i][e.cat] += parts[i]
		}
	}
	s := f.split("?from=" + from + "&to=" + to)
	if s.TotalCents != sum || s.Departments[0].TotalCents+s.Departments[1].TotalCents != sum {
		t.Fatalf("total %d, departments %d + %d, want %d", s.TotalCents, s.Departments[0].TotalCents, s.Departments[1].TotalCents, sum)
	}
	for i, d := range s.Departments {
		if d.TotalCents != want[i] || d.UsedCents != wantUsed[i] || d.RemainingCents != d.BudgetCents-wantUsed[i] {
			t.Errorf("department %d: total %d used %d, want %d %d", i, d.TotalCents, d.UsedCents, want[i], wantUsed[i])
		}
		var cat, unit, month int64
		for c, v := range d.ByCategory {
			cat += v
			if v != wantCat[i][c] {
				t.Errorf("department %d %s: %d, want %d", i, c, v, wantCat[i][c])
			}
		}
		for _, u := range d.ByUnit {
			unit += u.TotalCents
		}
		for _, m := range d.ByMonth {
			month += m.TotalCents
		}
		if cat != d.TotalCents || unit != d.TotalCents || month != d.TotalCents {
			t.Errorf("department %d: by category %d, unit %d, month %d, total %d", i, cat, unit, month, d.TotalCents)
		}
		if len(d.ByMonth) != 10 || d.ByMonth[0].Month != "2025-02" {
			t.Errorf("months: %+v", d.ByMonth)
		}
	}
	// The list behind the figures: the same entries, each with its allocations.
	var listed [2]int64
	items := f.costs("&from=" + from + "&to=" + to)
	for _, c := range items {
		listed[0] += c.Allocations[0].AmountCents
		listed[1] += c.Allocations[1].AmountCents
		if c.Allocations[0].AmountCents+c.Allocations[1].AmountCents != c.AmountCents {
			t.Errorf("entry %s allocations do not add up", c.ID)
		}
	}
	if listed != want || int64(len(items)) != s.EntryCount {
		t.Errorf("listed %v (%d entries), want %v (%d)", listed, len(items), want, s.EntryCount)
	}
	// Drill-down by unit: entries without a unit.
	var noUnit int64
	for _, c := range f.costs("&from=" + from + "&to=" + to + "&unit_id=none") {
		noUnit += c.Allocations[0].AmountCents
	}
	last := s.Departments[0].ByUnit[len(s.Departments[0].ByUnit)-1]
	if last.UnitID != nil || last.TotalCents != noUnit {
		t.Errorf("no-unit figure %+v, listed %d", last, noUnit)
	}

	// CSV (semicolon) and XLSX carry the same allocations, a row per entry,
	// in cents and in euros beside them.
	csvResp := env.Get("/api/v1/agreements/"+f.agreement+"/split.csv?separator=semicolon&from="+from+"&to="+to, f.producer).Expect(http.StatusOK)
	body, hadBOM := bytes.CutPrefix(csvResp.Body, []byte("\xef\xbb\xbf"))
	if !hadBOM {
		t.Error("the semicolon CSV does not start with a UTF-8 BOM")
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(items) || recs[0][0] != "entry_id" || recs[0][9] != "amount_eur" ||
		recs[0][12] != f.codeA+"_cents" || recs[0][13] != f.codeA+"_eur" || recs[0][15] != f.codeB+"_cents" || recs[0][16] != f.codeB+"_eur" {
		t.Fatalf("csv: %d rows, header %v", len(recs), recs[0])
	}
	var csvSum, csvEur [2]int64
	var amountEur int64
	for _, rec := range recs[1:] {
		for i, col := range []int{12, 15} {
			c, _ := strconv.ParseInt(rec[col], 10, 64)
			csvSum[i] += c
			csvEur[i] += finnishCents(t, rec[col+1])
		}
		amountEur += finnishCents(t, rec[9])
	}
	if csvSum != want || csvEur != want || amountEur != sum {
		t.Errorf("csv sums %v, in euros %v (amounts %d), want %v (%d)", csvSum, csvEur, amountEur, want, sum)
	}
	xr := env.Get("/api/v1/agreements/"+f.agreement+"/split.xlsx?from="+from+"&to="+to, f.producer).Expect(http.StatusOK)
	book, err := excelize.OpenReader(bytes.NewReader(xr.Body))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	rows, err := book.GetRows("Entries", excelize.Options{RawCellValue: true})
	if err != nil || len(rows)-1 != len(items) {
		t.Fatalf("xlsx rows %d, err %v", len(rows), err)
	}
	var xSum [2]int64
	var xEur [2]float64
	for _, row := range rows[1:] {
		for i, col := range []int{12, 15} {
			c, _ := strconv.ParseInt(row[col], 10, 64)
			xSum[i] += c
			e, err := strconv.ParseFloat(row[col+1], 64)
			if err != nil {
				t.Fatalf("euro cell %q: %v", row[col+1], err)
			}
			xEur[i] += e
		}
	}
	if xSum != want || math.Round(xEur[0]*100) != float64(want[0]) || math.Round(xEur[1]*100) != float64(want[1]) {
		t.Errorf("xlsx sums %v, in euros %v, want %v", xSum, xEur, want)
	}
	// B2 (incurred_on) is a date cell, J2 (amount_eur) a number in euro format.
	styleOf := func(sheet, cell string) *excelize.Style {
		id, err := book.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := book.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := styleOf("Entries", "B2"); st.NumFmt != 14 {
		t.Errorf("incurred_on number format %d, want 14 (short date)", st.NumFmt)
	}
	if serial, _ := strconv.ParseFloat(rows[1][1], 64); serial < 45658 || serial > 46022 { // within 2025
		t.Errorf("incurred_on serial %q", rows[1][1])
	}
	for _, c := range []string{"J2", "N2", "Q2"} {
		if st := styleOf("Entries", c); st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "€") {
			t.Errorf("%s: euro format %v", c, st.CustomNumFmt)
		}
	}
	summary, _ := book.GetRows("Summary", excelize.Options{RawCellValue: true})
	if len(summary) != 6 || summary[1][4] != strconv.FormatInt(sum, 10) || summary[3][3] != "total_cents" ||
		summary[4][3] != strconv.FormatInt(want[0], 10) {
		t.Errorf("summary %q", summary)
	}
	if st := styleOf("Summary", "B2"); st.NumFmt != 14 {
		t.Errorf("summary from: number format %d", st.NumFmt)
	}
}

// finnishCents reads a euro amount written with a decimal comma ("1234,50") as cents.
func finnishCents(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, ok := strings.Cut(s, ",")
	if !ok || len(frac) != 2 || strings.Contains(s, ".") {
		t.Fatalf("euro amount %q is not written with a decimal comma", s)
	}
	neg := strings.HasPrefix(whole, "-")
	w, err1 := strconv.ParseInt(strings.TrimPrefix(whole, "-"), 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("euro amount %q", s)
	}
	if neg {
		return -(w*100 + f)
	}
	return w*100 + f
}

func TestCSVExportNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	f.env.Post("/api/v1/costs", f.producer, map[string]any{"agreement_id": f.agreement, "incurred_on": "2025-01-01",
		"amount_cents": 100, "category": "other", "description": "=HYPERLINK(\"http://x\")"}).Expect(http.StatusCreated)
	body := f.env.Get("/api/v1/agreements/"+f.agreement+"/split.csv", f.producer).Expect(http.StatusOK).Body
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || recs[1][4] != "'=HYPERLINK(\"http://x\")" {
		t.Fatalf("description cell %q (%v)", recs[1][4], err)
	}
	// The default dialect is plain RFC 4180: no BOM, a decimal point.
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) || recs[0][0] != "entry_id" || recs[1][8] != "100" || recs[1][9] != "1.00" {
		t.Errorf("comma CSV: %q", recs[:2])
	}
}
