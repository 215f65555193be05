package report

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canRead: reports are non-personal aggregates over every unit, read by the producer, managers, admins
// and viewers, and by API tokens with calendar:read. Mentors work within their own units and do not see
// other units' figures (ADR 0043).
func canRead(p *access.Principal) error {
	if !p.Allows(access.ScopeCalendarRead, access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleViewer) {
		return apperr.Forbidden("reports are for the producer, managers, admins and viewers")
	}
	return nil
}

// canReadAdoption: the adoption view (how well each unit records attendance) is the producer's tool for
// supporting the units; admins see it too, and API tokens with calendar:read.
func canReadAdoption(p *access.Principal) error {
	if !p.Allows(access.ScopeCalendarRead, access.RoleAdmin, access.RoleProducer) {
		return apperr.Forbidden("the adoption view is for the producer and admins")
	}
	return nil
}
