package budget_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/budget"
)

func (f *fixture) importCSV(body string, token string) *apitest.Resp {
	f.env.T.Helper()
	return f.env.Do(apitest.Req{Method: "POST", Path: "/api/v1/costs/import?agreement_id=" + f.agreement, Token: token,
		Body: body, Header: map[string]string{"Content-Type": "text/csv; charset=utf-8"}})
}

func TestImportCSV(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 5000)
	env := f.env
	// A Finnish export: semicolons, comma decimals, D.M.YYYY dates, a BOM.
	fi := "\ufeffincurred_on;amount;category;description;unit_id\r\n" +
		"5.1.2025;1 234,56;salary;Tuottajan palkka;\r\n" +
		"2025-01-20;-12,5;venue;\"Hyvitys; vuokra\";" + f.unit.String() + "\r\n\r\n"
	var out budget.ImportResponse
	f.importCSV(fi, f.producer).Expect(http.StatusCreated).JSON(&out)
	if out.Created != 2 || out.TotalCents != 123456-1250 {
		t.Fatalf("import %+v", out)
	}
	// Comma-separated with amount_cents.
	f.importCSV("incurred_on,amount_cents,category,description\n2025-02-01,999,other,\"a, b\"\n", f.producer).Expect(http.StatusCreated)
	if s := f.split(""); s.TotalCents != 123456-1250+999 || s.EntryCount != 3 {
		t.Fatalf("split after import %+v", s)
	}

	// Every bad row and field is reported, and nothing is written.
	bad := "incurred_on;amount;category;description;unit_id\n" +
		"2025-03-01;10,00;salary;ok;\n" +
		"2025-13-01;abc;food;;nope\n" +
		"2026-01-01;0;salary;outside;\n" +
		"2025-03-02;1,234;other;three decimals;\n" +
		"2025-03-03;5\n" +
		"2025-03-04;5;other;unknown unit;" + f.depA.String() + "\n"
	r := f.importCSV(bad, f.producer)
	r.Problem(http.StatusUnprocessableEntity, "validation")
	want := "[rows[3].incurred_on rows[3].amount rows[3].category rows[3].description rows[3].unit_id rows[4].amount rows[5].amount rows[6]]"
	if got := fmt.Sprint(r.FieldErrors()); got != want {
		t.Fatalf("errors %s\nwant %s", got, want)
	}
	// Rows valid on their own but outside the period or naming unknown units fail together.
	r = f.importCSV("incurred_on;amount;category;description;unit_id\n2025-03-01;1;other;x;\n2026-03-01;1;other;y;\n2025-03-01;1;other;z;"+f.depA.String()+"\n", f.producer)
	r.Problem(http.StatusUnprocessableEntity, "validation")
	if got := fmt.Sprint(r.FieldErrors()); got != "[rows[3].incurred_on rows[4].unit_id]" {
		t.Fatalf("errors %s", got)
	}
	if s := f.split(""); s.EntryCount != 3 {
		t.Fatalf("a failed import wrote entries: %d", s.EntryCount)
	}
	headers := []struct{ csv, field string }{
		{"incurred_on;amount;category;description;colour\n", "header.colour"},
		{"incurred_on;category;description\n", "header.amount"},
		{"incurred_on;amount;amount_cents;category;description\n", "header.amount"},
		{"amount;category;description\n", "header.incurred_on"},
		{"incurred_on;amount;category;description;amount\n", "header.amount"},
		{"incurred_on;amount;category;description\n", "body"},
		{"", "body"},
		{"incurred_on;amount;category;description\n\"2025-01-01;1;other;x\n", "rows[2]"},
		{"\xff\xfe", "body"},
	}
	for _, h := range headers {
		r := f.importCSV(h.csv, f.producer)
		r.Problem(http.StatusUnprocessableEntity, "validation")
		if got := r.FieldErrors(); len(got) == 0 || got[0] != h.field {
			t.Errorf("%q: errors %v, want %s first", h.csv, got, h.field)
		}
	}
	// A locked month refuses the whole file with 409, naming the rows.
	env.Post(f.period("2025-02")+"/approve", f.managerA.Token, nil).Expect(http.StatusOK)
	env.Post(f.period("2025-02")+"/approve", f.managerB.Token, nil).Expect(http.StatusOK)
	env.Post(f.period("2025-02")+"/lock", f.producer, nil).Expect(http.StatusOK)
	r = f.importCSV("incurred_on;amount;category;description\n2025-06-01;1;other;x\n2025-02-10;1;other;y\n", f.producer)
	r.Problem(http.StatusConflict, "conflict")
	if got := fmt.Sprint(r.FieldErrors()); got != "[rows[3].incurred_on]" {
		t.Fatalf("errors %s", got)
	}
	// Parameters, media type, rights.
	env.Do(apitest.Req{Method: "POST", Path: "/api/v1/costs/import", Token: f.producer, Body: "x",
		Header: map[string]string{"Content-Type": "text/csv"}}).Problem(http.StatusBadRequest, "bad-request")
	env.Do(apitest.Req{Method: "POST", Path: "/api/v1/costs/import?agreement_id=" + f.depA.String(), Token: f.producer,
		Body: "incurred_on;amount;category;description\n2025-06-01;1;other;x\n", Header: map[string]string{"Content-Type": "text/csv"}}).
		Problem(http.StatusNotFound, "not-found")
	env.Do(apitest.Req{Method: "POST", Path: "/api/v1/costs/import?agreement_id=" + f.agreement, Token: f.producer, Body: "a=b",
		Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}).Problem(http.StatusUnsupportedMediaType, "unsupported-media-type")
	f.importCSV(fi, f.managerA.Token).Problem(http.StatusForbidden, "forbidden")
	f.importCSV("incurred_on;amount;category;description\n"+strings.Repeat("2025-06-01;1;other;padding padding padding padding\n", 30000), f.producer).
		Problem(http.StatusRequestEntityTooLarge, "too-large")
}

