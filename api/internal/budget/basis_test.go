package budget_test

import (
	"bytes"

	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/budget"
	"kulttuurisilta/api/internal/pdfdoc/pdftest"
)

func (f *fixture) lockMonth(month string) {
	f.env.T.Helper()
	f.approveBoth(month)
	f.env.Post(f.period(month)+"/lock", f.producer, nil).Expect(http.StatusOK)
}

func (f *fixture) basis(month, query string) budget.BasisResponse {
	f.env.T.Helper()
	var b budget.BasisResponse
	f.env.Get(f.period(month)+"/basis"+query, f.producer).Expect(http.StatusOK).JSON(&b)
	return b
}

// Each lock makes a numbered basis; a relock after an unlock makes the
// next revision, which states the difference; earlier ones are kept.
func TestBasisNumberingAndCorrection(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	env.Get(f.period("2025-11")+"/basis", f.producer).Problem(http.StatusNotFound, "not-found")
	salary := f.cost("2025-11-25", 100001, "salary", nil) // 500.01 + 500.00
	fee := f.cost("2025-11-08", 45000, "performer_fee", map[string]any{"unit_id": f.unit,
		"shares": []map[string]any{{"department_id": f.depA, "share_bp": 7000}, {"department_id": f.depB, "share_bp": 3000}}})
	f.lockMonth("2025-11")
	f.cost("2025-10-03", 999, "travel", nil)
	f.lockMonth("2025-10")
	nov := f.basis("2025-11", "")
	oct := f.basis("2025-10", "")
	if nov.Revision != 1 || oct.Revision != 1 || oct.Number != nov.Number+1 || nov.Corrects != nil || nov.Content.Correction != nil {
		t.Fatalf("numbers: nov %d/%d oct %d/%d", nov.Number, nov.Revision, oct.Number, oct.Revision)
	}
	c := nov.Content
	if c.TotalCents != 145001 || c.EntryCount != 2 || len(c.Departments) != 2 || len(c.Approvals) != 2 || c.LockedByName == "" ||
		c.Departments[0].TotalCents != 50001+31500 || c.Departments[1].TotalCents != 50000+13500 ||
		c.Departments[0].Organisation == "" || len(nov.ContentSHA256) != 64 {
		t.Fatalf("content %+v", c)
	}
	if e := c.Entries[0]; e.CostID.String() != fee || e.UnitName == "" || e.Allocations[0].ShareBP != 7000 || e.ShareSource != "override" {
		t.Fatalf("first entry %+v", e)
	}
	// Unlock, a late cost and a change, relock: revision 2 corrects revision 1.
	env.Post(f.period("2025-11")+"/unlock", f.admin, map[string]any{"reason": "myöhästynyt lasku"}).Expect(http.StatusOK)
	late := f.cost("2025-11-30", 2000, "travel", nil)
	env.Patch("/api/v1/costs/"+salary, f.producer, map[string]any{"amount_cents": 100000}, "").Expect(http.StatusOK)
	f.lockMonth("2025-11")
	v2 := f.basis("2025-11", "")
	if v2.Revision != 2 || v2.Number != oct.Number+1 || v2.Corrects == nil || *v2.Corrects != nov.Number {
		t.Fatalf("revision 2: %+v", v2.BasisSummary)
	}
	k := v2.Content.Correction
	if k == nil || k.PreviousNumber != nov.Number || len(k.Departments) != 2 ||
		k.Departments[0].DeltaCents != 1000-1 || k.Departments[1].DeltaCents != 1000 || len(k.Entries) != 2 {
		t.Fatalf("correction %+v", k)
	}
	changes := map[string]string{}
	for _, e := range k.Entries {
		changes[e.CostID.String()] = e.Change
	}
	if changes[late] != "added" || changes[salary] != "changed" {
		t.Fatalf("entry changes %v", changes)
	}
	// Revision 1 is still there, unchanged.
	if again := f.basis("2025-11", "?revision=1"); again.ContentSHA256 != nov.ContentSHA256 || again.Number != nov.Number {
		t.Fatalf("revision 1 changed: %+v", again.BasisSummary)
	}
	env.Get(f.period("2025-11")+"/basis?revision=3", f.producer).Problem(http.StatusNotFound, "not-found")
	env.Get(f.period("2025-11")+"/basis?revision=0", f.producer).Problem(http.StatusBadRequest, "bad-request")
	var list struct {
		Items []budget.BasisSummary `json:"items"`
		Total int                   `json:"total"`
	}
	env.Get(f.period("2025-11")+"/bases", f.managerB.Token).Expect(http.StatusOK).JSON(&list)
	if list.Total != 2 || list.Items[0].Revision != 2 || list.Items[1].Revision != 1 {
		t.Fatalf("bases %+v", list)
	}
	env.Get(f.period("2025-11")+"/bases", f.viewer).Problem(http.StatusForbidden, "forbidden")
	// The lock and each basis are audited.
	n := env.AuditCount("action = 'basis.create' AND entity_type = 'invoicing_basis'")
	if n != 3 {
		t.Fatalf("%d basis.create events", n)
	}
}

