package feed

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canManageTokens: admins and the producer create, list and revoke feed tokens. API tokens cannot: a
// feed token opens internal activities to whoever holds its URL, so a person decides to hand one out.
func canManageTokens(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleProducer),
		"only admins and the producer manage feed tokens")
}

// feedAccess is what one feed request may see.
type feedAccess struct {
	// private feeds (opened by a feed token) include internal and proposed activities.
	private bool
	token   *Token
}

// canReadFeed checks a feed request's unit/partner against its token's scope. The public feed (no token)
// may be narrowed freely; a unit or partner token only to its own unit or partner.
func canReadFeed(a feedAccess, q *feedQuery) error {
	if a.token == nil {
		return nil
	}
	switch a.token.Scope {
	case "unit":
		if q.UnitID != nil && *q.UnitID != *a.token.UnitID {
			return apperr.Forbidden("this feed token is for another unit")
		}
		if q.PartnerID != nil {
			return apperr.Forbidden("this feed token is for one unit's calendar")
		}
		q.UnitID = a.token.UnitID
	case "partner":
		if q.PartnerID != nil && *q.PartnerID != *a.token.PartnerID {
			return apperr.Forbidden("this feed token is for another partner")
		}
		if q.UnitID != nil {
			return apperr.Forbidden("this feed token is for one partner's calendar")
		}
		q.PartnerID = a.token.PartnerID
	}
	return nil
}

// ActionRevoke is a feed token's one action, listed in its allowed_actions
// while the token is live (revoking twice changes nothing).
const ActionRevoke = "revoke"

func tokenActions(p *access.Principal, t Token) []string {
	var revoked error
	if t.RevokedAt != nil {
		revoked = apperr.Conflict("the feed token is already revoked")
	}
	return access.Actions(access.Can(ActionRevoke, canManageTokens(p), revoked))
}
