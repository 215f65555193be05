package committee

import (
	"context"
	"slices"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/notify"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// Store reads and writes the committee domain. Every write records its
// audit event in the same transaction.
//
// Calls take a scope: nil sees every unit, otherwise only rows of the
// listed units (a mentor's) are visible, and any other row is "not found".
type Store struct {
	DB *gorm.DB
	// Notify is told about ideas' status changes in the changing
	// transaction; nil tells nobody.
	Notify notify.Notifier
}

// actor is the signed-in user making a change (not told about it).
func actor(ctx context.Context) *uuid.UUID {
	if p := access.FromContext(ctx); p != nil && !p.IsToken() {
		id := p.UserID
		return &id
	}
	return nil
}

var (
	forUpdate = clause.Locking{Strength: "UPDATE"}
	forShare  = clause.Locking{Strength: "SHARE"}
)

func inScope(scope []uuid.UUID, unit uuid.UUID) bool {
	return scope == nil || slices.Contains(scope, unit)
}

// whereScope restricts q to rows whose column is one of the scope's units.
func whereScope(q *gorm.DB, column string, scope []uuid.UUID) *gorm.DB {
	if scope == nil {
		return q
	}
	return q.Where(column+" IN ?", append(slices.Clone(scope), uuid.Nil))
}

// CommitteeFilter narrows the committee listing.
type CommitteeFilter struct {
	UnitID *uuid.UUID
	Active *bool
	// InUse reads each committee's in_use with it (the caller may delete committees).
	InUse bool
}

// ListCommittees returns a page of committees ordered by name.
func (s Store) ListCommittees(ctx context.Context, scope []uuid.UUID, f CommitteeFilter, page paging.Page) ([]Committee, paging.Found, error) {
	q := whereScope(page.Filter(s.DB.WithContext(ctx).Model(&Committee{}), "committees"), "unit_id", scope)
	q = database.WhereSet(q, "unit_id = ?", f.UnitID)
	q = database.WhereSet(q, "active = ?", f.Active)
	return paging.FindSelect[Committee](q, page, "name, id", database.SelectInUse("committees", f.InUse))
}

// GetCommittee returns one committee in scope.
func (s Store) GetCommittee(ctx context.Context, scope []uuid.UUID, id uuid.UUID) (Committee, error) {
	return findCommittee(s.DB.WithContext(ctx), scope, id)
}

func findCommittee(db *gorm.DB, scope []uuid.UUID, id uuid.UUID) (Committee, error) {
	var c Committee
	if err := db.First(&c, "id = ?", id).Error; err != nil {
		return c, database.NotFound(err, "committee")
	}
	if !inScope(scope, c.UnitID) {
		return Committee{}, apperr.NotFound("committee")
	}
	return c, nil
}

// CreateCommittee inserts a committee.
func (s Store) CreateCommittee(ctx context.Context, in CommitteeInput) (Committee, error) {
	return versioned.Create(ctx, s.DB, in.toCommittee(), versioned.Write[Committee]{
		Apply:    func(tx *gorm.DB, c *Committee) error { return checkUnits(tx, "unit_id", []uuid.UUID{c.UnitID}) },
		Conflict: committeeConflict,
		Action:   "committee.create", Entity: "committee", View: versioned.View(toCommitteeResponse)})
}

// UpdateCommittee applies a patch if the version still matches. A founding
// date after the committee's first meeting or membership is refused.
func (s Store) UpdateCommittee(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int, p CommitteePatch) (Committee, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Committee]{IfMatch: ifMatch,
		Lock: func(tx *gorm.DB) (Committee, error) { return findCommittee(tx.Clauses(forUpdate), scope, id) },
		Apply: func(tx *gorm.DB, c *Committee) error {
			if err := p.apply(c); err != nil {
				return err
			}
			if c.FoundedOn != nil {
				return checkFounding(tx, c.ID, *c.FoundedOn)
			}
			return nil
		},
		Conflict: committeeConflict,
		Action:   "committee.update", Entity: "committee", View: versioned.View(toCommitteeResponse)})
}

func checkFounding(tx *gorm.DB, id uuid.UUID, founded civil.Date) error {
	var n int64
	err := tx.Raw(`SELECT (SELECT count(*) FROM committee_meetings WHERE committee_id = @id AND held_on < @d)
		+ (SELECT count(*) FROM committee_members WHERE committee_id = @id AND joined_on < @d)`,
		map[string]any{"id": id, "d": founded}).Scan(&n).Error
	if err != nil {
		return err
	}
	if n > 0 {
		return apperr.InvalidFieldCode("founded_on", apperr.CodeConflict, "the committee has meetings or members before this date")
	}
	return nil
}

// DeleteCommittee removes a committee with no members, meetings or ideas;
// a committee with history is deactivated instead (PATCH active=false).
func (s Store) DeleteCommittee(ctx context.Context, scope []uuid.UUID, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Committee]{IfMatch: ifMatch,
		Lock:     func(tx *gorm.DB) (Committee, error) { return findCommittee(tx.Clauses(forUpdate), scope, id) },
		Conflict: versioned.InUse("the committee has members, meetings or ideas; deactivate it instead (active=false)"),
		Action:   "committee.delete", Entity: "committee", View: versioned.View(toCommitteeResponse)})
}

// committeesInUse returns which of the committees other rows refer to (kept by the
// database: database.InUse).
func (s Store) committeesInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "committees", ids)
}

// committeeConflict refuses a duplicate.
var committeeConflict = versioned.Unique("the unit already has a committee with this name")

// checkUnits answers 422 on field unless every unit exists.
func checkUnits(tx *gorm.DB, field string, ids []uuid.UUID) error {
	var n int64
	if err := tx.Table("units").Where("id IN ?", ids).Count(&n).Error; err != nil {
		return err
	}
	if int(n) != len(ids) {
		return apperr.InvalidFieldCode(field, apperr.CodeNotFound, "no such unit")
	}
	return nil
}
