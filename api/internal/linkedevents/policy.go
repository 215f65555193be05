package linkedevents

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canExport: the export holds only public data, read by every signed-in role and by API tokens with
// calendar:read (the portal's importer).
func canExport(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeCalendarRead, access.Roles...),
		"this token lacks the calendar:read scope")
}

// canWritePlaces: admins and the producer (and tokens with org:write) set units' place ids.
func canWritePlaces(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgWrite, access.RoleAdmin, access.RoleProducer),
		"only admins and the producer set units' place ids")
}

// canReadOutcomes: the push outcomes are the producer's and admins' (and an API token's with
// calendar:read, e.g. a monitoring job): they say which public events the portal refused and why.
func canReadOutcomes(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeCalendarRead, access.RoleAdmin, access.RoleProducer),
		"only admins and the producer read the Linked Events push outcomes")
}

// ActionUpdate is a unit place's one action (PUT .../places/{unit_id}).
const ActionUpdate = "update"

func placeActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWritePlaces(p)))
}
