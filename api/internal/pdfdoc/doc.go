// Package pdfdoc writes the project's PDF documents (the invoicing basis,
// the large-print monthly programme, the annual report) on
// github.com/signintech/gopdf with the DejaVu Sans family embedded in the
// binary (subset into each file, so every reader shows the same glyphs).
//
// A Doc is a flowing document: text, headings, tables and images are placed
// top to bottom and break onto new pages by themselves; a table repeats its
// header row on each page. Every page gets the header and footer lines and
// "page n / N" at the end, when N is known. Sizes are in points (1/72 in);
// numbers, money and dates are formatted by package l10n in the document's
// language. See docs/adr/0070-pdf-documents.md.
package pdfdoc

import (
	"bytes"
	_ "embed" // the fonts
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"kulttuurisilta/api/internal/l10n"
)

//go:embed fonts/DejaVuSans.ttf
var fontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var fontBold []byte

// The two families; bold is its own family so that its BaseFont name in
// the file differs from the regular one.
const (
	family     = "DejaVuSans"
	familyBold = "DejaVuSans-Bold"
)

// PageSize is a paper size.
type PageSize string

// The paper sizes.
const (
	A4 PageSize = "A4"
	A3 PageSize = "A3"
)

// MM is one millimetre in points.
const MM = 72 / 25.4

// RGB is a colour.
type RGB struct{ R, G, B uint8 }

// Colours used by the documents.
var (
	Black     = RGB{0, 0, 0}
	DarkGrey  = RGB{70, 70, 70}
	Grey      = RGB{130, 130, 130}
	LightGrey = RGB{230, 230, 230}
	White     = RGB{255, 255, 255}
	// Accent is the product's blue (WCAG AA on white for text).
	Accent = RGB{0, 82, 147}
)

// Align is a horizontal alignment.
type Align int

// The alignments.
const (
	Left Align = iota
	Right
	Center
)

// Style is how a piece of text looks.
type Style struct {
	// Size in points; the document's BodySize when 0.
	Size float64
	Bold bool
	// Color of the text; black when zero.
	Color RGB
	Align Align
	// LineHeight is a multiple of Size; 1.3 when 0.
	LineHeight float64
}

// Options set up a document.
type Options struct {
	// Size is A4 (the default) or A3.
	Size      PageSize
	Landscape bool
	// Margin on all four sides, in points; 18 mm when 0. The header and
	// footer lines sit inside it.
	Margin float64
	// Lang is the language of the page numbers (and of the l10n
	// formatting the caller does); fi when empty.
	Lang l10n.Lang
	// BodySize is the default text size in points; 10 when 0.
	BodySize float64
	// Header is printed at the top left of every page, HeaderRight at the
	// top right; Footer at the bottom left, next to the page number.
	Header, HeaderRight, Footer string
	// NoPageNumbers leaves out "page n / N".
	NoPageNumbers bool
	// MarginTextSize is the size of the header, footer and page number
	// text; max(8, 0.8 × BodySize) when 0. A large-print document sets it
	// to its body size so no text on the page is smaller.
	MarginTextSize float64
	// The document information dictionary. Created is written as the
	// creation date, so the same input always gives the same bytes.
	Title, Subject, Author string
	Created                time.Time
}

// Doc is a PDF being written.
type Doc struct {
	pdf   *gopdf.GoPdf
	opt   Options
	w, h  float64 // page size
	y     float64 // the next free line on the current page
	pages int
	err   error
}

// New starts a document with its first page.
func New(opt Options) (*Doc, error) {
	if opt.Size == "" {
		opt.Size = A4
	}
	if opt.Margin == 0 {
		opt.Margin = 18 * MM
	}
	if opt.BodySize == 0 {
		opt.BodySize = 10
	}
	opt.Lang = opt.Lang.Or(l10n.FI)
	var size gopdf.Rect
	switch opt.Size {
	case A4:
		size = *gopdf.PageSizeA4
	case A3:
		size = *gopdf.PageSizeA3
	default:
		return nil, fmt.Errorf("pdfdoc: unknown page size %q", opt.Size)
	}
	if opt.Landscape {
		size.W, size.H = size.H, size.W
	}
	d := &Doc{pdf: &gopdf.GoPdf{}, opt: opt, w: size.W, h: size.H}
	d.pdf.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	d.pdf.SetCompressLevel(9)
	d.pdf.SetInfo(gopdf.PdfInfo{Title: opt.Title, Subject: opt.Subject, Author: opt.Author,
		Creator: "Kulttuurisilta", Producer: "Kulttuurisilta (gopdf)", CreationDate: opt.Created})
	if err := d.pdf.AddTTFFontDataWithOption(family, fontRegular, gopdf.TtfOption{Style: gopdf.Regular, UseKerning: true}); err != nil {
		return nil, fmt.Errorf("pdfdoc: regular font: %w", err)
	}
	if err := d.pdf.AddTTFFontDataWithOption(familyBold, fontBold, gopdf.TtfOption{Style: gopdf.Regular, UseKerning: true}); err != nil {
		return nil, fmt.Errorf("pdfdoc: bold font: %w", err)
	}
	d.NewPage()
	return d, d.err
}

