package calendar

import (
	"slices"
	"time"

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
	return apperr.ForbiddenUnless(p.Allows(access.ScopeCalendarRead, access.Roles...),
		"this token lacks the calendar:read scope")
}

func isPlanner(p *access.Principal) bool {
	return p.Allows(access.ScopeCalendarWrite, access.RoleAdmin, access.RoleProducer)
}

func canWriteCatalogue(p *access.Principal) error {
	return apperr.ForbiddenUnless(isPlanner(p), "only the producer and admins manage partners and series")
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
	return canCreateActivity(p, ActivityInput{Status: in.Status, UnitIDs: dedupeIDs(in.UnitIDs)})
}

// CanTurnIdea is the decision of POST /ideas/{id}/activity for the caller
// on an idea of ideaUnit, asked for the default activity (the idea's unit,
// proposed): the route's policy and canTurnIdea. The committee package lists
// it in the idea's allowed_actions ("to_activity"), with IdeaTurnable.
func CanTurnIdea(p *access.Principal, ideaUnit uuid.UUID) error {
	if err := canProposeActivities(p); err != nil {
		return err
	}
	return canTurnIdea(p, ideaUnit, ActivityInput{Status: StatusProposed, UnitIDs: []uuid.UUID{ideaUnit}})
}

// IdeaTurnable is the idea's own rule for becoming an activity: once only,
// and not when declined or done (a 409; reopen it first).
func IdeaTurnable(status string, activityID *uuid.UUID) error {
	if activityID != nil {
		return apperr.Conflict("the idea is already the activity %s", activityID)
	}
	if status == "declined" || status == "done" {
		return apperr.Conflict("the idea is %s; reopen it first", status)
	}
	return nil
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
	return apperr.ForbiddenUnless(isPlanner(p), "only the producer and admins delete activities")
}

func canScheduleOccurrences(p *access.Principal) error {
	return apperr.ForbiddenUnless(isPlanner(p), "only the producer and admins move or cancel occurrences")
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
	return apperr.ForbiddenUnless(p.Is(access.RoleAdmin, access.RoleMentor),
		"participants are personal data: only admins and the units' mentors list them; others record counts")
}

// The actions of the calendar's resources, as listed in their allowed_actions
// (docs/development.md names each one's route).
const (
	ActionUpdate            = "update"
	ActionDelete            = "delete"
	ActionCancel            = "cancel"
	ActionMoveOccurrence    = "move_occurrence"
	ActionCancelOccurrence  = "cancel_occurrence"
	ActionRestoreOccurrence = "restore_occurrence"
	ActionRecordAttendance  = "record_attendance"
)

// catalogueActions are what the caller may do with a partner or a series:
// delete only when no activity refers to it (else the delete is a 409).
func catalogueActions(p *access.Principal, inUse bool) []string {
	return access.Actions(
		access.Can(ActionUpdate, canWriteCatalogue(p)),
		access.Can(ActionDelete, canWriteCatalogue(p), apperr.ForbiddenUnless(!inUse, "activities refer to it")))
}

// activityFacts are what the actions of an activity depend on beyond the
// row: whether attendance is recorded (it cannot be deleted then), and now.
type activityFacts struct {
	hasAttendance bool
	now           time.Time
}

// activityActions are what the caller may do with the activity, decided by
// the policies that guard the routes and the rules they would meet:
//   - update: the route's canProposeActivities and canChangeActivity on the
//     row kept as it is (a mentor: their units' proposals);
//   - cancel: the same for a change to cancelled, which the life cycle allows
//     from every status but completed and cancelled;
//   - delete: canDeleteActivity, and no recorded attendance (else 409);
//   - move_occurrence, cancel_occurrence: canScheduleOccurrences;
//   - record_attendance: canRecordAttendance and canWriteAttendance, the
//     activity not cancelled and its first occurrence started (each
//     occurrence in the calendar says so for itself).
func activityActions(p *access.Principal, a Activity, f activityFacts) []string {
	keep := ActivityInput{Status: a.Status, UnitIDs: a.UnitIDs}
	cancel := ActivityInput{Status: StatusCancelled, UnitIDs: a.UnitIDs}
	return access.Actions(
		access.Can(ActionUpdate, canProposeActivities(p), canChangeActivity(p, a, keep)),
		access.Can(ActionDelete, canDeleteActivity(p), refuseIf(f.hasAttendance, "the activity has recorded attendance")),
		access.Can(ActionCancel, canProposeActivities(p), canChangeActivity(p, a, cancel),
			refuseIf(a.Status == StatusCancelled, "already cancelled"), checkTransition(a.Status, StatusCancelled)),
		access.Can(ActionMoveOccurrence, canScheduleOccurrences(p)),
		access.Can(ActionCancelOccurrence, canScheduleOccurrences(p)),
		access.Can(ActionRecordAttendance, canRecordAttendance(p), canWriteAttendance(p, a),
			refuseIf(a.Status == StatusCancelled, "the activity was cancelled"),
			refuseIf(a.StartsAt.After(f.now), "no occurrence has started yet")))
}

// occurrenceActions are what the caller may do with one occurrence in the
// calendar: update (the whole activity, as activityActions), move it or
// cancel it (a new override, or a change of its override), restore it (delete
// its override), and record its attendance when it can take one: not
// cancelled, started, and not yet recorded (attendanceID nil; else the
// record's own actions apply).
func occurrenceActions(p *access.Principal, o Occurrence, attendanceID *uuid.UUID, now time.Time) []string {
	a := Activity{Status: o.ActivityStatus, UnitIDs: o.UnitIDs}
	keep := ActivityInput{Status: o.ActivityStatus, UnitIDs: o.UnitIDs}
	return access.Actions(
		access.Can(ActionUpdate, canProposeActivities(p), canChangeActivity(p, a, keep)),
		access.Can(ActionMoveOccurrence, canScheduleOccurrences(p)),
		access.Can(ActionCancelOccurrence, canScheduleOccurrences(p), refuseIf(o.Cancelled, "already cancelled")),
		access.Can(ActionRestoreOccurrence, canScheduleOccurrences(p), refuseIf(o.OverrideID == nil, "not moved or cancelled")),
		access.Can(ActionRecordAttendance, canRecordAttendance(p), canWriteAttendance(p, a),
			refuseIf(o.Cancelled, "the occurrence was cancelled"), refuseIf(o.StartsAt.After(now), "not started yet"),
			refuseIf(attendanceID != nil, "attendance is already recorded")))
}

// overrideActions: a moved or cancelled occurrence is changed or restored
// (its override deleted) by those who schedule occurrences.
func overrideActions(p *access.Principal) []string {
	return access.Actions(
		access.Can(ActionUpdate, canScheduleOccurrences(p)),
		access.Can(ActionDelete, canScheduleOccurrences(p)))
}

// attendanceActions: a record is changed or deleted by those who record the
// activity's attendance.
func attendanceActions(p *access.Principal, a Activity) []string {
	return access.Actions(
		access.Can(ActionUpdate, canRecordAttendance(p), canWriteAttendance(p, a)),
		access.Can(ActionDelete, canRecordAttendance(p), canWriteAttendance(p, a)))
}

// refuseIf is a rule's refusal (a 409 or 422 the route would answer) as a
// decision.
func refuseIf(cond bool, why string) error {
	if cond {
		return apperr.Conflict("%s", why)
	}
	return nil
}
