package programme

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/pdfdoc"
)

// printSizes are the large-print sizes (points) for a paper size: body text
// at least 16 pt and titles at least 24 pt on A4 (the Finnish and British
// guidance for large print is 16–18 pt), all scaled by √2 on A3.
type printSizes struct {
	Body, Time, Item, Day, Title, Unit, Pictogram float64
}

func sizesFor(size pdfdoc.PageSize) printSizes {
	s := printSizes{Body: 16, Time: 18, Item: 20, Day: 24, Title: 32, Unit: 24, Pictogram: 40}
	if size == pdfdoc.A3 {
		const k = 1.414
		s = printSizes{Body: s.Body * k, Time: s.Time * k, Item: s.Item * k, Day: s.Day * k, Title: s.Title * k,
			Unit: s.Unit * k, Pictogram: s.Pictogram * k}
	}
	return s
}

// PrintInput is one month's programme to print.
type PrintInput struct {
	Unit  Unit
	Month time.Time // the month's first day, midnight in Zone
	Items []Item
	Lang  l10n.Lang
	Size  pdfdoc.PageSize
	Zone  *time.Location
	// Created is written into the PDF (the same input gives the same bytes).
	Created time.Time
}

// PDF writes the large-print monthly programme: black on white, a
// pictogram per category, the time written the Finnish way, the
// plain-language text under the title; no cancelled occurrences and no
// notes (the caller gives only what is shown).
func PDF(in PrintInput) ([]byte, error) {
	w := wordsOf(in.Lang)
	sz := sizesFor(in.Size)
	month := l10n.Month(in.Month, in.Lang)
	d, err := pdfdoc.New(pdfdoc.Options{Size: in.Size, Lang: in.Lang, BodySize: sz.Body, MarginTextSize: sz.Body,
		Margin: 16 * pdfdoc.MM * sz.Body / 16, Header: in.Unit.Name, HeaderRight: month,
		Title: fmt.Sprintf("%s – %s %s", in.Unit.Name, w.Programme, month), Subject: w.MonthProgramme,
		Author: "Kulttuurisilta", Created: in.Created})
	if err != nil {
		return nil, err
	}
	if err := d.Text(in.Unit.Name, pdfdoc.Style{Size: sz.Unit, Bold: true}); err != nil {
		return nil, err
	}
	if err := d.Text(w.Programme+" "+month, pdfdoc.Style{Size: sz.Title, Bold: true, LineHeight: 1.2}); err != nil {
		return nil, err
	}
	d.Space(sz.Body * 0.5)
	d.Rule()
	days := ByDay(in.Items, in.Zone)
	if len(days) == 0 {
		d.Space(sz.Body)
		return finish(d, d.Text(w.Nothing, pdfdoc.Style{}))
	}
	for _, day := range days {
		if err := d.Heading(capitalise(dayTitle(day.Date, in.Lang)), sz.Day); err != nil {
			return nil, err
		}
		for _, it := range day.Items {
			if err := printItem(d, it, in, sz); err != nil {
				return nil, err
			}
		}
	}
	return finish(d, nil)
}

func finish(d *pdfdoc.Doc, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return d.Bytes()
}

// printItem draws one occurrence: the pictogram on the left, then the time,
// the title and the plain-language text, kept together on one page.
func printItem(d *pdfdoc.Doc, it Item, in PrintInput, sz printSizes) error {
	gap := sz.Body * 0.75
	textX := sz.Pictogram + gap
	textW := d.Width() - textX
	clock := l10n.ClockRange(it.Start, it.End, in.Lang, in.Zone)
	timeSt := pdfdoc.Style{Size: sz.Time, Bold: true}
	titleSt := pdfdoc.Style{Size: sz.Item, Bold: true, LineHeight: 1.2}
	bodySt := pdfdoc.Style{}
	titleLines, err := d.Wrap(it.Title, textW, titleSt)
	if err != nil {
		return err
	}
	var plainLines []string
	if it.Plain != "" {
		if plainLines, err = d.Wrap(it.Plain, textW, bodySt); err != nil {
			return err
		}
	}
	h := sz.Time*1.3 + float64(len(titleLines))*sz.Item*1.2 + float64(len(plainLines))*sz.Body*1.3
	h = max(h, sz.Pictogram) + gap
	return d.Block(h, func(c *pdfdoc.Canvas) error {
		if err := c.ImageBytes(pictogram(it.Category), 0, 2, sz.Pictogram, sz.Pictogram); err != nil {
			return err
		}
		y := 0.0
		if err := c.Text(textX, y, textW, clock, timeSt); err != nil {
			return err
		}
		y += sz.Time * 1.3
		n, err := c.Lines(textX, y, textW, it.Title, titleSt)
		if err != nil {
			return err
		}
		y += n
		if it.Plain != "" {
			if _, err := c.Lines(textX, y, textW, it.Plain, bodySt); err != nil {
				return err
			}
		}
		return nil
	})
}

// capitalise makes a day heading start with a capital ("Maanantai 2.3.").
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