// A basis cannot be changed or deleted: there is no route for it, and the
// database refuses it whoever asks.
func TestBasisImmutable(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	f.cost("2025-11-02", 1234, "other", nil)
	f.lockMonth("2025-11")
	b := f.basis("2025-11", "")
	env.SkipContract = true
	for _, path := range []string{"/basis", "/basis.pdf", "/basis.csv", "/bases"} {
		for _, method := range []string{"DELETE", "PUT", "PATCH", "POST"} {
			r := env.Do(apitest.Req{Method: method, Path: f.period("2025-11") + path, Token: f.admin, Body: map[string]any{}})
			// No route changes a basis: the method is refused.
			if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") == "" {
				t.Errorf("%s %s: %d", method, path, r.Status)
			}
		}
	}
	env.SkipContract = false
	for _, stmt := range []string{
		"UPDATE invoicing_bases SET total_cents = 0",
		"UPDATE invoicing_bases SET content = '{}'::jsonb",
		"DELETE FROM invoicing_bases",
		"TRUNCATE invoicing_bases",
		"TRUNCATE invoicing_bases CASCADE",
		"DELETE FROM agreement_periods",
		"DELETE FROM agreements",
	} {
		if err := env.DB.Exec(stmt).Error; err == nil || !strings.Contains(err.Error(), "SQLSTATE") {
			t.Errorf("%s: %v", stmt, err)
		}
	}
	if again := f.basis("2025-11", ""); again.ContentSHA256 != b.ContentSHA256 || again.TotalCents != 1234 {
		t.Fatalf("the basis changed: %+v", again.BasisSummary)
	}
	// Deleting the agreement through the API is a conflict naming the bases.
	env.Post(f.period("2025-11")+"/unlock", f.admin, map[string]any{"reason": "korjaus"}).Expect(http.StatusOK)
	for _, c := range f.costs("") {
		env.Delete("/api/v1/costs/"+c.ID, f.producer, "").Expect(http.StatusOK)
	}
	p := env.Delete("/api/v1/agreements/"+f.agreement, f.producer, "").Problem(http.StatusConflict, "conflict")
	if !strings.Contains(fmt.Sprint(p["detail"]), "invoicing bases") {
		t.Errorf("delete agreement: %v", p)
	}
	// The checksum is the database's own over the stored content.
	var sum string
	env.DB.Raw("SELECT invoicing_basis_checksum(content) FROM invoicing_bases WHERE id = ?", b.ID).Scan(&sum)
	if sum != b.ContentSHA256 {
		t.Errorf("checksum %s vs %s", sum, b.ContentSHA256)
	}
}

