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

// canReadOwn: every signed-in caller, person or API token, reads who they
// are (GET /me).
func canReadOwn(*access.Principal) error { return nil }

// canChangeOwnSettings: a person changes their own settings; an API token
// cannot change its owner's.
func canChangeOwnSettings(p *access.Principal) error {
	if p.IsToken() {
		return apperr.Forbidden("an API token cannot change its owner's settings")
	}
	return nil
}
