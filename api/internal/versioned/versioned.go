// Package versioned is the one versioned write every store uses. In the
// changing transaction it locks the row, checks the client's If-Match
// version (412 when stale), applies the change, increments the version,
// saves the row and records the audit event with the row's representation
// before and after, so concurrent edits never silently overwrite each other
// and every change is audited with it. A delete locks, checks and records
// the same way; a create inserts and records its row.
package versioned

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
)

// Row is a pointer to a model; every model embeds database.Model.
type Row[M any] interface {
	*M
	CurrentVersion() int
	NextVersion()
	Identity() uuid.UUID
}

// ErrNoChange, returned by Apply, ends a write that changes nothing (a
// second revocation, an approval given already): nothing is saved or
// audited, the version stays and the row is returned as it is.
var ErrNoChange = errors.New("versioned: no change")

// Write describes one versioned write of a row of model M.
type Write[M any] struct {
	// Lock loads the row and locks it FOR UPDATE, answering 404 for a
	// missing row or one outside the caller's scope. Without Lock the row
	// with ID is locked, and a missing one is a 404 naming What.
	Lock func(tx *gorm.DB) (M, error)
	ID   uuid.UUID
	What string
	// IfMatch is the version the client's change is based on (nil: none).
	IfMatch *int
	// Apply changes the locked row in place: merge the patch, validate it,
	// check the rules that need the transaction. For a delete it is the
	// checks that may refuse it (409).
	Apply func(tx *gorm.DB, m *M) error
	// Save writes the changed row (nil: tx.Save) or, for a delete, removes
	// it (nil: tx.Delete).
	Save func(tx *gorm.DB, m *M) error
	// Conflict maps an error of the write to a domain error (a constraint
	// the row breaks); nil: as it is.
	Conflict func(error) error
	// After runs in the same transaction after the write and before the
	// audit event (links, clash checks, totals). before is the row as
	// locked (a shallow copy); after is nil for a delete.
	After func(tx *gorm.DB, before M, after *M) error
	// Action ("unit.update") and Entity ("unit") name the audit event; View
	// is the row's representation recorded before and after (nil: none),
	// AfterView the one after, when it differs (nil: View). versioned.View
	// adapts a converter that cannot fail.
	Action, Entity  string
	View, AfterView func(M) (any, error)
}

// Update runs the write in a transaction of its own and returns the row as
// saved.
func Update[M any, P Row[M]](ctx context.Context, db *gorm.DB, w Write[M]) (M, error) {
	var out M
	err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		var err error
		out, err = UpdateIn[M, P](ctx, tx, w)
		return err
	})
	return out, err
}

// UpdateIn runs the write in the caller's transaction tx.
func UpdateIn[M any, P Row[M]](ctx context.Context, tx *gorm.DB, w Write[M]) (M, error) {
	m, err := w.lock(tx)
	if err != nil {
		return m, err
	}
	if err := database.CheckVersion(w.IfMatch, P(&m).CurrentVersion()); err != nil {
		return m, err
	}
	before := m
	beforeView, err := w.view(m)
	if err != nil {
		return m, err
	}
	if w.Apply != nil {
		if err := w.Apply(tx, &m); errors.Is(err, ErrNoChange) {
			return before, nil
		} else if err != nil {
			return m, err
		}
	}
	P(&m).NextVersion()
	if w.Save != nil {
		err = w.Save(tx, &m)
	} else {
		err = tx.Save(&m).Error
	}
	if err != nil {
		return m, w.conflict(err)
	}
	if w.After != nil {
		if err := w.After(tx, before, &m); err != nil {
			return m, err
		}
	}
	view := w.view
	if w.AfterView != nil {
		view = w.AfterView
	}
	afterView, err := view(m)
	if err != nil {
		return m, err
	}
	return m, audit.Record(ctx, tx, w.Action, w.Entity, P(&m).Identity(), beforeView, afterView)
}

// Create inserts the new row m in a transaction of its own and returns it
// as saved (version 1, database.Model): Apply's checks that need the
// transaction, the insert (Save; nil: tx.Create) with Conflict mapping its
// error, After (links, totals; before is the zero row) and the audit event
// with the row's View as "after". Lock, ID, What and IfMatch are unused.
func Create[M any, P Row[M]](ctx context.Context, db *gorm.DB, m M, w Write[M]) (M, error) {
	err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		var err error
		m, err = CreateIn[M, P](ctx, tx, m, w)
		return err
	})
	return m, err
}

