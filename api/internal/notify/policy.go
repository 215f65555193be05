package notify

import (
	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// canUseInbox: notifications belong to people; an API token has none.
func canUseInbox(p *access.Principal) error {
	if p.IsToken() {
		return apperr.Forbidden("API tokens have no notifications; sign in as the user")
	}
	return nil
}
