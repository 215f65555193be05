// Package pdftest reads a PDF back in tests: the text of each page as runs
// of one font and size, and the fonts embedded in the file. It uses
// github.com/ledongthuc/pdf, a reader independent of the writer, so a
// test checks what a PDF reader sees rather than what the writer meant.
// Tests only.
package pdftest

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// Span is a run of text in one font and size on one line.
type Span struct {
	Text string
	Font string
	// Size is the font size in points.
	Size float64
	// X, Y is where the run starts (points; Y grows upwards from the
	// page's bottom, as in PDF).
	X, Y float64
}

// Page is one page of the document.
type Page struct {
	Number        int
	Width, Height float64
	Spans         []Span
}

// Doc is a PDF read back.
type Doc struct {
	Pages []Page
	// Fonts lists the base names of the fonts whose program is embedded
	// in the file (FontFile2, FontFile3 or FontFile), sorted.
	Fonts []string
	// Unembedded lists the fonts used without an embedded program.
	Unembedded []string
}

// Read parses a PDF, failing the test when it cannot be read.
func Read(t testing.TB, b []byte) Doc {
	t.Helper()
	d, err := Parse(b)
	if err != nil {
		t.Fatalf("pdftest: %v", err)
	}
	return d
}

// Parse parses a PDF.
func Parse(b []byte) (d Doc, err error) {
	defer func() {
		// The reader panics on some malformed input.
		if r := recover(); r != nil {
			err = fmt.Errorf("unreadable PDF: %v", r)
		}
	}()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return d, fmt.Errorf("not a PDF (starts %q)", b[:min(len(b), 8)])
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return d, err
	}
	embedded, plain := map[string]bool{}, map[string]bool{}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		box := mediaBox(p.V)
		pg := Page{Number: i, Width: box.Index(2).Float64() - box.Index(0).Float64(),
			Height: box.Index(3).Float64() - box.Index(1).Float64()}
		pg.Spans = spans(p.Content().Text)
		d.Pages = append(d.Pages, pg)
		for _, name := range p.Fonts() {
			f := p.Font(name).V
			base := f.Key("BaseFont").Name()
			desc := f.Key("FontDescriptor")
			if f.Key("Subtype").Name() == "Type0" {
				desc = f.Key("DescendantFonts").Index(0).Key("FontDescriptor")
			}
			if !desc.Key("FontFile2").IsNull() || !desc.Key("FontFile3").IsNull() || !desc.Key("FontFile").IsNull() {
				embedded[base] = true
			} else {
				plain[base] = true
			}
		}
	}
	for k := range embedded {
		d.Fonts = append(d.Fonts, k)
	}
	for k := range plain {
		d.Unembedded = append(d.Unembedded, k)
	}
	slices.Sort(d.Fonts)
	slices.Sort(d.Unembedded)
	return d, nil
}

// mediaBox is the page's MediaBox, which may be inherited from its parents.
func mediaBox(v pdf.Value) pdf.Value {
	for ; !v.IsNull(); v = v.Key("Parent") {
		if b := v.Key("MediaBox"); !b.IsNull() {
			return b
		}
	}
	return pdf.Value{}
}

// spans joins the reader's glyphs into runs of one font, size and line.
func spans(glyphs []pdf.Text) []Span {
	var out []Span
	var endX float64
	for _, g := range glyphs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.Font == g.Font && last.Size == g.FontSize && math.Abs(last.Y-g.Y) < 0.5 && math.Abs(endX-g.X) < g.FontSize {
				if g.X-endX > g.FontSize*0.2 && !strings.HasSuffix(last.Text, " ") && g.S != " " {
					last.Text += " "
				}
				last.Text += g.S
				endX = g.X + g.W
				continue
			}
		}
		out = append(out, Span{Text: g.S, Font: g.Font, Size: g.FontSize, X: g.X, Y: g.Y})
		endX = g.X + g.W
	}
	return out
}

// Text is the page's text, a line per line of the page (top to bottom,
// runs on one line joined by a space). No-break spaces are kept.
func (p Page) Text() string {
	type line struct {
		y     float64
		spans []Span
	}
	var lines []line
	for _, s := range p.Spans {
		i := slices.IndexFunc(lines, func(l line) bool { return math.Abs(l.y-s.Y) < 1 })
		if i < 0 {
			lines = append(lines, line{y: s.Y})
			i = len(lines) - 1
		}
		lines[i].spans = append(lines[i].spans, s)
	}
	slices.SortStableFunc(lines, func(a, b line) int { return -cmpFloat(a.y, b.y) })
	var b strings.Builder
	for _, l := range lines {
		slices.SortStableFunc(l.spans, func(a, b Span) int { return cmpFloat(a.X, b.X) })
		for i, s := range l.spans {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(strings.TrimSpace(s.Text))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Text is the whole document's text, page by page.
func (d Doc) Text() string {
	var b strings.Builder
	for _, p := range d.Pages {
		b.WriteString(p.Text())
	}
	return b.String()
}

// Find returns the runs whose text contains s, on every page.
func (d Doc) Find(s string) []Span {
	var out []Span
	for _, p := range d.Pages {
		for _, sp := range p.Spans {
			if strings.Contains(sp.Text, s) {
				out = append(out, sp)
			}
		}
	}
	return out
}

// MinSize is the smallest font size used anywhere, skipping runs whose
// text contains one of skip (e.g. the page numbers).
func (d Doc) MinSize(skip ...string) float64 {
	m := math.Inf(1)
	for _, p := range d.Pages {
		for _, sp := range p.Spans {
			if strings.TrimSpace(sp.Text) == "" || slices.ContainsFunc(skip, func(s string) bool { return strings.Contains(sp.Text, s) }) {
				continue
			}
			m = min(m, sp.Size)
		}
	}
	return m
}
