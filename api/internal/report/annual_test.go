package report_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/pdfdoc/pdftest"
)

// withCosts adds to the year world an agreement from July 2024 to June 2025 between two departments,
// 50/50, with a cost before the year (left out), one of 100.01 € (5001 + 5000 cents: the odd cent to
// the first department) and a refund of 2.00 € (−100 each) in it.
func withCosts(t *testing.T, w *yearWorld) (depA, depB string) {
	t.Helper()
	a, b := w.env.Department(), w.env.Department()
	ag := w.env.Post("/api/v1/agreements", w.prod, map[string]any{"name": "Tuottaja 2024–2025", "starts_on": "2024-07-01",
		"ends_on": "2025-06-30", "departments": []map[string]any{{"department_id": a, "share_bp": 5000, "budget_cents": 1_000_000},
			{"department_id": b, "share_bp": 5000, "budget_cents": 800_000}}}).Expect(201).ID()
	for _, c := range []struct {
		day   string
		cents int64
	}{{"2024-12-15", 10001}, {"2025-03-10", 10001}, {"2025-06-30", -200}} {
		w.env.Post("/api/v1/costs", w.prod, map[string]any{"agreement_id": ag, "incurred_on": c.day, "amount_cents": c.cents,
			"category": "performer_fee", "description": "Esiintyjä"}).Expect(201)
	}
	var names []string
	for _, id := range []any{a, b} {
		var n string
		if err := w.env.DB.Raw(`SELECT name FROM departments WHERE id = ?`, id).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	return names[0], names[1]
}

func TestAnnualPDF(t *testing.T) {
	t.Parallel()
	w := newYearWorld(t)
	depA, depB := withCosts(t, w)
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"fi", []string{"Kulttuurisilta: vuosiraportti 2025", "1.1.2025–31.12.2025", "Yksiköt, joissa vähintään yksi toimintakerta",
			"66,66\u00a0%", "16,67", "Osallistujat: Ikäihmiset", "89,13\u00a0%", "Mukana olleet kumppanit: Kolmas sektori",
			"Toteutuneet ideat", "3,50", "tammikuu 2025", "Osallistujat kuukausittain", "maalis", "Toimintakerrat lajeittain",
			"Musiikki", "Palautteiden jakauma", "ei toimintaa", "Toimialojen kustannukset", "49,01\u00a0€", "49,00\u00a0€",
			"98,01\u00a0€", "10\u00a0000,00\u00a0€", "Määritelmät", "Hoivakoti"}},
		{"sv", []string{"Kulttuurisilta: årsrapport 2025", "Enheter med minst ett tillfälle", "66,66\u00a0%", "Deltagare: Äldre",
			"ingen verksamhet", "Förvaltningarnas kostnader", "49,01\u00a0€", "Definitioner", "Vårdhem", "januari 2025"}},
		{"en", []string{"Kulttuurisilta: annual report 2025", "1 Jan 2025–31 Dec 2025", "Units with at least one occurrence",
			"66.66%", "16.67", "Participants: Older people", "left out", "The departments' costs", "€49.01", "€49.00", "€98.01",
			"Definitions", "Care home", "Mean feedback (1–5)", "3.50", "January 2025"}},
	} {
		r := w.env.Get("/api/v1/reports/annual.pdf?year=2025&lang="+c.lang, w.prod).Expect(200)
		if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("%s: content type %q", c.lang, ct)
		}
		if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "annual-report-2025-"+c.lang+".pdf") {
			t.Errorf("%s: disposition %q", c.lang, cd)
		}
		if dir := os.Getenv("PDFDOC_OUT"); dir != "" { // to look at it: pdftoppm -png
			if err := os.WriteFile(dir+"/annual-2025-"+c.lang+".pdf", r.Body, 0o600); err != nil { //nolint:gosec // G703: the developer's own PDFDOC_OUT
				t.Fatal(err)
			}
		}
		doc := pdftest.Read(t, r.Body)
		text := doc.Text()
		for _, want := range append(c.want, depA, depB) {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", c.lang, want)
			}
		}
		if len(doc.Unembedded) > 0 || len(doc.Fonts) != 2 {
			t.Errorf("%s: fonts %v, not embedded %v", c.lang, doc.Fonts, doc.Unembedded)
		}
		if strings.Contains(text, "100,01") || strings.Contains(text, "100.01") {
			t.Errorf("%s: the cost before the year is in the report", c.lang)
		}
	}
	// Without ?lang=: the caller's own language.
	sv := w.env.Token(access.RoleManager, apitest.WithDepartment(w.env.Department()), apitest.WithLocale("sv"))
	doc := pdftest.Read(t, w.env.Get("/api/v1/reports/annual.pdf?year=2025", sv).Expect(200).Body)
	if !strings.Contains(doc.Text(), "årsrapport 2025") {
		t.Errorf("a Swedish manager's default report is not in Swedish")
	}
}

