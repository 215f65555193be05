package pdfdoc_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/pdfdoc"
	"kulttuurisilta/api/internal/pdfdoc/pdftest"
)

var created = time.Date(2025, 4, 2, 9, 30, 0, 0, time.UTC)

// sample writes a document with every kind of element; rows sets the
// table's length (so it breaks pages).
func sample(t *testing.T, opt pdfdoc.Options, rows int) []byte {
	t.Helper()
	d, err := pdfdoc.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(d.Heading("Laskutusperuste 2025-03 — äöå ÄÖÅ €", 18))
	must(d.Paragraph(strings.Repeat("Pitkä kappale, joka rivittyy useammalle riville sanarajoilta. ", 12)))
	must(d.Text("Sanaerotinta vailla: "+strings.Repeat("x", 300), pdfdoc.Style{Size: 9}))
	must(d.Fields([][2]string{{"Sopimus", "Kulttuurituottaja 2025"}, {"Lukittu", l10n.DateTime(created, d.Lang(), time.UTC)}}))
	d.Rule()
	tbl := pdfdoc.Table{Columns: []pdfdoc.Column{{Title: "Päivä", Weight: 1}, {Title: "Kuvaus", Weight: 3},
		{Title: "Summa", Weight: 1.2, Align: pdfdoc.Right}}}
	var total int64
	for i := range rows {
		cents := int64(i*12345 + 7)
		total += cents
		tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: []string{l10n.Date(created.AddDate(0, 0, i%28), d.Lang()),
			fmt.Sprintf("Rivi %d: esiintyjäpalkkio ja matkat", i+1), l10n.Euros(cents, d.Lang())}})
	}
	tbl.Rows = append(tbl.Rows, pdfdoc.Row{Cells: []string{"", "Yhteensä", l10n.Euros(total, d.Lang())}, Bold: true, Shade: true})
	must(d.Table(tbl))
	must(d.BarChart(pdfdoc.BarChart{Bars: []pdfdoc.Bar{{Label: "Sosiaalipalvelut", Value: 500000}, {Label: "Kulttuuri", Value: 250000},
		{Label: "Hyvitys", Value: -100}, {Label: "Rantala", Value: 0, Note: "ei toimintaa"}},
		Format: func(v int64) string { return l10n.Euros(v, d.Lang()) }}))
	must(d.LineChart(pdfdoc.LineChart{Labels: []string{"tammi", "helmi", "maalis", "huhti"},
		Series: []pdfdoc.Series{{Name: "Osallistujat", Values: []int64{120, 340, 0, 95}}, {Name: "Asukkaat", Values: []int64{80, 200, 0, 60}}}}))
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for x := range 32 {
		for y := range 32 {
			img.Set(x, y, color.RGBA{uint8(x * 8), 80, uint8(y * 8), 255})
		}
	}
	must(d.Image(img, 48, 48, pdfdoc.Center))
	var pngBuf bytes.Buffer
	must(png.Encode(&pngBuf, img))
	must(d.Block(40, func(c *pdfdoc.Canvas) error {
		if err := c.ImageBytes(pngBuf.Bytes(), 0, 0, 40, 40); err != nil {
			return err
		}
		_, err := c.Lines(50, 0, c.W-50, "Kuva ja teksti vierekkäin", pdfdoc.Style{Size: 16, Bold: true})
		return err
	}))
	b, err := d.Bytes()
	must(err)
	if dir := os.Getenv("PDFDOC_OUT"); dir != "" { // to look at it: pdftoppm -png
		must(os.WriteFile(dir+"/"+strings.ReplaceAll(t.Name(), "/", "_")+".pdf", b, 0o600)) //nolint:gosec // G703: the developer's own PDFDOC_OUT
	}
	return b
}

