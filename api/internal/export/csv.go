package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"mime"

	"github.com/labstack/echo/v4"
)

// bom is the UTF-8 byte order mark: without it Excel reads a CSV file in
// the machine's legacy code page and garbles ä and ö.
const bom = "\ufeff"

// CSV writes typed rows as CSV in one dialect, CRLF line ends.
type CSV struct {
	w   *csv.Writer
	sep Separator
	rec []string
}

// NewCSV starts a CSV file on w (with the BOM for Semicolon). Nothing
// reaches w before the first 4 KiB are written or Flush is called.
func NewCSV(w io.Writer, sep Separator) *CSV {
	bw := bufio.NewWriter(w) // csv.NewWriter reuses it rather than wrapping it again
	if sep == Semicolon {
		_, _ = bw.WriteString(bom) // a buffered write; its error returns from Flush
	}
	cw := csv.NewWriter(bw)
	cw.Comma = sep.comma()
	cw.UseCRLF = true
	return &CSV{w: cw, sep: sep}
}

// Header writes a header row.
func (c *CSV) Header(names ...string) error {
	c.rec = c.rec[:0]
	for _, n := range names {
		c.rec = append(c.rec, safeText(n))
	}
	return c.w.Write(c.rec)
}

// Row writes one row of cells.
func (c *CSV) Row(cells ...any) error {
	c.rec = c.rec[:0]
	for _, v := range cells {
		t, err := c.sep.text(v)
		if err != nil {
			return err
		}
		c.rec = append(c.rec, t)
	}
	return c.w.Write(c.rec)
}

// Flush writes out what is buffered and reports any earlier write error.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// ServeCSV answers 200 with a CSV attachment named filename, streamed by
// write. An error before the first buffered block is sent (a failing query,
// a small file) is still a normal problem response.
func ServeCSV(c echo.Context, filename string, sep Separator, write func(*CSV) error) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	w := NewCSV(c.Response(), sep)
	err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if err != nil && !c.Response().Committed {
		h.Del(echo.HeaderContentDisposition)
	}
	return err
}
