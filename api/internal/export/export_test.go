package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kulttuurisilta/api/internal/civil"
)

func TestCellText(t *testing.T) {
	d, _ := civil.ParseDate("2025-03-01")
	cases := []struct {
		v            any
		comma, semic string
	}{
		{nil, "", ""},
		{"Koivukoti", "Koivukoti", "Koivukoti"},
		{"=HYPERLINK(1)", "'=HYPERLINK(1)", "'=HYPERLINK(1)"},
		{"-5", "'-5", "'-5"},
		{42, "42", "42"},
		{int64(-7), "-7", "-7"},
		{Euros(123456), "1234.56", "1234,56"},
		{Euros(5), "0.05", "0,05"},
		{Euros(-5), "-0.05", "-0,05"},
		{Euros(-100), "-1.00", "-1,00"},
		{Euros(0), "0.00", "0,00"},
		{Euros(-9223372036854775808), "-92233720368547758.08", "-92233720368547758,08"},
		{Decimal{4.5, 2}, "4.50", "4,50"},
		{d, "2025-03-01", "2025-03-01"},
	}
	for _, c := range cases {
		for _, sep := range []struct {
			s    Separator
			want string
		}{{Comma, c.comma}, {Semicolon, c.semic}} {
			got, err := sep.s.text(c.v)
			if err != nil || got != sep.want {
				t.Errorf("%v (%d): %q %v, want %q", c.v, sep.s, got, err, sep.want)
			}
		}
	}
	if _, err := Comma.text(1.5); err == nil {
		t.Error("a bare float must be refused (Euros or Decimal say how to show it)")
	}
}

// TestCSVReadBack writes both dialects and reads them back with
// encoding/csv: the semicolon file starts with the BOM, and its euro
// column, read the Finnish way, sums to the cents column.
func TestCSVReadBack(t *testing.T) {
	amounts := []int64{123456, 5, -99, 100000000, 1}
	for _, sep := range []Separator{Comma, Semicolon} {
		var b bytes.Buffer
		w := NewCSV(&b, sep)
		if b.Len() != 0 {
			t.Fatal("NewCSV wrote before Flush")
		}
		if err := w.Header("name", "amount_cents", "amount_eur"); err != nil {
			t.Fatal(err)
		}
		for _, a := range amounts {
			if err := w.Row("Jyväskylä; \"x\"", a, Euros(a)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		body := b.Bytes()
		hasBOM := bytes.HasPrefix(body, []byte("\xef\xbb\xbf"))
		if hasBOM != (sep == Semicolon) {
			t.Fatalf("separator %d: BOM %v", sep, hasBOM)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
		r.Comma = sep.comma()
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(amounts)+1 || recs[0][0] != "name" || recs[1][0] != "Jyväskylä; \"x\"" {
			t.Fatalf("separator %d: %q", sep, recs)
		}
		var cents, fromEuros int64
		for _, rec := range recs[1:] {
			c, _ := strconv.ParseInt(rec[1], 10, 64)
			cents += c
			eur := rec[2]
			if sep == Semicolon {
				if strings.Contains(eur, ".") {
					t.Errorf("semicolon euro %q has a decimal point", eur)
				}
				eur = strings.Replace(eur, ",", ".", 1)
			}
			whole, frac, _ := strings.Cut(strings.TrimPrefix(eur, "-"), ".")
			w, _ := strconv.ParseInt(whole, 10, 64)
			f, _ := strconv.ParseInt(frac, 10, 64)
			v := w*100 + f
			if strings.HasPrefix(eur, "-") {
				v = -v
			}
			fromEuros += v
		}
		var want int64
		for _, a := range amounts {
			want += a
		}
		if cents != want || fromEuros != want {
			t.Errorf("separator %d: cents %d, euros %d, want %d", sep, cents, fromEuros, want)
		}
		if !bytes.Contains(body, []byte("\r\n")) {
			t.Error("lines must end in CRLF (RFC 4180)")
		}
	}
}

// TestXLSXCells reads a workbook back with excelize: dates are date
// serials with a date format, euros are numbers with a euro format beside
// the cents, text stays text.
func TestXLSXCells(t *testing.T) {
	b, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	d, _ := civil.ParseDate("2025-03-01")
	sh, err := b.Sheet("Entries", "day", "what", "amount_cents", "amount_eur", "mean")
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Row(d, "=1+1", int64(123456), Euros(123456), Decimal{4.5, 2}); err != nil {
		t.Fatal(err)
	}
	if err := sh.Row(d, nil, int64(-5), Euros(-5), nil); err != nil {
		t.Fatal(err)
	}
	if err := sh.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Sheet("Second", "x"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	_ = b.Close()

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Entries" {
		t.Fatalf("sheets %v", got)
	}
	raw := func(cell string) string {
		v, err := f.GetCellValue("Entries", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle("Entries", cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The date: serial 45717 is 2025-03-01, with the built-in short date format.
	if v := raw("A2"); v != "45717" {
		t.Errorf("date serial %q", v)
	}
	if s := style("A2"); s.NumFmt != dateFormat {
		t.Errorf("date format %d %v", s.NumFmt, s.CustomNumFmt)
	}
	if ty, _ := f.GetCellType("Entries", "B2"); ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString {
		t.Errorf("text cell type %v", ty)
	}
	if v := raw("B2"); v != "=1+1" {
		t.Errorf("text %q (no quote needed: a string cell is never a formula)", v)
	}
	if v := raw("C2"); v != "123456" {
		t.Errorf("cents %q", v)
	}
	var sum float64
	for _, c := range []string{"D2", "D3"} {
		s := style(c)
		if s.CustomNumFmt == nil || !strings.Contains(*s.CustomNumFmt, "€") {
			t.Errorf("%s: euro format %v", c, s.CustomNumFmt)
		}
		v, err := strconv.ParseFloat(raw(c), 64)
		if err != nil {
			t.Fatalf("%s is not a number: %v", c, err)
		}
		sum += v
	}
	if sum != 1234.51 {
		t.Errorf("euro sum %v, want 1234.51", sum)
	}
	if shown, _ := f.GetCellValue("Entries", "E2"); shown != "4.50" {
		t.Errorf("decimal shown %q", shown)
	}
	if panes, _ := f.GetPanes("Entries"); !panes.Freeze {
		t.Error("header row not frozen")
	}
}

// failingWriter fails every write, as a client that went away does.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestCSVWriteErrorsSurface: an error of the underlying writer is returned
// (by Flush, or by a row once the buffer fills), never lost.
func TestCSVWriteErrorsSurface(t *testing.T) {
	broken := errors.New("connection reset")
	for _, sep := range []Separator{Comma, Semicolon} {
		w := NewCSV(failingWriter{broken}, sep)
		if err := w.Header("a", "b"); err != nil {
			t.Fatalf("header: %v", err)
		}
		var err error
		for i := 0; i < 2000 && err == nil; i++ {
			err = w.Row(strings.Repeat("x", 10), i)
		}
		if err == nil {
			err = w.Flush()
		}
		if !errors.Is(err, broken) {
			t.Fatalf("separator %d: error %v, want the writer's", sep, err)
		}
		if err := w.Flush(); !errors.Is(err, broken) {
			t.Fatalf("separator %d: a later Flush says %v", sep, err)
		}
	}
}
