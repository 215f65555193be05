// Package civil holds the calendar date type used in JSON and the database
// for day-granular fields (founded_on, incurred_on, ...), which must not be
// shifted by time zones.
package civil

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar date (YYYY-MM-DD) in JSON.
type Date struct{ time.Time }

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("must be a date YYYY-MM-DD")
	}
	return Date{t.UTC()}, nil
}

// MarshalJSON writes the date as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.Format(time.DateOnly) + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("must be a date YYYY-MM-DD")
	}
	p, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// String returns YYYY-MM-DD.
func (d Date) String() string { return d.Format(time.DateOnly) }

// Value stores the date in a PostgreSQL date column.
func (d Date) Value() (driver.Value, error) { return d.Format(time.DateOnly), nil }

// Scan reads a PostgreSQL date column.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = Date{time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)}
		return nil
	case string:
		p, err := ParseDate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(v))
		*d = p
		return err
	}
	return fmt.Errorf("civil.Date: cannot scan %T", src)
}

// Today is the current date in loc.
func Today(loc *time.Location) Date {
	n := time.Now().In(loc)
	return Date{time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)}
}

// ParseMonth parses YYYY-MM into the month's first day.
func ParseMonth(s string) (Date, bool) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Date{}, false
	}
	return Date{Time: t.UTC()}, true
}
