package pdfdoc

import (
	"bytes"
	"fmt"
	"image"

	"github.com/signintech/gopdf"
)

// Canvas draws freely inside a block of the page reserved by Doc.Block.
// Coordinates are relative to the block's top-left corner, in points.
type Canvas struct {
	d *Doc
	// X and Y are the block's top-left corner on the page.
	X, Y float64
	// W and H are the block's size.
	W, H float64
}

// Block reserves h points of the page's width (starting a new page when
// they do not fit on this one) and lets draw paint inside them: for
// charts, pictograms beside text, anything a flow of text cannot do.
func (d *Doc) Block(h float64, draw func(c *Canvas) error) error {
	d.ensure(h)
	c := &Canvas{d: d, X: d.Left(), Y: d.y, W: d.Width(), H: h}
	if err := draw(c); err != nil {
		return err
	}
	d.y += h
	return nil
}

// Text writes one line of text in the box (x, y) .. (x+w) of the block,
// aligned in it. Text wider than w is not cut: measure or wrap it first.
func (c *Canvas) Text(x, y, w float64, text string, st Style) error {
	st = c.d.style(st)
	if err := c.d.setFont(st); err != nil {
		return err
	}
	return c.d.line(c.X+x, c.Y+y, w, st.Size*st.LineHeight, text, st.Align)
}

// Lines writes text wrapped to w from (x, y) and returns its height.
func (c *Canvas) Lines(x, y, w float64, text string, st Style) (float64, error) {
	st = c.d.style(st)
	lines, err := c.d.Wrap(text, w, st)
	if err != nil {
		return 0, err
	}
	lh := st.Size * st.LineHeight
	for i, l := range lines {
		if err := c.Text(x, y+float64(i)*lh, w, l, st); err != nil {
			return 0, err
		}
	}
	return float64(len(lines)) * lh, nil
}

// Rect fills a rectangle.
func (c *Canvas) Rect(x, y, w, h float64, fill RGB) {
	c.d.fillRect(c.X+x, c.Y+y, w, h, fill)
}

// Line draws a line of the given width.
func (c *Canvas) Line(x1, y1, x2, y2, width float64, color RGB) {
	c.d.pdf.SetStrokeColor(color.R, color.G, color.B)
	c.d.pdf.SetLineWidth(width)
	c.d.pdf.Line(c.X+x1, c.Y+y1, c.X+x2, c.Y+y2)
}

// Image draws an image scaled into the box (x, y, w, h).
func (c *Canvas) Image(img image.Image, x, y, w, h float64) error {
	if err := c.d.pdf.ImageFrom(img, c.X+x, c.Y+y, &gopdf.Rect{W: w, H: h}); err != nil {
		return fmt.Errorf("pdfdoc: image: %w", err)
	}
	return nil
}

// ImageBytes draws a PNG or JPEG file scaled into the box (x, y, w, h).
func (c *Canvas) ImageBytes(b []byte, x, y, w, h float64) error {
	holder, err := gopdf.ImageHolderByBytes(b)
	if err != nil {
		return fmt.Errorf("pdfdoc: image: %w", err)
	}
	if err := c.d.pdf.ImageByHolder(holder, c.X+x, c.Y+y, &gopdf.Rect{W: w, H: h}); err != nil {
		return fmt.Errorf("pdfdoc: image: %w", err)
	}
	return nil
}

// Image places an image of w x h points on its own line, aligned.
func (d *Doc) Image(img image.Image, w, h float64, align Align) error {
	return d.Block(h, func(c *Canvas) error {
		return c.Image(img, alignX(align, c.W, w), 0, w, h)
	})
}

// ImageBytes places a PNG or JPEG file of w x h points on its own line.
func (d *Doc) ImageBytes(b []byte, w, h float64, align Align) error {
	if _, _, err := image.DecodeConfig(bytes.NewReader(b)); err != nil {
		return fmt.Errorf("pdfdoc: image: %w", err)
	}
	return d.Block(h, func(c *Canvas) error {
		return c.ImageBytes(b, alignX(align, c.W, w), 0, w, h)
	})
}

func alignX(a Align, space, w float64) float64 {
	switch a {
	case Right:
		return space - w
	case Center:
		return (space - w) / 2
	}
	return 0
}

// Bar is one bar of a bar chart.
type Bar struct {
	Label string
	Value int64
	// Color of the bar; Accent when zero.
	Color RGB
	// Note is written in bold after the value, so a bar can stand out by more than its colour (a unit
	// left out, say).
	Note string
}

// BarChart is a horizontal bar chart: a label, a bar scaled to the
// largest value, and the value written by Format at its end. Negative
// values draw as empty bars with their value.
type BarChart struct {
	Bars []Bar
	// Format writes a value (e.g. l10n.Euros); decimal digits when nil.
	Format func(int64) string
	// Size of the text; the document's body size when 0. Each bar is as
	// tall as a line of it.
	Size float64
	// LabelWidth is the share of the width for the labels; 0.3 when 0.
	LabelWidth float64
}

// BarChart draws a bar chart, breaking between bars onto new pages.
func (d *Doc) BarChart(b BarChart) error {
	st := d.style(Style{Size: b.Size})
	format := b.Format
	if format == nil {
		format = func(v int64) string { return fmt.Sprint(v) }
	}
	lw := b.LabelWidth
	if lw <= 0 {
		lw = 0.3
	}
	var top int64
	valueW := 0.0
	bold := st
	bold.Bold = true
	for _, bar := range b.Bars {
		top = max(top, bar.Value)
		w, err := d.TextWidth(format(bar.Value), st)
		if err != nil {
			return err
		}
		if bar.Note != "" {
			nw, err := d.TextWidth(" "+bar.Note, bold)
			if err != nil {
				return err
			}
			w += nw
		}
		valueW = max(valueW, w)
	}
	labelW := d.Width() * lw
	barSpace := d.Width() - labelW - valueW - 2*cellPad
	row := st.Size * st.LineHeight * 1.2
	for _, bar := range b.Bars {
		err := d.Block(row, func(c *Canvas) error {
			lst := st
			if err := c.Text(0, (row-st.Size*st.LineHeight)/2, labelW-cellPad, bar.Label, lst); err != nil {
				return err
			}
			w := 0.0
			if top > 0 && bar.Value > 0 {
				w = barSpace * float64(bar.Value) / float64(top)
			}
			color := bar.Color
			if color == (RGB{}) {
				color = Accent
			}
			c.Rect(labelW, row*0.15, w, row*0.7, color)
			ty := (row - st.Size*st.LineHeight) / 2
			value := format(bar.Value)
			if err := c.Text(labelW+w+cellPad, ty, valueW+cellPad, value, st); err != nil {
				return err
			}
			if bar.Note == "" {
				return nil
			}
			vw, err := d.TextWidth(value+" ", st)
			if err != nil {
				return err
			}
			return c.Text(labelW+w+cellPad+vw, ty, valueW+cellPad-vw, bar.Note, bold)
		})
		if err != nil {
			return err
		}
	}
	d.Space(st.Size * 0.6)
	return nil
}
