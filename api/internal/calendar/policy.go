package calendar

import (
	"slices"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
)

// The calendar policy (ADR 0021): everyone signed in, and tokens with
// calendar:read, reads partners, series, activities and the calendar
// (it is non-personal). The producer and admins, and tokens with
// calendar:write, write everything. A mentor proposes activities for their
// own units, edits or withdraws their units' proposals while still
// proposed, and records attendance for their units' occurrences.
func canRead(p *access.Principal) error {
	if !p.Allows(access.ScopeCalendarRead, access.Roles...) {
		return apperr.Forbidden("this token lacks the calendar:read scope")
	}
	return nil
}

func isPlanner(p *access.Principal) bool {
	return p.Allows(access.ScopeCalendarWrite, access.RoleAdmin, access.RoleProducer)
}

func canWriteCatalogue(p *access.Principal) error {
	if !isPlanner(p) {
		return apperr.Forbidden("only the producer and admins manage partners and series")
	}
	return nil
}

func ownsAll(p *access.Principal, units []uuid.UUID) bool {
	for _, u := range units {
		if !p.HasUnit(u) {
			return false
		}
	}
	return true
}

func sharesUnit(p *access.Principal, units []uuid.UUID) bool {
	return slices.ContainsFunc(units, p.HasUnit)
}

// canProposeActivities is the route policy of creating and changing
// activities and of turning ideas into them: the producer and admins plan,
// mentors propose (what exactly a mentor may do is decided on the activity:
// canCreateActivity, canChangeActivity, canTurnIdea).
func canProposeActivities(p *access.Principal) error {
	if !isPlanner(p) && !p.Is(access.RoleMentor) {
		return apperr.Forbidden("only the producer, admins and mentors create, propose or change activities")
	}
	return nil
}

// canTurnIdea decides on turning an idea of unit ideaUnit into the
// activity in: a mentor only for their own units' ideas (another unit's idea
// is not found) and only as a proposal for their own units.
func canTurnIdea(p *access.Principal, ideaUnit uuid.UUID, in ActivityInput) error {
	if p.Is(access.RoleMentor) && !p.HasUnit(ideaUnit) {
		return apperr.NotFound("idea")
	}
	if isPlanner(p) {
		return nil
	}
	return canCreateActivity(p, ActivityInput{Status: StatusProposed, UnitIDs: dedupeIDs(in.UnitIDs)})
}

// canCreateActivity decides on a validated input.
func canCreateActivity(p *access.Principal, in ActivityInput) error {
	if isPlanner(p) {
		return nil
	}
	if !p.Is(access.RoleMentor) {
		return apperr.Forbidden("only the producer, admins and mentors create activities")
	}
	if in.Status != StatusProposed {
		return apperr.Forbidden("a mentor proposes activities; the producer plans and confirms them")
	}
	if !ownsAll(p, in.UnitIDs) {
		return apperr.Forbidden("a mentor proposes activities for their own units only")
	}
	return nil
}

// canChangeActivity decides on an activity before and after a change.
func canChangeActivity(p *access.Principal, before Activity, after ActivityInput) error {
	if isPlanner(p) {
		return nil
	}
	if !p.Is(access.RoleMentor) {
		return apperr.Forbidden("only the producer and admins change activities")
	}
	if before.Status != StatusProposed || !ownsAll(p, before.UnitIDs) || !ownsAll(p, after.UnitIDs) {
		return apperr.Forbidden("a mentor changes only their own units' proposed activities")
	}
	if after.Status != StatusProposed && after.Status != StatusCancelled {
		return apperr.Forbidden("a mentor proposes activities; the producer plans and confirms them")
	}
	return nil
}

func canDeleteActivity(p *access.Principal) error {
	if !isPlanner(p) {
		return apperr.Forbidden("only the producer and admins delete activities")
	}
	return nil
}

func canScheduleOccurrences(p *access.Principal) error {
	if !isPlanner(p) {
		return apperr.Forbidden("only the producer and admins move or cancel occurrences")
	}
	return nil
}

// canReadAttendance: mentors see only their own units' attendance (another
// unit's is a 404, as for all their units' data).
func canReadAttendance(p *access.Principal, a Activity) error {
	if err := canRead(p); err != nil {
		return err
	}
	if p.Is(access.RoleMentor) && !sharesUnit(p, a.UnitIDs) {
		return apperr.NotFound("attendance")
	}
	return nil
}

// canRecordAttendance is the route policy of attendance writes: the
// producer, admins and mentors (for their units: canWriteAttendance).
func canRecordAttendance(p *access.Principal) error {
	if !isPlanner(p) && !p.Is(access.RoleMentor) {
		return apperr.Forbidden("only the producer, admins and the units' mentors record attendance")
	}
	return nil
}

func canWriteAttendance(p *access.Principal, a Activity) error {
	if isPlanner(p) {
		return nil
	}
	if p.Is(access.RoleMentor) {
		if !sharesUnit(p, a.UnitIDs) {
			return apperr.NotFound("attendance")
		}
		return nil
	}
	return apperr.Forbidden("only the producer, admins and the units' mentors record attendance")
}

// ParticipantScope is what a caller sees of attendance records'
// participants, as of culture profiles (committee's canManageResidents,
// ADR 0010): admins all, a mentor their own units' residents, everyone
// else (the producer, managers, viewers, API tokens) none, only counts.
type ParticipantScope struct {
	All   bool
	Units []uuid.UUID
}

func (s ParticipantScope) none() bool { return !s.All && len(s.Units) == 0 }

func participantsSeenBy(p *access.Principal) ParticipantScope {
	switch {
	case p.Is(access.RoleAdmin):
		return ParticipantScope{All: true}
	case p.Is(access.RoleMentor):
		return ParticipantScope{Units: append([]uuid.UUID{}, p.UnitIDs...)}
	}
	return ParticipantScope{}
}

// canWriteParticipants decides on a write that lists participants: only
// admins and the hosting units' mentors (the units a mentor records for
// are narrowed by participantsSeenBy).
func canWriteParticipants(p *access.Principal) error {
	if !p.Is(access.RoleAdmin, access.RoleMentor) {
		return apperr.Forbidden("participants are personal data: only admins and the units' mentors list them; others record counts")
	}
	return nil
}
