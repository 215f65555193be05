package calendar

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Times is a timestamptz[] column (an activity's excluded dates).
type Times []time.Time

// Value writes the array in PostgreSQL's text form, in UTC.
func (ts Times) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + t.UTC().Format(time.RFC3339Nano) + `"`)
	}
	b.WriteByte('}')
	return b.String(), nil
}

// pgTimeLayouts are the forms PostgreSQL prints timestamptz in (ISO style),
// with the session zone's offset in hours, minutes or seconds.
var pgTimeLayouts = []string{"2006-01-02 15:04:05.999999-07", "2006-01-02 15:04:05.999999-07:00",
	"2006-01-02 15:04:05.999999-07:00:00", time.RFC3339Nano}

// Scan reads the array's text form.
func (ts *Times) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*ts = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("calendar: cannot scan %T into Times", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	out := Times{}
	if s == "" {
		*ts = out
		return nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.Trim(part, `"`)
		t, err := parsePGTime(part)
		if err != nil {
			return err
		}
		out = append(out, t)
	}
	*ts = out
	return nil
}

func parsePGTime(s string) (time.Time, error) {
	for _, l := range pgTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("calendar: cannot parse time %q", s)
}

// IDs is a uuid[] column.
type IDs []uuid.UUID

// Value writes the array in PostgreSQL's text form.
func (ids IDs) Value() (driver.Value, error) {
	var b strings.Builder
	b.Grow(2 + 37*len(ids))
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(id.String())
	}
	b.WriteByte('}')
	return b.String(), nil
}

// Scan reads the array's text form.
func (ids *IDs) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*ids = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("calendar: cannot scan %T into IDs", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	out := make(IDs, 0, strings.Count(s, ",")+1)
	if s == "" {
		*ids = out
		return nil
	}
	for part := range strings.SplitSeq(s, ",") {
		id, err := uuid.Parse(part)
		if err != nil {
			return fmt.Errorf("calendar: scan IDs: %w", err)
		}
		out = append(out, id)
	}
	*ids = out
	return nil
}
