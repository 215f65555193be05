package org

import (
	"context"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
)

// departmentsOut gives departments as the caller sees them, with their
// allowed_actions: one that other rows refer to offers no delete.
func (m Module) departmentsOut(ctx context.Context, p *access.Principal, rows ...Department) (func(Department) DepartmentResponse, error) {
	return httpapi.InUse(canWriteDepartments, m.Store.departmentsInUse, toDepartmentResponse, departmentActions,
		func(r *DepartmentResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}

// unitsOut gives units as the caller sees them, with their allowed_actions:
// one that other rows refer to offers no delete (deactivate it instead).
func (m Module) unitsOut(ctx context.Context, p *access.Principal, rows ...Unit) (func(Unit) UnitResponse, error) {
	return httpapi.InUse(canWriteUnits, m.Store.unitsInUse, toUnitResponse, unitActions,
		func(r *UnitResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}
