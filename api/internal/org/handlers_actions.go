package org

import "kulttuurisilta/api/internal/access"

// departmentOut is a department as the caller sees it, with its allowed_actions.
func departmentOut(p *access.Principal) func(Department) DepartmentResponse {
	return func(d Department) DepartmentResponse {
		r := toDepartmentResponse(d)
		r.AllowedActions = departmentActions(p)
		return r
	}
}

// unitOut is a unit as the caller sees it, with its allowed_actions.
func unitOut(p *access.Principal) func(Unit) UnitResponse {
	return func(u Unit) UnitResponse {
		r := toUnitResponse(u)
		r.AllowedActions = unitActions(p)
		return r
	}
}
