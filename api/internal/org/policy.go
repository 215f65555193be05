package org

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The org policy: everyone signed in (and tokens with org:read) reads
// departments and units; admins manage departments; admins and the
// producer manage units (tokens with org:write both).
func canRead(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgRead, access.Roles...), "this token lacks the org:read scope")
}

func canWriteDepartments(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgWrite, access.RoleAdmin), "only admins manage departments")
}

func canWriteUnits(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgWrite, access.RoleAdmin, access.RoleProducer),
		"only admins and the producer manage units")
}

// The actions of departments and units, as listed in their allowed_actions.
const (
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// departmentActions are what the caller may do with a department: delete
// only while no unit, user or agreement refers to it (else the delete is a 409).
func departmentActions(p *access.Principal, inUse bool) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteDepartments(p)),
		access.Can(ActionDelete, canWriteDepartments(p), apperr.ForbiddenUnless(!inUse, "units, users or agreements refer to it")))
}

// unitActions are what the caller may do with a unit: delete only while
// nothing refers to it (else the delete is a 409: deactivate it instead).
func unitActions(p *access.Principal, inUse bool) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteUnits(p)),
		access.Can(ActionDelete, canWriteUnits(p), apperr.ForbiddenUnless(!inUse, "other rows refer to it; deactivate it instead")))
}