func TestParseEuros(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"123,45", 12345, true}, {"123.45", 12345, true}, {"-12,5", -1250, true}, {"+7", 700, true},
		{"1 234 567,89", 123456789, true}, {"0,01", 1, true}, {"\u221210,00", -1000, true},
		{"1,234", 0, false}, {"12,", 0, false}, {",5", 0, false}, {"abc", 0, false}, {"", 0, false},
		{"1.2.3", 0, false}, {"99999999999", 0, false}, {"1e3", 0, false}, {"--1", 0, false},
	}
	for _, tc := range tests {
		got, ok := budget.ParseEuros(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseEuros(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzImportCSV: whatever the bytes, the parser never panics, and either
// returns rows that are each valid, or a validation error that names at
// least one row or field.
func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("incurred_on;amount;category;description\n5.1.2025;12,50;salary;x\n"))
	f.Add([]byte("incurred_on,amount_cents,category,description,unit_id,activity_id\n2025-01-01,-5,venue,\"a,b\",,\n"))
	f.Add([]byte("incurred_on;amount;category;description\n\"unterminated\n"))
	f.Add([]byte("\ufeffincurred_on;amount;category;description;amount\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := budget.ParseCostsCSV(data)
		if err != nil {
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindInvalid || len(e.Fields) == 0 {
				t.Fatalf("error is not a precise validation error: %v", err)
			}
			for _, fe := range e.Fields {
				if fe.Field == "" || fe.Message == "" || !utf8.ValidString(fe.Field) {
					t.Fatalf("vague field error %+v", fe)
				}
			}
			return
		}
		if len(rows) == 0 || len(rows) > budget.MaxImportRows {
			t.Fatalf("%d rows without an error", len(rows))
		}
		for _, r := range rows {
			in := r.Input
			if in.IncurredOn.IsZero() || in.AmountCents == 0 || in.Description == "" || !utf8.ValidString(in.Description) {
				t.Fatalf("invalid row accepted: %+v", r)
			}
		}
	})
}
