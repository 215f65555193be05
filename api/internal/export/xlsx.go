package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"kulttuurisilta/api/internal/civil"
)

// Number formats of the workbook's typed cells.
const (
	// dateFormat is Excel's built-in short date: shown in the reader's
	// locale (1.3.2025 in Finnish), stored as a date serial.
	dateFormat = 14
	// euroFormat shows two decimals, thousands grouped, and the euro sign.
	euroFormat = `#,##0.00\ "€";\-#,##0.00\ "€"`
)

// Workbook is an XLSX file of sheets written row by row.
type Workbook struct {
	f       *excelize.File
	bold    int
	date    int
	euro    int
	decimal map[int]int // places -> style
	sheets  int
}

// NewWorkbook starts an empty workbook; Close releases it.
func NewWorkbook() (*Workbook, error) {
	b := &Workbook{f: excelize.NewFile(), decimal: map[int]int{}}
	var err error
	if b.bold, err = b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	if b.date, err = b.f.NewStyle(&excelize.Style{NumFmt: dateFormat}); err != nil {
		return nil, err
	}
	euro := euroFormat
	if b.euro, err = b.f.NewStyle(&excelize.Style{CustomNumFmt: &euro}); err != nil {
		return nil, err
	}
	return b, nil
}

// Close releases the workbook's temporary files.
func (b *Workbook) Close() error { return b.f.Close() }

// WriteTo writes the finished workbook.
func (b *Workbook) WriteTo(w io.Writer) (int64, error) { return b.f.WriteTo(w) }

// Sheet is one worksheet being written top to bottom.
type Sheet struct {
	b   *Workbook
	sw  *excelize.StreamWriter
	row int
}

// Sheet adds a worksheet whose first row is header (bold, frozen while
// scrolling); columns are made wide enough for their header. Finish each
// sheet with Flush before starting the next.
func (b *Workbook) Sheet(name string, header ...string) (*Sheet, error) {
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, h := range header {
		if err := sw.SetColWidth(i+1, i+1, float64(max(len(h)+2, 12))); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	s := &Sheet{b: b, sw: sw}
	return s, s.Header(header...)
}

// Header writes a bold row of column names.
func (s *Sheet) Header(names ...string) error {
	cells := make([]any, len(names))
	for i, n := range names {
		cells[i] = excelize.Cell{StyleID: s.b.bold, Value: n}
	}
	return s.write(cells)
}

// Row writes one row of cells: numbers stay numbers, dates are date cells,
// Euros are euro numbers.
func (s *Sheet) Row(cells ...any) error {
	out := make([]any, len(cells))
	for i, v := range cells {
		c, err := s.b.cell(v)
		if err != nil {
			return err
		}
		out[i] = c
	}
	return s.write(out)
}

func (s *Sheet) write(cells []any) error {
	s.row++
	ref, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(ref, cells)
}

// Flush ends the sheet.
func (s *Sheet) Flush() error { return s.sw.Flush() }

func (b *Workbook) cell(v any) (any, error) {
	switch x := v.(type) {
	case nil, string, int, int32, int64:
		return x, nil
	case Euros:
		return excelize.Cell{StyleID: b.euro, Value: float64(x) / 100}, nil
	case Decimal:
		st, ok := b.decimal[x.Places]
		if !ok {
			code := "0"
			if x.Places > 0 {
				code += "." + strings.Repeat("0", x.Places)
			}
			var err error
			if st, err = b.f.NewStyle(&excelize.Style{CustomNumFmt: &code}); err != nil {
				return nil, err
			}
			b.decimal[x.Places] = st
		}
		return excelize.Cell{StyleID: st, Value: x.Value}, nil
	case civil.Date:
		return excelize.Cell{StyleID: b.date, Value: x.Time}, nil
	default:
		return nil, fmt.Errorf("export: unsupported cell type %T", v)
	}
}
