package org

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/versioned"
)

// Store reads and writes departments and units. Every write records its
// audit event in the same transaction.
type Store struct {
	DB *gorm.DB
}

// ListDepartments returns a page of departments ordered by name, with
// their in_use when inUse (database.SelectInUse).
func (s Store) ListDepartments(ctx context.Context, page paging.Page, inUse bool) ([]Department, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Department{}), "departments")
	return paging.FindSelect[Department](q, page, "name, id", database.SelectInUse("departments", inUse))
}

// GetDepartment returns one department.
func (s Store) GetDepartment(ctx context.Context, id uuid.UUID) (Department, error) {
	return database.ByID[Department](s.DB.WithContext(ctx), id, "department")
}

// CreateDepartment inserts a department.
func (s Store) CreateDepartment(ctx context.Context, in DepartmentInput) (Department, error) {
	d := Department{Name: in.Name, Code: in.Code, Kind: in.Kind, Organisation: in.Organisation}
	return versioned.Create(ctx, s.DB, d, versioned.Write[Department]{Conflict: departmentConflict,
		Action: "department.create", Entity: "department", View: versioned.View(toDepartmentResponse)})
}

// UpdateDepartment applies a patch if the version still matches.
func (s Store) UpdateDepartment(ctx context.Context, id uuid.UUID, ifMatch *int, p DepartmentPatch) (Department, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Department]{ID: id, What: "department", IfMatch: ifMatch,
		Apply:    func(_ *gorm.DB, d *Department) error { return p.apply(d) },
		Conflict: departmentConflict,
		Action:   "department.update", Entity: "department", View: versioned.View(toDepartmentResponse)})
}

// DeleteDepartment removes a department nothing refers to.
func (s Store) DeleteDepartment(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Department]{ID: id, What: "department", IfMatch: ifMatch,
		Conflict: versioned.InUse("the department is still used by units, users or agreements"),
		Action:   "department.delete", Entity: "department", View: versioned.View(toDepartmentResponse)})
}

// departmentsInUse returns which of the departments other rows refer to
// (kept by the database: database.InUse).
func (s Store) departmentsInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "departments", ids)
}

// departmentConflict refuses a duplicate.
var departmentConflict = versioned.Unique("a department with this code already exists")

// UnitFilter narrows the unit listing.
type UnitFilter struct {
	DepartmentID *uuid.UUID
	Kind         string
	Active       *bool
	// OnlyIDs restricts to these units (a mentor's view); nil means all.
	OnlyIDs []uuid.UUID
	// InUse reads each unit's in_use with it (the caller may delete units).
	InUse bool
}

// ListUnits returns a page of units ordered by name.
func (s Store) ListUnits(ctx context.Context, f UnitFilter, page paging.Page) ([]Unit, paging.Found, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Unit{}), "units")
	q = database.WhereSet(q, "department_id = ?", f.DepartmentID)
	q = database.WhereText(q, "kind = ?", f.Kind)
	q = database.WhereSet(q, "active = ?", f.Active)
	if f.OnlyIDs != nil {
		q = q.Where("id IN ?", append(f.OnlyIDs, uuid.Nil))
	}
	return paging.FindSelect[Unit](q, page, "name, id", database.SelectInUse("units", f.InUse))
}

// GetUnit returns one unit.
func (s Store) GetUnit(ctx context.Context, id uuid.UUID) (Unit, error) {
	return database.ByID[Unit](s.DB.WithContext(ctx), id, "unit")
}

// CreateUnit inserts a unit.
func (s Store) CreateUnit(ctx context.Context, in UnitInput) (Unit, error) {
	return versioned.Create(ctx, s.DB, in.toUnit(database.Model{}), versioned.Write[Unit]{
		Apply:    func(tx *gorm.DB, u *Unit) error { return s.checkDepartment(tx, u.DepartmentID) },
		Conflict: unitConflict,
		Action:   "unit.create", Entity: "unit", View: versioned.View(toUnitResponse)})
}

// UpdateUnit applies a patch if the version still matches.
func (s Store) UpdateUnit(ctx context.Context, id uuid.UUID, ifMatch *int, p UnitPatch) (Unit, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Unit]{ID: id, What: "unit", IfMatch: ifMatch,
		Apply: func(tx *gorm.DB, u *Unit) error {
			if err := p.apply(u); err != nil {
				return err
			}
			return s.checkDepartment(tx, u.DepartmentID)
		},
		Conflict: unitConflict,
		Action:   "unit.update", Entity: "unit", View: versioned.View(toUnitResponse)})
}

// DeleteUnit removes a unit nothing refers to; units with history are
// deactivated instead (PATCH active=false).
func (s Store) DeleteUnit(ctx context.Context, id uuid.UUID, ifMatch *int) error {
	return versioned.Delete(ctx, s.DB, versioned.Write[Unit]{ID: id, What: "unit", IfMatch: ifMatch,
		Conflict: versioned.InUse("the unit has committees, activities or users; deactivate it instead"),
		Action:   "unit.delete", Entity: "unit", View: versioned.View(toUnitResponse)})
}

// unitsInUse returns which of the units other rows refer to (kept by the
// database: database.InUse).
func (s Store) unitsInUse(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	return database.InUse(ctx, s.DB, "units", ids)
}

func (s Store) checkDepartment(tx *gorm.DB, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	var n int64
	if err := tx.Model(&Department{}).Where("id = ?", *id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return apperr.InvalidFieldCode("department_id", apperr.CodeNotFound, "no such department")
	}
	return nil
}

// unitConflict refuses a duplicate.
var unitConflict = versioned.Unique("a unit with this name already exists in the organisation")
