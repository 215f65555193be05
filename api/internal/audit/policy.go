package audit

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canRead is the audit policy: only admins (people, never API tokens)
// read the log.
func canRead(p *access.Principal) error {
	if !p.Is(access.RoleAdmin) {
		return apperr.Forbidden("only admins read the audit log")
	}
	return nil
}
