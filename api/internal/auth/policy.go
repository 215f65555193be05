package auth

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The auth policy: only an admin (a person, never an API token) manages
// users and API tokens.
func canManage(p *access.Principal) error {
	if !p.Is(access.RoleAdmin) {
		return apperr.Forbidden("only admins manage users and API tokens")
	}
	return nil
}
