package database

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// InUse returns which of ids, rows of table (departments, units,
// committees, agreements, partners or series), other rows refer to through
// a foreign key that refuses their delete (ON DELETE RESTRICT), so their
// delete would be a 409 and their allowed_actions leave delete out. The
// database keeps the rows in use in referenced_rows, in the transaction
// that adds or removes a reference (migration 00200, ADR 0200): one index
// scan for a whole list page. table is the caller's constant, never input.
func InUse(ctx context.Context, db *gorm.DB, table string, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	return out, scanIDs(db.WithContext(ctx).Raw("SELECT id FROM referenced_rows WHERE referred = ? AND id = ANY (?)",
		table, Array[uuid.UUID](ids)), out)
}

// scanIDs adds the ids q returns to out. Rows, not GORM's Scan: Scan formats
// the statement with its arguments for a logger even when none logs (half
// the CPU of a lookup for a page).
func scanIDs(q *gorm.DB, out map[uuid.UUID]bool) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return err
		}
		out[id] = true
	}
	return rows.Err()
}

// Referable is embedded in the model of a table whose rows InUse knows: a
// list that may offer their delete reads each row's in_use with it, in its
// own query (SelectInUse), so the page costs no second query. Nil: not
// read with the row (looked up with InUse when needed).
type Referable struct {
	InUse *bool `gorm:"column:in_use;->"`
}

// Referenced is whether other rows refer to the row, nil when it was not
// read with the row.
func (r Referable) Referenced() *bool { return r.InUse }

// SelectInUse is the select list of table's rows with their in_use
// (Referable) when read is true (the caller may delete such rows, so
// allowed_actions depend on it): a probe per row of the page. Else "": the
// rows alone. table is the caller's constant, never input.
func SelectInUse(table string, read bool) string {
	if !read {
		return ""
	}
	return table + ".*, EXISTS (SELECT FROM referenced_rows r WHERE r.referred = '" + table + "' AND r.id = " + table + ".id) AS in_use"
}
