// Package export writes the API's spreadsheet downloads (CSV and XLSX)
// from typed rows, so every export formats dates, euro amounts, decimals
// and user-entered text the same way (ADR 0054).
//
// A row is a list of cells: string (text), any integer, Euros (an amount in
// cents shown in euros), Decimal, civil.Date, or nil (empty).
package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
)

// Euros is an amount in integer cents written as euros: 1234.50 (comma
// CSV), 1234,50 (semicolon CSV), or a number with a euro format (XLSX).
type Euros int64

// Decimal is a fractional number shown with a fixed number of decimals.
type Decimal struct {
	Value  float64
	Places int
}

// Separator is a CSV dialect, chosen with ?separator=.
type Separator int

const (
	// Comma is RFC 4180 CSV: ',' between fields, '.' in decimals, no BOM.
	Comma Separator = iota
	// Semicolon is CSV for Finnish (and most European) spreadsheets: a UTF-8
	// BOM first, ';' between fields and ',' in decimals.
	Semicolon
)

// SeparatorParam is the query parameter every CSV export takes.
const SeparatorParam = "separator"

// QuerySeparator reads the optional ?separator=comma|semicolon (default comma).
func QuerySeparator(c echo.Context) (Separator, error) {
	s, err := httpapi.QueryEnum(c, SeparatorParam, "comma", "semicolon")
	if err != nil {
		return Comma, err
	}
	if s == "semicolon" {
		return Semicolon, nil
	}
	return Comma, nil
}

func (s Separator) comma() rune {
	if s == Semicolon {
		return ';'
	}
	return ','
}

// text renders one cell as CSV text in the dialect.
func (s Separator) text(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return safeText(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case Euros:
		return l10n.EurosPlain(int64(x), s.lang()), nil
	case Decimal:
		return s.decimalMark(strconv.FormatFloat(x.Value, 'f', x.Places, 64)), nil
	case civil.Date:
		return x.String(), nil
	default:
		return "", fmt.Errorf("export: unsupported cell type %T", v)
	}
}

// lang is the number convention of the dialect: Finnish (decimal comma) or English.
func (s Separator) lang() l10n.Lang {
	if s == Semicolon {
		return l10n.FI
	}
	return l10n.EN
}

func (s Separator) decimalMark(num string) string {
	if s == Semicolon {
		return strings.Replace(num, ".", ",", 1)
	}
	return num
}

// safeText keeps a text cell from being read as a formula by a
// spreadsheet (CSV injection): a leading =, +, -, @, tab or CR gets a '.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