// Lang is the document's language.
func (d *Doc) Lang() l10n.Lang { return d.opt.Lang }

// Left is the x of the left margin.
func (d *Doc) Left() float64 { return d.opt.Margin }

// Width is the width between the margins.
func (d *Doc) Width() float64 { return d.w - 2*d.opt.Margin }

// PageWidth and PageHeight are the paper's size.
func (d *Doc) PageWidth() float64 { return d.w }

// PageHeight is the paper's height.
func (d *Doc) PageHeight() float64 { return d.h }

// Y is where the next element starts on the current page.
func (d *Doc) Y() float64 { return d.y }

// Remaining is the height left on the current page.
func (d *Doc) Remaining() float64 { return d.bottom() - d.y }

// Pages is the number of pages so far.
func (d *Doc) Pages() int { return d.pages }

func (d *Doc) top() float64    { return d.opt.Margin }
func (d *Doc) bottom() float64 { return d.h - d.opt.Margin }

// NewPage starts a new page.
func (d *Doc) NewPage() {
	d.pdf.AddPage()
	d.pages++
	d.y = d.top()
}

// ensure starts a new page unless h points fit on this one (an element
// taller than a whole page is started at the top of one).
func (d *Doc) ensure(h float64) {
	if d.y+h > d.bottom() && d.y > d.top() {
		d.NewPage()
	}
}

// Space moves down by h points (not past the page's end).
func (d *Doc) Space(h float64) {
	d.y = min(d.y+h, d.bottom())
}

func (d *Doc) style(st Style) Style {
	if st.Size == 0 {
		st.Size = d.opt.BodySize
	}
	if st.LineHeight == 0 {
		st.LineHeight = 1.3
	}
	return st
}

func (d *Doc) setFont(st Style) error {
	f := family
	if st.Bold {
		f = familyBold
	}
	if err := d.pdf.SetFontWithStyle(f, gopdf.Regular, st.Size); err != nil {
		return fmt.Errorf("pdfdoc: font: %w", err)
	}
	d.pdf.SetTextColor(st.Color.R, st.Color.G, st.Color.B)
	return nil
}

// TextWidth measures a single line of text in a style.
func (d *Doc) TextWidth(text string, st Style) (float64, error) {
	st = d.style(st)
	if err := d.setFont(st); err != nil {
		return 0, err
	}
	return d.pdf.MeasureTextWidth(text)
}

