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
