package feed

import "kulttuurisilta/api/internal/access"

// tokenOut is a feed token as the caller sees it, with its allowed_actions.
func tokenOut(p *access.Principal) func(Token) TokenResponse {
	return func(t Token) TokenResponse {
		r := toTokenResponse(t)
		r.AllowedActions = tokenActions(p, t)
		return r
	}
}
