package org

import (
	"context"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/database"
)

// departmentsOut gives departments as the caller sees them, with their
// allowed_actions: one that other rows refer to offers no delete. Whether
// they are in use is looked up (one query for them all) only when the
// caller may delete departments at all; a new one (no rows given) is free.
func (m Module) departmentsOut(ctx context.Context, p *access.Principal, rows ...Department) (func(Department) DepartmentResponse, error) {
	var used map[uuid.UUID]bool
	if canWriteDepartments(p) == nil {
		var err error
		if used, err = m.Store.departmentsInUse(ctx, database.IDsOf(rows)); err != nil {
			return nil, err
		}
	}
	return func(d Department) DepartmentResponse {
		r := toDepartmentResponse(d)
		r.AllowedActions = departmentActions(p, used[d.ID])
		return r
	}, nil
}

// unitsOut gives units as the caller sees them, with their allowed_actions:
// one that other rows refer to offers no delete (deactivate it instead).
// Whether they are in use is looked up (one query for a whole page) only
// when the caller may delete units at all; a new one (no rows given) is free.
func (m Module) unitsOut(ctx context.Context, p *access.Principal, rows ...Unit) (func(Unit) UnitResponse, error) {
	var used map[uuid.UUID]bool
	if canWriteUnits(p) == nil {
		var err error
		if used, err = m.Store.unitsInUse(ctx, database.IDsOf(rows)); err != nil {
			return nil, err
		}
	}
	return func(u Unit) UnitResponse {
		r := toUnitResponse(u)
		r.AllowedActions = unitActions(p, used[u.ID])
		return r
	}, nil
}