// CreateIn is Create in the caller's transaction tx.
func CreateIn[M any, P Row[M]](ctx context.Context, tx *gorm.DB, m M, w Write[M]) (M, error) {
	if w.Apply != nil {
		if err := w.Apply(tx, &m); err != nil {
			return m, err
		}
	}
	var err error
	if w.Save != nil {
		err = w.Save(tx, &m)
	} else {
		err = tx.Create(&m).Error
	}
	if err != nil {
		return m, w.conflict(err)
	}
	if w.After != nil {
		var none M
		if err := w.After(tx, none, &m); err != nil {
			return m, err
		}
	}
	view, err := w.view(m)
	if err != nil {
		return m, err
	}
	return m, audit.Record(ctx, tx, w.Action, w.Entity, P(&m).Identity(), nil, view)
}

// Put is the write of a PUT on a resource that may not exist yet, in a
// transaction of its own. w.Lock finds and locks the row; when it finds
// none (gorm.ErrRecordNotFound) the row fresh makes is created as Create
// does, audited as Entity+".create" (a 412 instead when the client named a
// version: it cannot hold a copy of what does not exist); else the locked
// row is updated as Update does with w. created says which.
func Put[M any, P Row[M]](ctx context.Context, db *gorm.DB, w Write[M], fresh func() M) (m M, created bool, err error) {
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		locked, err := w.Lock(tx)
		if errors.Is(err, gorm.ErrRecordNotFound) {
			if w.IfMatch != nil {
				return apperr.PreconditionFailed(0)
			}
			created = true
			m, err = CreateIn[M, P](ctx, tx, fresh(), Write[M]{Conflict: w.Conflict,
				Action: w.Entity + ".create", Entity: w.Entity, View: w.View})
			return err
		}
		if err != nil {
			return err
		}
		w.Lock = func(*gorm.DB) (M, error) { return locked, nil }
		m, err = UpdateIn[M, P](ctx, tx, w)
		return err
	})
	return m, created, err
}

// Delete runs a versioned delete in a transaction of its own: lock, check
// If-Match, Apply's checks, remove, After, audit (the row's last
// representation as "before").
func Delete[M any, P Row[M]](ctx context.Context, db *gorm.DB, w Write[M]) error {
	return database.Tx(ctx, db, func(tx *gorm.DB) error { return DeleteIn[M, P](ctx, tx, w) })
}

// DeleteIn is Delete in the caller's transaction tx.
func DeleteIn[M any, P Row[M]](ctx context.Context, tx *gorm.DB, w Write[M]) error {
	m, err := w.lock(tx)
	if err != nil {
		return err
	}
	if err := database.CheckVersion(w.IfMatch, P(&m).CurrentVersion()); err != nil {
		return err
	}
	if w.Apply != nil {
		if err := w.Apply(tx, &m); err != nil {
			return err
		}
	}
	if w.Save != nil {
		err = w.Save(tx, &m)
	} else {
		err = tx.Delete(&m).Error
	}
	if err != nil {
		return w.conflict(err)
	}
	if w.After != nil {
		if err := w.After(tx, m, nil); err != nil {
			return err
		}
	}
	last, err := w.view(m)
	if err != nil {
		return err
	}
	return audit.Record(ctx, tx, w.Action, w.Entity, P(&m).Identity(), last, nil)
}

func (w Write[M]) lock(tx *gorm.DB) (M, error) {
	if w.Lock != nil {
		return w.Lock(tx)
	}
	return database.ByID[M](tx.Clauses(clause.Locking{Strength: "UPDATE"}), w.ID, w.What)
}

func (w Write[M]) view(m M) (any, error) {
	if w.View == nil {
		return nil, nil
	}
	return w.View(m)
}

func (w Write[M]) conflict(err error) error {
	if w.Conflict != nil {
		return w.Conflict(err)
	}
	return err
}

// View adapts a response converter that cannot fail to a Write's View.
func View[M, R any](conv func(M) R) func(M) (any, error) {
	return func(m M) (any, error) { return conv(m), nil }
}

// Unique is a write's Conflict: a row that would repeat a unique key (a
// name, a code) is refused (409 with detail).
func Unique(detail string) func(error) error {
	return func(err error) error {
		if database.IsUniqueViolation(err) {
			return apperr.Conflict("%s", detail)
		}
		return err
	}
}

// InUse is a delete's Conflict: a row that others still refer to cannot be
// deleted (409 with detail).
func InUse(detail string) func(error) error {
	return func(err error) error {
		if database.IsForeignKeyViolation(err) {
			return apperr.Conflict("%s", detail)
		}
		return err
	}
}
