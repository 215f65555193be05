package pdfdoc

import (
	"fmt"
	"math"

	"github.com/signintech/gopdf"
)

// Palette holds colours that readers with the common colour-vision deficiencies can tell apart
// (Okabe & Ito, "Color Universal Design", 2008): blue, vermillion, bluish green, orange, reddish
// purple, sky blue. Charts also tell series apart by their markers and dashes, never by colour alone.
var Palette = []RGB{{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {230, 159, 0}, {204, 121, 167}, {86, 180, 233}}

// Series is one line of a line chart.
type Series struct {
	Name   string
	Values []int64
	// Color of the line; Palette[i] for the i-th series when zero.
	Color RGB
}

// LineChart draws series of values over labelled points (months, say): a y axis from 0 with round
// ticks, the labels under the x axis, a marker of its own shape on every point of each series (square,
// circle, triangle, …, the second series also dashed) and a legend under the chart.
type LineChart struct {
	Labels []string
	Series []Series
	// Height of the plot area in points; 150 when 0.
	Height float64
	// Format writes a tick value; decimal digits when nil.
	Format func(int64) string
	// Size of the text; 0.8 × the document's body size when 0.
	Size float64
}

// niceStep is a round step (1, 2 or 5 × 10^k) that divides top into at most n parts.
func niceStep(top int64, n int) int64 {
	if top <= 0 {
		return 1
	}
	raw := float64(top) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if step := int64(m * p); float64(step) >= raw && step >= 1 {
			return step
		}
	}
	return int64(10 * p)
}

// LineChart draws a line chart as one block (moved to the next page whole when it does not fit).
func (d *Doc) LineChart(lc LineChart) error {
	if len(lc.Labels) == 0 {
		return fmt.Errorf("pdfdoc: a line chart needs labels")
	}
	size := lc.Size
	if size == 0 {
		size = d.opt.BodySize * 0.8
	}
	st := d.style(Style{Size: size})
	lh := size * st.LineHeight
	plotH := lc.Height
	if plotH == 0 {
		plotH = 150
	}
	format := lc.Format
	if format == nil {
		format = func(v int64) string { return fmt.Sprint(v) }
	}
	var top int64
	for _, s := range lc.Series {
		for _, v := range s.Values {
			top = max(top, v)
		}
	}
	step := niceStep(top, 5)
	ticks := top / step
	if ticks*step < top || ticks == 0 {
		ticks++
	}
	ymax := ticks * step
	axisW := 0.0
	for i := int64(0); i <= ticks; i++ {
		w, err := d.TextWidth(format(i*step), st)
		if err != nil {
			return err
		}
		axisW = max(axisW, w)
	}
	axisW += 2 * cellPad
	legendH := lh * 1.6
	total := lh/2 + plotH + lh*1.8 + legendH
	return d.Block(total, func(c *Canvas) error {
		x0, y0 := axisW, lh/2 // the plot's top-left corner
		plotW := c.W - axisW - cellPad
		yOf := func(v int64) float64 { return y0 + plotH - plotH*float64(v)/float64(ymax) }
		for i := int64(0); i <= ticks; i++ {
			y := yOf(i * step)
			c.Line(x0, y, x0+plotW, y, 0.4, LightGrey)
			tst := st
			tst.Align = Right
			tst.Color = DarkGrey
			if err := c.Text(0, y-lh/2, axisW-cellPad, format(i*step), tst); err != nil {
				return err
			}
		}
		c.Line(x0, y0+plotH, x0+plotW, y0+plotH, 0.8, DarkGrey)
		n := len(lc.Labels)
		slot := plotW / float64(n)
		xOf := func(i int) float64 { return x0 + slot*(float64(i)+0.5) }
		lst := st
		lst.Align = Center
		lst.Color = DarkGrey
		for i, l := range lc.Labels {
			if err := c.Text(xOf(i)-slot/2, y0+plotH+lh*0.5, slot, l, lst); err != nil {
				return err
			}
		}
		lx := x0
		for si, s := range lc.Series {
			color := s.Color
			if color == (RGB{}) {
				color = Palette[si%len(Palette)]
			}
			c.d.pdf.SetStrokeColor(color.R, color.G, color.B)
			c.d.pdf.SetLineWidth(1.6)
			if si%2 == 1 {
				c.d.pdf.SetLineType("dashed")
			}
			for i := 1; i < len(s.Values) && i < n; i++ {
				c.d.pdf.Line(c.X+xOf(i-1), c.Y+yOf(s.Values[i-1]), c.X+xOf(i), c.Y+yOf(s.Values[i]))
			}
			c.d.pdf.SetLineType("solid")
			for i := 0; i < len(s.Values) && i < n; i++ {
				c.marker(si, xOf(i), yOf(s.Values[i]), 3.2, color)
			}
			// The legend: marker, name.
			ly := y0 + plotH + lh*1.8 + legendH/2
			c.Line(lx, ly, lx+18, ly, 1.6, color)
			c.marker(si, lx+9, ly, 3.2, color)
			w, err := d.TextWidth(s.Name, st)
			if err != nil {
				return err
			}
			if err := c.Text(lx+22, ly-lh/2, w+cellPad, s.Name, st); err != nil {
				return err
			}
			lx += 22 + w + 4*cellPad
		}
		return nil
	})
}

// marker draws the kind-th marker shape centred on (x, y) with half-size r: a square, a circle, a
// triangle, a diamond, then again.
func (c *Canvas) marker(kind int, x, y, r float64, color RGB) {
	p := c.d.pdf
	p.SetFillColor(color.R, color.G, color.B)
	p.SetStrokeColor(color.R, color.G, color.B)
	p.SetLineWidth(1)
	x, y = c.X+x, c.Y+y
	switch kind % 4 {
	case 0:
		p.RectFromUpperLeftWithStyle(x-r, y-r, 2*r, 2*r, "F")
	case 1:
		p.Oval(x-r, y-r, x+r, y+r)
	case 2:
		p.Polygon([]gopdf.Point{{X: x, Y: y - r*1.2}, {X: x + r*1.2, Y: y + r}, {X: x - r*1.2, Y: y + r}}, "F")
	default:
		p.Polygon([]gopdf.Point{{X: x, Y: y - r*1.3}, {X: x + r*1.3, Y: y}, {X: x, Y: y + r*1.3}, {X: x - r*1.3, Y: y}}, "F")
	}
}