// The PDF, read back with an independent reader, states the basis in the
// asked language with embedded fonts.
func TestBasisPDF(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	f.cost("2025-11-25", 123456, "salary", nil)
	f.cost("2025-11-08", 45000, "performer_fee", map[string]any{"unit_id": f.unit})
	f.lockMonth("2025-11")
	env.Post(f.period("2025-11")+"/unlock", f.admin, map[string]any{"reason": "korjaus"}).Expect(http.StatusOK)
	f.cost("2025-11-30", -2000, "travel", nil)
	f.lockMonth("2025-11")
	b := f.basis("2025-11", "")
	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"Laskutusperuste – marraskuu 2025", fmt.Sprintf("Nro %d · versio 2 · korjaa laskutusperusteen nro %d", b.Number, *b.Corrects),
			"Osapuolet ja osuudet", "Korjaus edelliseen laskutusperusteeseen", "Kirjaukset ja niiden jako", "617,28\u00a0€",
			"−10,00\u00a0€", "Yhteensä", "Sivu 1/", f.codeA}},
		{"?lang=sv", []string{"Faktureringsunderlag – november 2025", "Parter och andelar", "Rättelse", "Sida 1/"}},
		{"?lang=en&revision=1", []string{"Invoicing basis – November 2025", "revision 1", "Parties and shares", "€617.28", "Page 1 of"}},
	}
	for _, c := range cases {
		r := env.Get(f.period("2025-11")+"/basis.pdf"+c.query, f.managerA.Token).Expect(http.StatusOK)
		if r.Header.Get("Content-Type") != "application/pdf" || !strings.Contains(r.Header.Get("Content-Disposition"), "laskutusperuste-") {
			t.Errorf("%s: headers %v", c.query, r.Header)
		}
		if dir := os.Getenv("PDFDOC_OUT"); dir != "" { // to look at: pdftoppm -png
			_ = os.WriteFile(filepath.Join(dir, "basis"+strings.NewReplacer("?", "-", "&", "-", "=", "").Replace(c.query)+".pdf"), r.Body, 0o600) //nolint:gosec // G703: the developer's own PDFDOC_OUT
		}
		doc := pdftest.Read(t, r.Body)
		text := doc.Text()
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF lacks %q:\n%s", c.query, w, text)
			}
		}
		if p := doc.Pages[0]; int(p.Width) != 595 || int(p.Height) != 842 {
			t.Errorf("not A4: %vx%v", p.Width, p.Height)
		}
		if len(doc.Unembedded) != 0 || len(doc.Fonts) == 0 {
			t.Errorf("fonts %v / %v", doc.Fonts, doc.Unembedded)
		}
		if strings.Contains(c.query, "revision=1") && strings.Contains(text, "Correction") {
			t.Errorf("revision 1 shows a correction")
		}
	}
	// Without ?lang= the PDF is in the user's own language.
	env.Patch("/api/v1/me", f.managerB.Token, map[string]any{"locale": "sv"}, "").Expect(http.StatusOK)
	if text := pdftest.Read(t, env.Get(f.period("2025-11")+"/basis.pdf", f.managerB.Token).Expect(http.StatusOK).Body).Text(); !strings.Contains(text, "Faktureringsunderlag") {
		t.Errorf("a Swedish-speaking manager got:\n%s", text)
	}
	env.Get(f.period("2025-11")+"/basis.pdf?lang=de", f.producer).Problem(http.StatusBadRequest, "bad-request")
	env.Get(f.period("2025-11")+"/basis.pdf", f.viewer).Problem(http.StatusForbidden, "forbidden")
	env.Get(f.period("2025-10")+"/basis.pdf", f.producer).Problem(http.StatusNotFound, "not-found")
	env.CheckBadTokens("GET", f.period("2025-11")+"/basis.pdf")
	// The same basis renders to the same bytes.
	one := env.Get(f.period("2025-11")+"/basis.pdf", f.producer).Expect(http.StatusOK).Body
	two := env.Get(f.period("2025-11")+"/basis.pdf", f.producer).Expect(http.StatusOK).Body
	if !bytes.Equal(one, two) {
		t.Error("two renderings differ")
	}
}

