package feed

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// jsonTimes scans a timestamptz[] selected as array_to_json(...)::text.
type jsonTimes []time.Time

// Scan reads the JSON array.
func (ts *jsonTimes) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*ts = nil
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("feed: cannot scan %T into times", src)
	}
	var out []time.Time
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("feed: times: %w", err)
	}
	*ts = out
	return nil
}

// Value writes the times as a JSON array (GORM wants a Valuer beside the Scanner; the feed never writes).
func (ts jsonTimes) Value() (driver.Value, error) {
	b, err := json.Marshal([]time.Time(ts))
	return string(b), err
}
