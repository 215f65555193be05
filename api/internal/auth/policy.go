package auth

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The auth policy: only an admin (a person, never an API token) manages
// users and API tokens.
func canManage(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin), "only admins manage users and API tokens")
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

// The actions of users and API tokens, as listed in their allowed_actions.
const (
	ActionUpdate = "update"
	ActionRevoke = "revoke"
)

func userActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canManage(p)))
}

// meActions: the caller changes their own settings (PATCH /me).
func meActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canChangeOwnSettings(p)))
}

// apiTokenActions: a live token is revoked by an admin (revoking twice
// changes nothing, so a revoked one offers nothing).
func apiTokenActions(p *access.Principal, revoked bool) []string {
	return access.Actions(access.Can(ActionRevoke, canManage(p), revokedAlready(revoked)))
}

func revokedAlready(revoked bool) error {
	if revoked {
		return apperr.Conflict("the token is already revoked")
	}
	return nil
}
