package database

import (
	"database/sql/driver"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// Element is a type PostgreSQL arrays of this API hold.
type Element interface {
	string | int64 | int32 | uuid.UUID | time.Time
}

// Array is a PostgreSQL array column or query argument: text[], bigint[]
// or integer[], uuid[], timestamptz[]. pgx's array codec reads and writes
// it (a GORM column and an argument of gorm's Raw/Exec, where a plain Go
// slice would be expanded into a list). As in SQL, a nil Array is NULL and
// an empty one is '{}' (NOT NULL columns need a non-nil value); NULL reads
// back as nil. Times are read in UTC.
type Array[T Element] []T

// Value hands the slice to pgx, which encodes it as the parameter's array
// type (pgx's database/sql driver passes every argument through to pgx).
// UUIDs go as their 16 bytes: uuid.UUID is a driver.Valuer whose value is
// text, which pgx would format and parse again element by element (a third
// of a 2,000-row calendar page's time).
func (a Array[T]) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	if ids, ok := any([]T(a)).([]uuid.UUID); ok {
		raw := make([][16]byte, len(ids))
		for i := range ids {
			raw[i] = ids[i]
		}
		return raw, nil
	}
	return []T(a), nil
}

// Scan reads the array as pgx's database/sql driver hands it over: the
// array's text form.
func (a *Array[T]) Scan(src any) error {
	if src == nil {
		*a = nil
		return nil
	}
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("database: cannot scan %T into an array", src)
	}
	m := typeMaps.Get().(*pgtype.Map)
	defer typeMaps.Put(m)
	out := []T{}
	if err := m.Scan(arrayOID[T](), pgtype.TextFormatCode, b, &out); err != nil {
		return fmt.Errorf("database: scan array: %w", err)
	}
	if ts, ok := any(out).([]time.Time); ok {
		for i := range ts {
			ts[i] = ts[i].UTC()
		}
	}
	*a = out
	return nil
}

// typeMaps holds pgx type maps for Scan (a map caches plans and is not safe
// for concurrent use).
var typeMaps = sync.Pool{New: func() any { return pgtype.NewMap() }}

func arrayOID[T Element]() uint32 {
	var zero T
	switch any(zero).(type) {
	case string:
		return pgtype.TextArrayOID
	case int64:
		return pgtype.Int8ArrayOID
	case int32:
		return pgtype.Int4ArrayOID
	case uuid.UUID:
		return pgtype.UUIDArrayOID
	default:
		return pgtype.TimestamptzArrayOID
	}
}