// Wrap breaks text into lines no wider than width: at spaces where it
// can, inside a word only when the word alone is too wide. A newline
// always breaks; no-break spaces (U+00A0) never do.
func (d *Doc) Wrap(text string, width float64, st Style) ([]string, error) {
	st = d.style(st)
	if err := d.setFont(st); err != nil {
		return nil, err
	}
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		lines, err := d.wrapLine(para, width)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

func (d *Doc) wrapLine(text string, width float64) ([]string, error) {
	words := strings.Split(text, " ")
	space, err := d.pdf.MeasureTextWidth(" ")
	if err != nil {
		return nil, err
	}
	var lines []string
	line, lineW := "", 0.0
	for _, w := range words {
		ww, err := d.pdf.MeasureTextWidth(w)
		if err != nil {
			return nil, err
		}
		switch {
		case line == "" && ww <= width:
			line, lineW = w, ww
		case line != "" && lineW+space+ww <= width:
			line, lineW = line+" "+w, lineW+space+ww
		default:
			if line != "" {
				lines = append(lines, line)
			}
			// A word wider than the line is cut where it must be.
			for ww > width {
				cut, err := d.fit(w, width)
				if err != nil {
					return nil, err
				}
				lines = append(lines, w[:cut])
				w = w[cut:]
				if ww, err = d.pdf.MeasureTextWidth(w); err != nil {
					return nil, err
				}
			}
			line, lineW = w, ww
		}
	}
	return append(lines, line), nil
}

// fit returns the longest prefix of w (at least one rune) no wider than width.
func (d *Doc) fit(w string, width float64) (int, error) {
	cut := 0
	for i, r := range w {
		next := i + len(string(r))
		nw, err := d.pdf.MeasureTextWidth(w[:next])
		if err != nil {
			return 0, err
		}
		if nw > width && cut > 0 {
			break
		}
		cut = next
	}
	return cut, nil
}

// line draws one line of text in the box (x, y, w) with the current font.
func (d *Doc) line(x, y, w, h float64, text string, align Align) error {
	if text == "" {
		return nil
	}
	d.pdf.SetXY(x, y)
	a := gopdf.Left
	switch align {
	case Right:
		a = gopdf.Right
	case Center:
		a = gopdf.Center
	}
	if err := d.pdf.CellWithOption(&gopdf.Rect{W: w, H: h}, text, gopdf.CellOption{Align: a | gopdf.Top}); err != nil {
		return fmt.Errorf("pdfdoc: text: %w", err)
	}
	return nil
}

// Text writes wrapped text across the page width, breaking onto new
// pages between lines as needed.
func (d *Doc) Text(text string, st Style) error {
	st = d.style(st)
	lines, err := d.Wrap(text, d.Width(), st)
	if err != nil {
		return err
	}
	lh := st.Size * st.LineHeight
	for _, l := range lines {
		d.ensure(lh)
		if err := d.setFont(st); err != nil {
			return err
		}
		if err := d.line(d.Left(), d.y, d.Width(), lh, l, st.Align); err != nil {
			return err
		}
		d.y += lh
	}
	return nil
}

// Paragraph writes body text followed by a little space.
func (d *Doc) Paragraph(text string) error {
	if err := d.Text(text, Style{}); err != nil {
		return err
	}
	d.Space(d.opt.BodySize * 0.5)
	return nil
}

// Heading writes a bold heading of the given size, kept on the same page
// as the few lines that follow it.
func (d *Doc) Heading(text string, size float64) error {
	st := d.style(Style{Size: size, Bold: true})
	lines, err := d.Wrap(text, d.Width(), st)
	if err != nil {
		return err
	}
	d.ensure(float64(len(lines))*size*st.LineHeight + 3*d.opt.BodySize*1.3)
	d.Space(size * 0.3)
	if err := d.Text(text, st); err != nil {
		return err
	}
	d.Space(size * 0.2)
	return nil
}

// Rule draws a thin horizontal line across the page.
func (d *Doc) Rule() {
	d.ensure(6)
	d.y += 3
	d.pdf.SetStrokeColor(Grey.R, Grey.G, Grey.B)
	d.pdf.SetLineWidth(0.5)
	d.pdf.Line(d.Left(), d.y, d.Left()+d.Width(), d.y)
	d.y += 3
}

// Fields writes label: value pairs as two aligned columns.
func (d *Doc) Fields(pairs [][2]string) error {
	t := Table{Columns: []Column{{Weight: 1}, {Weight: 2.6}}, NoHeader: true, Plain: true}
	for _, p := range pairs {
		t.Rows = append(t.Rows, Row{Cells: []string{p[0], p[1]}})
	}
	return d.Table(t)
}

// pageLabel is "page n / N" in the document's language.
func pageLabel(l l10n.Lang, n, total int) string {
	switch l {
	case l10n.SV:
		return fmt.Sprintf("Sida %d/%d", n, total)
	case l10n.EN:
		return fmt.Sprintf("Page %d of %d", n, total)
	}
	return fmt.Sprintf("Sivu %d/%d", n, total)
}

// decorate writes the header and footer lines on every page.
func (d *Doc) decorate() error {
	size := d.opt.MarginTextSize
	if size == 0 {
		size = max(8, d.opt.BodySize*0.8)
	}
	st := Style{Size: size, Color: DarkGrey}
	for n := 1; n <= d.pages; n++ {
		if err := d.pdf.SetPage(n); err != nil {
			return fmt.Errorf("pdfdoc: page %d: %w", n, err)
		}
		if err := d.setFont(st); err != nil {
			return err
		}
		top := d.opt.Margin - size*2
		foot := d.h - d.opt.Margin + size
		if err := d.line(d.Left(), top, d.Width(), size*1.3, d.opt.Header, Left); err != nil {
			return err
		}
		if err := d.line(d.Left(), top, d.Width(), size*1.3, d.opt.HeaderRight, Right); err != nil {
			return err
		}
		if err := d.line(d.Left(), foot, d.Width(), size*1.3, d.opt.Footer, Left); err != nil {
			return err
		}
		if !d.opt.NoPageNumbers {
			if err := d.line(d.Left(), foot, d.Width(), size*1.3, pageLabel(d.opt.Lang, n, d.pages), Right); err != nil {
				return err
			}
		}
	}
	return nil
}

// Bytes finishes the document (headers, footers, page numbers) and
// returns the PDF. Call it once.
func (d *Doc) Bytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.pdf == nil {
		return nil, errors.New("pdfdoc: Bytes called twice")
	}
	if err := d.decorate(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := d.pdf.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("pdfdoc: write: %w", err)
	}
	d.pdf = nil
	return buf.Bytes(), nil
}
