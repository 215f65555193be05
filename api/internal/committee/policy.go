package committee

import (
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/calendar"
)

// The committee policy (docs/adr/0010-committee-access-and-personal-data.md):
//
//   - committees and ideas are not personal data: every role reads them,
//     API tokens with org:read read them and with org:write write them;
//     admins and mentors write them;
//   - members and meetings carry residents' names: admins, mentors, the
//     producer and managers read them, admins and mentors write them,
//     viewers and API tokens never see them;
//   - residents and culture profiles are managed and read only by admins
//     and the unit's mentors;
//   - mentor records are staff data: admins, the producer and managers
//     read all, a mentor reads the mentors of their own units, admins and
//     the producer manage them; trainings are also written by a mentor of
//     one of the mentor's units; the per-unit summaries are figures with
//     no personal data and are read by everyone with org:read;
//   - a mentor sees only their own units' rows: another unit's row is a
//     404, exactly like a row that does not exist.
func canReadCommittees(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgRead, access.Roles...), "this token lacks the org:read scope")
}

func canWriteCommittees(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Allows(access.ScopeOrgWrite, access.RoleAdmin, access.RoleMentor),
		"only admins and the unit's mentors manage committees and ideas")
}

func canReadPersonal(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleMentor),
		"committee members and meetings are personal data; they are not shown to viewers or API tokens")
}

func canWritePersonal(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleMentor),
		"only admins and the unit's mentors manage members and meetings")
}

func canManageResidents(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleMentor),
		"residents and their culture profiles are seen only by the unit's mentors and admins")
}

func canReadMentors(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleProducer, access.RoleManager, access.RoleMentor),
		"mentor records are staff data; viewers and API tokens read only the summary")
}

func canWriteMentors(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleProducer),
		"only admins and the producer manage mentor records")
}

func canWriteTrainings(p *access.Principal) error {
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleProducer, access.RoleMentor),
		"only admins, the producer and mentors record trainings")
}

func canReadSummary(p *access.Principal) error { return canReadCommittees(p) }

// restricted reports whether the caller sees only their own units (a
// mentor).
func restricted(p *access.Principal) bool { return p.Is(access.RoleMentor) }

// unitScope is the list filter for the caller: nil for everything, or the
// mentor's units (never nil for a mentor, so no units means no rows).
func unitScope(p *access.Principal) []uuid.UUID {
	if !restricted(p) {
		return nil
	}
	return append([]uuid.UUID{}, p.UnitIDs...)
}

// seesUnit reports whether the caller may see a row of the unit; a
// mentor sees only their own units.
func seesUnit(p *access.Principal, unit uuid.UUID) bool {
	return !restricted(p) || p.HasUnit(unit)
}

// The actions of the committee package's resources, as listed in their
// allowed_actions (docs/development.md names each one's route). A row a
// caller reads is of their units already (a mentor's others are 404), so
// what remains is the route's own policy and the row's state.
const (
	ActionUpdate         = "update"
	ActionDelete         = "delete"
	ActionVote           = "vote"
	ActionExport         = "export"
	ActionRecordTraining = "record_training"
	ActionToActivity     = "to_activity"
)

// committeeActions are what the caller may do with a committee: delete
// only while it has no members, meetings or ideas (else the delete is a
// 409: deactivate it instead).
func committeeActions(p *access.Principal, inUse bool) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteCommittees(p)),
		access.Can(ActionDelete, canWriteCommittees(p), apperr.ForbiddenUnless(!inUse, "it has members, meetings or ideas; deactivate it instead")))
}

// personalActions are a member's and a meeting's.
func personalActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWritePersonal(p)), access.Can(ActionDelete, canWritePersonal(p)))
}

// ideaActions: votes only while new or planned (else 422); an idea that
// became an activity is declined, not deleted (else 409); to_activity is
// the calendar's route (POST /ideas/{id}/activity), decided by the
// calendar's policy on the idea's unit and state.
func ideaActions(p *access.Principal, i Idea) []string {
	var linked, closed error
	if i.ActivityID != nil {
		linked = apperr.Conflict("the idea became an activity")
	}
	if i.Status != "new" && i.Status != "planned" {
		closed = apperr.Conflict("only new and planned ideas take votes")
	}
	return access.Actions(
		access.Can(ActionUpdate, canWriteCommittees(p)),
		access.Can(ActionDelete, canWriteCommittees(p), linked),
		access.Can(ActionVote, canWriteCommittees(p), closed),
		access.Can(ActionToActivity, calendar.CanTurnIdea(p, i.UnitID), calendar.IdeaTurnable(i.Status, i.ActivityID)))
}

func residentActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canManageResidents(p)), access.Can(ActionDelete, canManageResidents(p)))
}

func profileActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canManageResidents(p)), access.Can(ActionDelete, canManageResidents(p)),
		access.Can(ActionExport, canManageResidents(p)))
}

func mentorActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteMentors(p)), access.Can(ActionDelete, canWriteMentors(p)),
		access.Can(ActionRecordTraining, canWriteTrainings(p)))
}

func trainingActions(p *access.Principal) []string {
	return access.Actions(access.Can(ActionUpdate, canWriteTrainings(p)), access.Can(ActionDelete, canWriteTrainings(p)))
}
