package committee

import (
	"context"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
)

// The resources as the caller sees them, each with its allowed_actions.

// committeesOut gives committees as the caller sees them: one with members,
// meetings or ideas offers no delete. Whether they have any is looked up
// (one query for a whole page) only when the caller may delete committees
// at all (httpapi.InUse); a new one (no rows given) has none.
func (m Module) committeesOut(ctx context.Context, p *access.Principal, rows ...Committee) (func(Committee) CommitteeResponse, error) {
	return httpapi.InUse(canWriteCommittees, m.Store.committeesInUse, toCommitteeResponse, committeeActions,
		func(r *CommitteeResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}

func memberOut(p *access.Principal) func(Member) MemberResponse {
	return func(x Member) MemberResponse {
		r := toMemberResponse(x)
		r.AllowedActions = personalActions(p)
		return r
	}
}

func meetingOut(p *access.Principal) func(Meeting) MeetingResponse {
	return func(x Meeting) MeetingResponse {
		r := toMeetingResponse(x)
		r.AllowedActions = personalActions(p)
		return r
	}
}

func ideaOut(p *access.Principal) func(Idea) IdeaResponse {
	return func(x Idea) IdeaResponse {
		r := toIdeaResponse(x)
		r.AllowedActions = ideaActions(p, x)
		return r
	}
}

func residentOut(p *access.Principal) func(Resident) ResidentResponse {
	return func(x Resident) ResidentResponse {
		r := toResidentResponse(x)
		r.AllowedActions = residentActions(p)
		return r
	}
}

func profileOut(p *access.Principal) func(Profile) ProfileResponse {
	return func(x Profile) ProfileResponse {
		r := toProfileResponse(x)
		r.AllowedActions = profileActions(p)
		return r
	}
}

func mentorOut(p *access.Principal) func(Mentor) MentorResponse {
	return func(x Mentor) MentorResponse {
		r := toMentorResponse(x)
		r.AllowedActions = mentorActions(p)
		return r
	}
}

func trainingOut(p *access.Principal) func(Training) TrainingResponse {
	return func(x Training) TrainingResponse {
		r := toTrainingResponse(x)
		r.AllowedActions = trainingActions(p)
		return r
	}
}

// exportOut gives the parts of a resident's export the actions the caller
// has on them.
func exportOut(p *access.Principal, e *ResidentExport) {
	e.Resident.AllowedActions = residentActions(p)
	if e.CultureProfile != nil {
		e.CultureProfile.AllowedActions = profileActions(p)
	}
	for i := range e.Memberships {
		e.Memberships[i].AllowedActions = personalActions(p)
	}
}
