package calendar

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
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
