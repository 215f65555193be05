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

func departmentActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteDepartments(p)), access.Can(ActionDelete, canWriteDepartments(p)))
}

func unitActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteUnits(p)), access.Can(ActionDelete, canWriteUnits(p)))
}
