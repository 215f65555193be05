package pdfdoc

import "fmt"

// Column is a table column.
type Column struct {
	Title string
	// Weight is the column's share of the table's width (relative to the
	// other columns' weights); 1 when 0.
	Weight float64
	Align  Align
}

// Row is a table row. A row with fewer cells than columns leaves the rest
// empty.
type Row struct {
	Cells []string
	// Bold sets the row in bold (a total); Shade gives it a grey ground.
	Bold, Shade bool
}

// Table is a simple table: cells wrap within their column, a row never
// splits across pages, and the header row is repeated at the top of each
// page the table continues on.
type Table struct {
	Columns []Column
	Rows    []Row
	// Size of the text; the document's body size when 0.
	Size float64
	// NoHeader leaves out the header row; Plain leaves out the lines
	// between rows.
	NoHeader, Plain bool
}

const cellPad = 3

func (d *Doc) tableWidths(t Table) []float64 {
	total := 0.0
	for _, c := range t.Columns {
		total += colWeight(c)
	}
	ws := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		ws[i] = d.Width() * colWeight(c) / total
	}
	return ws
}

func colWeight(c Column) float64 {
	if c.Weight <= 0 {
		return 1
	}
	return c.Weight
}

// layoutRow wraps each cell and returns the lines and the row's height.
func (d *Doc) layoutRow(cells []string, widths []float64, st Style) ([][]string, float64, error) {
	out := make([][]string, len(widths))
	n := 1
	for i := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		lines, err := d.Wrap(text, widths[i]-2*cellPad, st)
		if err != nil {
			return nil, 0, err
		}
		out[i] = lines
		n = max(n, len(lines))
	}
	return out, float64(n)*st.Size*st.LineHeight + 2*cellPad, nil
}

func (d *Doc) drawRow(lines [][]string, widths []float64, cols []Column, h float64, st Style, shade, rule bool) error {
	x := d.Left()
	if shade {
		d.fillRect(x, d.y, d.Width(), h, LightGrey)
	}
	if err := d.setFont(st); err != nil {
		return err
	}
	lh := st.Size * st.LineHeight
	for i, cell := range lines {
		for j, l := range cell {
			if err := d.line(x+cellPad, d.y+cellPad+float64(j)*lh, widths[i]-2*cellPad, lh, l, cols[i].Align); err != nil {
				return err
			}
		}
		x += widths[i]
	}
	d.y += h
	if rule {
		d.pdf.SetStrokeColor(LightGrey.R-30, LightGrey.G-30, LightGrey.B-30)
		d.pdf.SetLineWidth(0.4)
		d.pdf.Line(d.Left(), d.y, d.Left()+d.Width(), d.y)
	}
	return nil
}

func (d *Doc) fillRect(x, y, w, h float64, c RGB) {
	d.pdf.SetFillColor(c.R, c.G, c.B)
	d.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

// Table writes a table across the page width.
func (d *Doc) Table(t Table) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("pdfdoc: a table needs columns")
	}
	st := d.style(Style{Size: t.Size})
	widths := d.tableWidths(t)
	hst := st
	hst.Bold = true
	var head [][]string
	var headH float64
	if !t.NoHeader {
		titles := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			titles[i] = c.Title
		}
		var err error
		if head, headH, err = d.layoutRow(titles, widths, hst); err != nil {
			return err
		}
	}
	header := func() error {
		if head == nil {
			return nil
		}
		return d.drawRow(head, widths, t.Columns, headH, hst, true, true)
	}
	// The header and the first row start together.
	first := 0.0
	if len(t.Rows) > 0 {
		rs := st
		rs.Bold = t.Rows[0].Bold
		_, h, err := d.layoutRow(t.Rows[0].Cells, widths, rs)
		if err != nil {
			return err
		}
		first = h
	}
	d.ensure(headH + first)
	if err := header(); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rs := st
		rs.Bold = r.Bold
		lines, h, err := d.layoutRow(r.Cells, widths, rs)
		if err != nil {
			return err
		}
		if d.y+h > d.bottom() {
			d.NewPage()
			if err := header(); err != nil {
				return err
			}
		}
		if err := d.drawRow(lines, widths, t.Columns, h, rs, r.Shade, !t.Plain); err != nil {
			return err
		}
	}
	d.Space(st.Size * 0.6)
	return nil
}
