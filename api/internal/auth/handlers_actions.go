package auth

import "kulttuurisilta/api/internal/access"

// userOut is a user as the caller sees them, with their allowed_actions.
func userOut(p *access.Principal) func(User) UserResponse {
	return func(u User) UserResponse {
		r := toUserResponse(u)
		r.AllowedActions = userActions(p)
		return r
	}
}

// meOut is the caller themselves.
func meOut(p *access.Principal, u User) UserResponse {
	r := toUserResponse(u)
	r.AllowedActions = meActions(p)
	return r
}

// apiTokenOut is an API token as the caller sees it, with its allowed_actions.
func apiTokenOut(p *access.Principal) func(APIToken) APITokenResponse {
	return func(t APIToken) APITokenResponse {
		r := toAPITokenResponse(t)
		r.AllowedActions = apiTokenActions(p, t.RevokedAt != nil)
		return r
	}
}
