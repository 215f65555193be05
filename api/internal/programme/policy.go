package programme

import (
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The programme policy. The print (internal activities included) and the
// screen tokens (which open internal activities on a screen) are for people
// who run the unit's programme: the unit's culture mentors, the producer
// and admins. A mentor of another unit gets 404 (the unit's programme is not
// theirs to know of); other roles and API tokens 403. The public page and a
// screen with a valid token need no sign-in.
func canPrint(p *access.Principal, unitID uuid.UUID) error {
	return unitProgrammer(p, unitID, "printing a unit's programme is for its mentors, the producer and admins")
}

func canManageScreens(p *access.Principal, unitID uuid.UUID) error {
	return unitProgrammer(p, unitID, "a unit's screen tokens are managed by its mentors, the producer and admins")
}

func unitProgrammer(p *access.Principal, unitID uuid.UUID, why string) error {
	switch {
	case p.Is(access.RoleAdmin, access.RoleProducer):
		return nil
	case p.Is(access.RoleMentor) && p.HasUnit(unitID):
		return nil
	case p.Is(access.RoleMentor):
		return apperr.NotFound("unit")
	}
	return apperr.Forbidden(why)
}
