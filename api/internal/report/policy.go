package report

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canRead: reports are non-personal aggregates over every unit, read by the producer, managers, admins
// and viewers, and by API tokens with calendar:read. Mentors work within their own units and do not see
// other units' figures (ADR 0043).
func canRead(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeCalendarRead, access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleViewer),
		"reports are for the producer, managers, admins and viewers")
}

// canReadAdoption: the adoption view (how well each unit records attendance) is the producer's tool for
// supporting the units; admins see it too, and API tokens with calendar:read.
func canReadAdoption(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeCalendarRead, access.RoleAdmin, access.RoleProducer),
		"the adoption view is for the producer and admins")
}

// canReadAnnual: the annual report holds the indicators and each department's costs from the split, so
// it is for those who read both (the same roles as the reports, whom the budget lets read the split
// totals); an API token needs calendar:read and budget:read.
func canReadAnnual(p *access.Principal) error {
	roles := []access.Role{access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleViewer}
	if !p.Allows(access.ScopeCalendarRead, roles...) || !p.Allows(access.ScopeBudgetRead, roles...) {
		return apperr.Forbidden("the annual report is for the producer, managers, admins and viewers (tokens: calendar:read and budget:read)")
	}
	return nil
}
