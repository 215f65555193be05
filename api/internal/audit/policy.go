package audit

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canRead is the audit policy: only admins (people, never API tokens)
// read the log.
func canRead(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin), "only admins read the audit log")
}
