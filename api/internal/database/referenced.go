package database

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Referenced returns which of ids, rows of table, other rows still refer to
// through any of refs ("table.column"): the foreign keys that refuse the
// row's delete (ON DELETE RESTRICT), so its delete would be a 409 and its
// allowed_actions leave delete out, looked up in the referring tables.
// Departments, units, committees, agreements, partners and series have it
// kept by the database instead (InUse); this serves activities (attendance
// refers to them) and is the tests' reference for InUse. One query for a
// whole list page: per
// row, a sub-select per reference, LIMIT 1 on the referring column's index,
// the next one only while none was found. (Scalar sub-selects, not EXISTS:
// PostgreSQL may run an EXISTS under OR as a hash of the whole referring
// table, which a prepared statement's generic plan did, a full scan of a
// unit's residents for a page of units.) table and refs are the caller's
// constants, never input.
func Referenced(ctx context.Context, db *gorm.DB, table string, ids []uuid.UUID, refs ...string) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	if len(ids) == 0 || len(refs) == 0 {
		return out, nil
	}
	probes := make([]string, len(refs))
	for i, ref := range refs {
		from, column, _ := strings.Cut(ref, ".")
		probes[i] = "(SELECT true FROM " + from + " r WHERE r." + column + " = t.id LIMIT 1)"
	}
	return out, scanIDs(db.WithContext(ctx).Raw("SELECT t.id FROM "+table+" t WHERE t.id = ANY (?) AND ("+strings.Join(probes, " OR ")+")",
		Array[uuid.UUID](ids)), out)
}