func TestAnnualXLSX(t *testing.T) {
	t.Parallel()
	w := newYearWorld(t)
	depA, _ := withCosts(t, w)
	r := w.env.Get("/api/v1/reports/annual.xlsx?year=2025&lang=en", w.prod).Expect(200)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Indicators|Months|Units|Target groups and categories|Partners and feedback|Costs" {
		t.Errorf("sheets %s", got)
	}
	rows := func(sheet string) [][]string {
		rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	byKey := map[string][]string{}
	for _, row := range rows("Indicators")[1:] {
		byKey[row[0]] = row
	}
	for key, want := range map[string][]string{
		"units_reached":              {"66.66", "2", "3"},
		"occurrences_per_100_places": {"16.67", "5", "30"},
		"target_group:elderly":       {"89.13", "41", "46"},
		"partners:third":             {"33.33", "1", "3"},
		"volunteers":                 {"6.52", "3", "46"},
		"ideas_fulfilled":            {"66.66", "2", "3"},
		"feedback_mean":              {"3.5", "14", "4"},
	} {
		row := byKey[key]
		if len(row) < 5 || row[2] != want[0] || row[3] != want[1] || row[4] != want[2] {
			t.Errorf("indicator %s: %q, want value, numerator, denominator %q", key, row, want)
		}
	}
	if st, _ := f.GetCellStyle("Indicators", "C2"); st == 0 {
		t.Error("the share is not a formatted number")
	}
	if ms := rows("Months"); len(ms) != 13 || ms[1][0] != "2025-01" || ms[1][1] != "1" || ms[1][3] != "33.33" {
		t.Errorf("months %q", ms)
	}
	if us := rows("Units"); len(us) != 4 {
		t.Errorf("units %q", us)
	}
	costs := rows("Costs")
	var cents, euros []string
	for _, row := range costs[1:] {
		if row[3] == depA {
			cents, euros = append(cents, row[5]), append(euros, row[6])
		}
		if row[3] == "Total" && (row[5] != "9801" || row[6] != "98.01") {
			t.Errorf("total row %q", row)
		}
	}
	if strings.Join(cents, ",") != "4901" || strings.Join(euros, ",") != "49.01" {
		t.Errorf("department A's costs %q %q in %q", cents, euros, costs)
	}
	if v, _ := f.GetCellValue("Costs", "B2"); v == "" {
		t.Error("no agreement start date")
	}
	if typ, _ := f.GetCellType("Costs", "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the start date is text")
	}
	// Finnish headers.
	fi, err := excelize.OpenReader(bytes.NewReader(w.env.Get("/api/v1/reports/annual.xlsx?year=2025&lang=fi", w.prod).Expect(200).Body))
	if err != nil {
		t.Fatal(err)
	}
	defer fi.Close()
	if h, _ := fi.GetCellValue("Tunnusluvut", "B1"); h != "Tunnusluku" {
		t.Errorf("Finnish header %q", h)
	}
}

func TestAnnualAccessAndParams(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	for _, path := range []string{"/api/v1/reports/annual.pdf", "/api/v1/reports/annual.xlsx"} {
		env.Get(path+"?year=2025", env.Token(access.RoleMentor)).Problem(403, "forbidden")
		env.Get(path+"?year=2025", env.APIToken(access.ScopeCalendarRead)).Problem(403, "forbidden")
		env.Get(path+"?year=2025", env.APIToken(access.ScopeBudgetRead)).Problem(403, "forbidden")
		env.Get(path+"?year=2025", env.APIToken(access.ScopeCalendarRead, access.ScopeBudgetRead)).Expect(200)
		for _, role := range []access.Role{access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleViewer} {
			env.Get(path+"?year=2024&lang=sv", env.Token(role)).Expect(200)
		}
		env.CheckBadTokens("GET", path+"?year=2025")
		admin := env.Token(access.RoleAdmin)
		for _, bad := range []struct{ q, field string }{
			{"", "year"}, {"?from=2025-01-01&to=2026-01-01", "year"}, {"?year=2025&from=2025-01-01&to=2026-01-01", "year"},
			{"?year=20x5", "year"}, {"?year=2025&lang=de", "lang"},
		} {
			r := env.Get(path+bad.q, admin)
			r.Problem(400, "bad-request")
			if len(r.Errors()) == 0 || r.Errors()[0].Field != bad.field {
				t.Errorf("%s%s: %s", path, bad.q, r.Body)
			}
		}
	}
}