// readJournal parses basis.csv and sums amount_cents and amount_eur per
// department code.
func readJournal(t *testing.T, body []byte, semicolon bool) (cents, euroCents map[string]int64, rows int) {
	t.Helper()
	if semicolon != bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Fatalf("BOM present %v with semicolon %v", !semicolon, semicolon)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	if semicolon {
		r.Comma = ';'
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "date,organisation,department_code,account_code,category,amount_cents,amount_eur,cost_id,description,basis_number,basis_revision" {
		t.Fatalf("header %v", recs[0])
	}
	cents, euroCents = map[string]int64{}, map[string]int64{}
	for _, rec := range recs[1:] {
		n, err := strconv.ParseInt(rec[5], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		cents[rec[2]] += n
		eur := rec[6]
		if semicolon {
			eur = strings.Replace(eur, ",", ".", 1)
		}
		whole, frac, _ := strings.Cut(strings.TrimPrefix(eur, "-"), ".")
		w, _ := strconv.ParseInt(whole, 10, 64)
		fr, _ := strconv.ParseInt(frac, 10, 64)
		v := w*100 + fr
		if strings.HasPrefix(eur, "-") {
			v = -v
		}
		if v != n {
			t.Fatalf("row %v: euros %s are not %d cents", rec, rec[6], n)
		}
		euroCents[rec[2]] += v
	}
	return cents, euroCents, len(recs) - 1
}

// The journal's department sums equal the split report's department
// totals for the month exactly, on random months: random amounts (refunds
// too), categories with their own rule, overrides, several departments.
func TestBasisCSVSumsEqualSplit(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	admin := env.Token("admin")
	producer := env.Token("producer")
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 14))
		nDeps := 2 + rng.IntN(3)
		shares := randomShares(rng, nDeps)
		var deps []map[string]any
		managers := make([]string, nDeps)
		ids := make([]string, nDeps)
		for i := range nDeps {
			d := env.Department()
			ids[i] = d.String()
			managers[i] = env.Token("manager", apitest.WithDepartment(d))
			deps = append(deps, map[string]any{"department_id": d, "share_bp": shares[i], "budget_cents": 1_000_000})
		}
		rule := randomShares(rng, nDeps)
		var ruleShares []map[string]any
		for i := range nDeps {
			ruleShares = append(ruleShares, map[string]any{"department_id": ids[i], "share_bp": rule[i]})
		}
		agreement := env.Post("/api/v1/agreements", producer, map[string]any{"name": fmt.Sprintf("Seed %d", seed),
			"starts_on": "2025-01-01", "ends_on": "2025-12-31", "departments": deps,
			"category_rules": []map[string]any{{"category": "venue", "shares": ruleShares}},
			"account_codes":  map[string]any{"salary": "4110", "venue": "4410"}}).Expect(http.StatusCreated).ID()
		month := fmt.Sprintf("2025-%02d", 1+rng.IntN(12))
		for range 5 + rng.IntN(40) {
			body := map[string]any{"agreement_id": agreement, "incurred_on": fmt.Sprintf("%s-%02d", month, 1+rng.IntN(28)),
				"amount_cents": randomAmount(rng), "category": budget.Categories[rng.IntN(len(budget.Categories))],
				"description": "satunnainen"}
			if rng.IntN(4) == 0 {
				o := randomShares(rng, nDeps)
				var list []map[string]any
				for i := range nDeps {
					list = append(list, map[string]any{"department_id": ids[i], "share_bp": o[i]})
				}
				body["shares"] = list
			}
			env.Post("/api/v1/costs", producer, body).Expect(http.StatusCreated)
		}
		// A cost of the neighbouring month must not leak in.
		env.Post("/api/v1/costs", producer, map[string]any{"agreement_id": agreement, "incurred_on": "2025-06-15",
			"amount_cents": 777, "category": "other", "description": "toinen kuukausi"}).Expect(http.StatusCreated)
		period := "/api/v1/agreements/" + agreement + "/periods/" + month
		for _, m := range managers {
			env.Post(period+"/approve", m, nil).Expect(http.StatusOK)
		}
		env.Post(period+"/lock", admin, nil).Expect(http.StatusOK)
		from := month + "-01"
		to := fmt.Sprintf("%s-%02d", month, daysIn(month))
		var s split
		env.Get("/api/v1/agreements/"+agreement+"/split?from="+from+"&to="+to, producer).Expect(http.StatusOK).JSON(&s)
		var b budget.BasisResponse
		env.Get(period+"/basis", producer).Expect(http.StatusOK).JSON(&b)
		for _, semicolon := range []bool{false, true} {
			q := "?separator=comma"
			if semicolon {
				q = "?separator=semicolon"
			}
			body := env.Get(period+"/basis.csv"+q, producer).Expect(http.StatusOK).Body
			cents, euros, rows := readJournal(t, body, semicolon)
			if rows != int(s.EntryCount)*nDeps {
				t.Fatalf("seed %d: %d rows for %d entries x %d departments", seed, rows, s.EntryCount, nDeps)
			}
			for i, d := range s.Departments {
				if cents[d.Code] != d.TotalCents || euros[d.Code] != d.TotalCents || b.Content.Departments[i].TotalCents != d.TotalCents {
					t.Fatalf("seed %d %s: journal %d (euros %d), basis %d, split %d", seed, d.Code, cents[d.Code], euros[d.Code],
						b.Content.Departments[i].TotalCents, d.TotalCents)
				}
			}
		}
	}
}

func randomAmount(rng *rand.Rand) int64 {
	v := int64(1 + rng.IntN(2_000_000))
	if rng.IntN(5) == 0 {
		v = -v
	}
	return v
}

func daysIn(month string) int {
	y, _ := strconv.Atoi(month[:4])
	m, _ := strconv.Atoi(month[5:])
	switch m {
	case 2:
		if y%4 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