func TestDocument(t *testing.T) {
	opt := pdfdoc.Options{Lang: l10n.FI, Header: "Kulttuurisilta", HeaderRight: "Laskutusperuste", Footer: "Nro 2025-03/1",
		Title: "Laskutusperuste", Created: created}
	b := sample(t, opt, 120)
	doc := pdftest.Read(t, b)
	if len(doc.Pages) < 3 {
		t.Fatalf("%d pages, want the table to run over several", len(doc.Pages))
	}
	for _, p := range doc.Pages {
		if int(p.Width) != 595 || int(p.Height) != 842 {
			t.Errorf("page %d is %vx%v, want A4", p.Number, p.Width, p.Height)
		}
		text := p.Text()
		if want := fmt.Sprintf("Sivu %d/%d", p.Number, len(doc.Pages)); !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q:\n%s", p.Number, want, text)
		}
		if !strings.Contains(text, "Kulttuurisilta") || !strings.Contains(text, "Nro 2025-03/1") {
			t.Errorf("page %d lacks the header or footer", p.Number)
		}
	}
	// The table's header is repeated on the pages it continues on.
	if n := len(doc.Find("Kuvaus")); n < 3 {
		t.Errorf("the table header appears %d times", n)
	}
	all := doc.Text()
	for _, want := range []string{"Laskutusperuste 2025-03 — äöå ÄÖÅ €", "Rivi 120: esiintyjäpalkkio", "Yhteensä",
		"1\u00a0234,57\u00a0€", "Kuva ja teksti vierekkäin", "−1,00\u00a0€", "2.4.2025 klo 09.30", "maalis", "Osallistujat",
		"Asukkaat", "400"} {
		if !strings.Contains(all, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	if hs := doc.Find("Laskutusperuste 2025-03"); len(hs) != 1 || hs[0].Size != 18 || hs[0].Font != "DejaVuSans-Bold" {
		t.Errorf("heading: %+v", hs)
	}
	if ns := doc.Find("ei toimintaa"); len(ns) != 1 || ns[0].Font != "DejaVuSans-Bold" {
		t.Errorf("bar note: %+v", ns)
	}
	if ys := doc.Find("Yhteensä"); len(ys) != 1 || ys[0].Font != "DejaVuSans-Bold" {
		t.Errorf("total row: %+v", ys)
	}
	if rs := doc.Find("Rivi 1:"); len(rs) != 1 || rs[0].Font != "DejaVuSans" || rs[0].Size != 10 {
		t.Errorf("body row: %+v", rs)
	}
	if len(doc.Unembedded) > 0 || len(doc.Fonts) != 2 {
		t.Errorf("fonts embedded %v, not embedded %v", doc.Fonts, doc.Unembedded)
	}
	for _, f := range doc.Fonts {
		if !strings.Contains(f, "DejaVuSans") {
			t.Errorf("font %q", f)
		}
	}
	// Every line stays inside the page.
	for _, p := range doc.Pages {
		for _, s := range p.Spans {
			if s.X < 0 || s.X > p.Width || s.Y < 0 || s.Y > p.Height {
				t.Errorf("page %d: %q at %v,%v", p.Number, s.Text, s.X, s.Y)
			}
		}
	}
	// The same input gives the same bytes.
	if again := sample(t, opt, 120); !bytes.Equal(b, again) {
		t.Error("two runs differ")
	}
}

// The large-print programme's case: A3 landscape, body >= 16 pt, titles
// >= 24 pt, in Swedish and English page labels.
func TestLargePrintAndLanguages(t *testing.T) {
	for _, c := range []struct {
		opt  pdfdoc.Options
		w, h int
		page string
	}{
		{pdfdoc.Options{Size: pdfdoc.A3, BodySize: 16, Lang: l10n.SV}, 842, 1190, "Sida 1/"},
		{pdfdoc.Options{Size: pdfdoc.A4, Landscape: true, BodySize: 18, Lang: l10n.EN}, 842, 595, "Page 1 of "},
	} {
		d, err := pdfdoc.New(c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Heading("Månadsprogram", 28); err != nil {
			t.Fatal(err)
		}
		if err := d.Paragraph("Konsert i Björkhemmet, tisdag kl. 14"); err != nil {
			t.Fatal(err)
		}
		b, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		doc := pdftest.Read(t, b)
		p := doc.Pages[0]
		if int(p.Width) != c.w || int(p.Height) != c.h {
			t.Errorf("%s: %vx%v", c.opt.Size, p.Width, p.Height)
		}
		if !strings.Contains(doc.Text(), c.page) {
			t.Errorf("no %q in %s", c.page, doc.Text())
		}
		if m := doc.MinSize(c.page); m < 16 {
			t.Errorf("smallest text %v pt", m)
		}
		if hs := doc.Find("Månadsprogram"); len(hs) != 1 || hs[0].Size < 24 {
			t.Errorf("title: %+v", hs)
		}
	}
	if _, err := pdfdoc.New(pdfdoc.Options{Size: "A5"}); err == nil {
		t.Error("A5 accepted")
	}
}

func TestParseRejectsGarbage(t *testing.T) {
	if _, err := pdftest.Parse([]byte("<html>")); err == nil {
		t.Error("garbage read as a PDF")
	}
}

// BenchmarkSmallDocument is the fixed cost of a document: parsing the two
// embedded fonts, one page of text, subsetting and compressing.
func BenchmarkSmallDocument(b *testing.B) {
	for b.Loop() {
		d, err := pdfdoc.New(pdfdoc.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Paragraph("Laskutusperuste 2025-03"); err != nil {
			b.Fatal(err)
		}
		if _, err := d.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
