package committee

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/validate"
)

// Text limits, the same as the database's CHECK constraints.
const (
	maxName        = 200
	maxDisplayName = 60
	maxDescription = 5000
	maxAgenda      = 10000
	maxMinutes     = 50000
	maxDecisions   = 20000
	maxLifeStory   = 20000
	maxProfileText = 5000
	maxPhone       = 50
	maxVotes       = 100000
	maxVoteStep    = 1000
	maxHoursTenths = 10000
)

var (
	minDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)
	// A Finnish personal identity code (henkilötunnus), e.g. 010150-123A:
	// never allowed in a resident's display name.
	identityCode = regexp.MustCompile(`(?i)\b\d{6}[-+a-fu-y]\d{3}[0-9a-y]\b`)
)

func checkDate(v *validate.Errors, field string, d *civil.Date) {
	if d != nil && (d.Before(minDate) || d.After(maxDate)) {
		v.AddCode(field, apperr.CodeOutOfRange, "must be between 1900-01-01 and 2199-12-31")
	}
}

func checkDisplayName(v *validate.Errors, field, s string) {
	v.Text(field, s, true, maxDisplayName)
	if !v.Has(field) && identityCode.MatchString(s) {
		v.AddCode(field, apperr.CodeInvalid, "must be a first name or nickname only, never an identity code")
	}
}

func (in *CommitteeInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Required(in.UnitID != uuid.Nil, "unit_id")
	v.Text("name", in.Name, true, maxName)
	checkDate(&v, "founded_on", in.FoundedOn)
	return v.Err()
}

func (p CommitteePatch) apply(c *Committee) error {
	in := CommitteeInput{UnitID: c.UnitID, Name: c.Name, FoundedOn: c.FoundedOn, Active: &c.Active}
	httpapi.Patch(&in.Name, p.Name)
	httpapi.PatchOptional(&in.FoundedOn, p.FoundedOn)
	if p.Active != nil {
		in.Active = p.Active
	}
	if err := in.validate(); err != nil {
		return err
	}
	c.Name, c.FoundedOn, c.Active = in.Name, in.FoundedOn, *in.Active
	return nil
}

func (in CommitteeInput) toCommittee() Committee {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	return Committee{UnitID: in.UnitID, Name: in.Name, FoundedOn: in.FoundedOn, Active: active}
}

// validate checks a membership against itself and its committee's
// founding date.
func (in *MemberInput) validate(founded *civil.Date) error {
	var v validate.Errors
	switch {
	case in.ResidentID != nil && in.DisplayName != nil:
		v.AddCode("resident_id", apperr.CodeConflict, "give either resident_id or display_name, not both")
	case in.ResidentID == nil && in.DisplayName == nil:
		v.AddCode("resident_id", apperr.CodeRequired, "give resident_id or display_name")
	case in.DisplayName != nil:
		*in.DisplayName = strings.TrimSpace(*in.DisplayName)
		checkDisplayName(&v, "display_name", *in.DisplayName)
	}
	v.OneOf("role", in.Role, MemberRoles...)
	checkMembershipDates(&v, in.JoinedOn, in.LeftOn, founded)
	return v.Err()
}

func checkMembershipDates(v *validate.Errors, joined civil.Date, left *civil.Date, founded *civil.Date) {
	if joined.IsZero() {
		v.AddCode("joined_on", apperr.CodeRequired, "is required")
	} else {
		checkDate(v, "joined_on", &joined)
		if founded != nil && !v.Has("joined_on") && joined.Before(founded.Time) {
			v.AddCode("joined_on", apperr.CodeOutOfRange, "must not be before the committee was founded (%s)", founded)
		}
	}
	checkDate(v, "left_on", left)
	if !v.Has("joined_on") && !v.Has("left_on") {
		v.DateOrder("left_on", &joined, left)
	}
}

func (p MemberPatch) apply(m *Member, founded *civil.Date) error {
	role, joined, left := m.Role, m.JoinedOn, m.LeftOn
	httpapi.Patch(&role, p.Role)
	httpapi.Patch(&joined, p.JoinedOn)
	httpapi.PatchOptional(&left, p.LeftOn)
	var v validate.Errors
	v.OneOf("role", role, MemberRoles...)
	checkMembershipDates(&v, joined, left, founded)
	if err := v.Err(); err != nil {
		return err
	}
	m.Role, m.JoinedOn, m.LeftOn = role, joined, left
	return nil
}

func (in *MeetingInput) validate(founded *civil.Date) error {
	var v validate.Errors
	if in.HeldOn.IsZero() {
		v.AddCode("held_on", apperr.CodeRequired, "is required")
	} else {
		checkDate(&v, "held_on", &in.HeldOn)
		if founded != nil && !v.Has("held_on") && in.HeldOn.Before(founded.Time) {
			v.AddCode("held_on", apperr.CodeOutOfRange, "must not be before the committee was founded (%s)", founded)
		}
	}
	v.Text("agenda", in.Agenda, false, maxAgenda)
	v.Text("minutes", in.Minutes, false, maxMinutes)
	v.Text("decisions", in.Decisions, false, maxDecisions)
	return v.Err()
}

func (p MeetingPatch) apply(m *Meeting, founded *civil.Date) error {
	in := MeetingInput{HeldOn: m.HeldOn, Agenda: m.Agenda, Minutes: m.Minutes, Decisions: m.Decisions}
	httpapi.Patch(&in.HeldOn, p.HeldOn)
	httpapi.Patch(&in.Agenda, p.Agenda)
	httpapi.Patch(&in.Minutes, p.Minutes)
	httpapi.Patch(&in.Decisions, p.Decisions)
	if err := in.validate(founded); err != nil {
		return err
	}
	m.HeldOn, m.Agenda, m.Minutes, m.Decisions = in.HeldOn, in.Agenda, in.Minutes, in.Decisions
	return nil
}

func (in *IdeaInput) validate() error {
	in.Title = strings.TrimSpace(in.Title)
	var v validate.Errors
	v.Required(in.CommitteeID != uuid.Nil, "committee_id")
	checkIdeaFields(&v, in.Title, in.Description, in.Source, in.Votes, in.Priority)
	return v.Err()
}

func checkIdeaFields(v *validate.Errors, title, description, source string, votes int, priority *int) {
	v.Text("title", title, true, maxName)
	v.Text("description", description, false, maxDescription)
	v.OneOf("source", source, IdeaSources...)
	v.Range("votes", int64(votes), 0, maxVotes)
	if priority != nil {
		v.Range("priority", int64(*priority), 1, 5)
	}
}

// transitions are the allowed idea status changes; see
// docs/adr/0011-idea-status-transitions.md.
var transitions = map[string][]string{
	"new":      {"planned", "declined"},
	"planned":  {"done", "declined"},
	"declined": {"new"},
	"done":     {},
}

// Transition reports whether an idea may go from one status to another.
// Staying in the same status is not a transition and always allowed.
func Transition(from, to string) bool {
	if !slices.Contains(IdeaStatuses, from) || !slices.Contains(IdeaStatuses, to) {
		return false
	}
	return from == to || slices.Contains(transitions[from], to)
}

func (p IdeaPatch) apply(i *Idea, now time.Time) error {
	title, description, source, status, votes, priority := i.Title, i.Description, i.Source, i.Status, i.Votes, i.Priority
	if p.Title != nil {
		title = strings.TrimSpace(*p.Title)
	}
	httpapi.Patch(&description, p.Description)
	httpapi.Patch(&source, p.Source)
	httpapi.Patch(&status, p.Status)
	httpapi.Patch(&votes, p.Votes)
	httpapi.PatchOptional(&priority, p.Priority)
	var v validate.Errors
	checkIdeaFields(&v, title, description, source, votes, priority)
	switch {
	case !slices.Contains(IdeaStatuses, status):
		v.AddCode("status", apperr.CodeInvalidChoice, "must be one of %s", strings.Join(IdeaStatuses, ", "))
	case !Transition(i.Status, status):
		v.AddCode("status", apperr.CodeConflict, "an idea cannot go from %s to %s", i.Status, status)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if status != i.Status {
		i.StatusChangedAt = now
	}
	i.Title, i.Description, i.Source, i.Status, i.Votes, i.Priority = title, description, source, status, votes, priority
	return nil
}

func (in *ResidentInput) validate() error {
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	var v validate.Errors
	v.Required(in.UnitID != uuid.Nil, "unit_id")
	checkDisplayName(&v, "display_name", in.DisplayName)
	if in.CultureGoalDays != nil {
		v.Range("culture_goal_days", int64(*in.CultureGoalDays), 1, 31)
	}
	return v.Err()
}

func (p ResidentPatch) apply(r *Resident) error {
	in := ResidentInput{UnitID: r.UnitID, DisplayName: r.DisplayName, Active: &r.Active, CultureGoalDays: r.CultureGoalDays}
	httpapi.Patch(&in.DisplayName, p.DisplayName)
	if p.Active != nil {
		in.Active = p.Active
	}
	httpapi.PatchOptional(&in.CultureGoalDays, p.CultureGoalDays)
	if err := in.validate(); err != nil {
		return err
	}
	r.DisplayName, r.Active, r.CultureGoalDays = in.DisplayName, *in.Active, in.CultureGoalDays
	return nil
}

func (in ResidentInput) toResident() Resident {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	return Resident{UnitID: in.UnitID, DisplayName: in.DisplayName, Active: active, CultureGoalDays: in.CultureGoalDays}
}

func (in *ProfileInput) validate() error {
	var v validate.Errors
	v.Text("life_story", in.LifeStory, false, maxLifeStory)
	v.Text("music", in.Music, false, maxProfileText)
	v.Text("arts", in.Arts, false, maxProfileText)
	v.Text("places", in.Places, false, maxProfileText)
	v.Text("wishes", in.Wishes, false, maxProfileText)
	return v.Err()
}

func (in *MentorInput) validate() error {
	in.Name, in.Email = strings.TrimSpace(in.Name), strings.TrimSpace(in.Email)
	in.Phone, in.Title = strings.TrimSpace(in.Phone), strings.TrimSpace(in.Title)
	var v validate.Errors
	v.Text("name", in.Name, true, maxName)
	if in.Email != "" {
		v.Email("email", in.Email)
	}
	v.Text("phone", in.Phone, false, maxPhone)
	v.Text("title", in.Title, false, maxName)
	switch {
	case len(in.UnitIDs) == 0:
		v.AddCode("unit_ids", apperr.CodeRequired, "name at least one unit")
	case len(in.UnitIDs) > 100:
		v.AddCode("unit_ids", apperr.CodeTooLong, "at most 100 units")
	default:
		slices.SortFunc(in.UnitIDs, func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
		if len(slices.Compact(slices.Clone(in.UnitIDs))) != len(in.UnitIDs) {
			v.AddCode("unit_ids", apperr.CodeConflict, "must not repeat a unit")
		}
	}
	checkDate(&v, "since", in.Since)
	return v.Err()
}

func (p MentorPatch) apply(m *Mentor) error {
	in := MentorInput{Name: m.Name, Email: m.Email, Phone: m.Phone, Title: m.Title, UnitIDs: m.UnitIDs,
		Since: m.Since, Active: &m.Active, UserID: m.UserID}
	httpapi.Patch(&in.Name, p.Name)
	httpapi.Patch(&in.Email, p.Email)
	httpapi.Patch(&in.Phone, p.Phone)
	httpapi.Patch(&in.Title, p.Title)
	httpapi.Patch(&in.UnitIDs, p.UnitIDs)
	httpapi.PatchOptional(&in.Since, p.Since)
	if p.Active != nil {
		in.Active = p.Active
	}
	httpapi.PatchOptional(&in.UserID, p.UserID)
	if err := in.validate(); err != nil {
		return err
	}
	*m = in.toMentor(m.Model)
	return nil
}

func (in MentorInput) toMentor(model database.Model) Mentor {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	return Mentor{Model: model, Name: in.Name, Email: in.Email, Phone: in.Phone, Title: in.Title,
		UnitIDs: in.UnitIDs, Since: in.Since, Active: active, UserID: in.UserID}
}

// HoursToTenths converts training hours to exact tenths of an hour; ok is
// false unless hours is a positive multiple of 0.1 up to 1000.
func HoursToTenths(hours float64) (tenths int, ok bool) {
	if math.IsNaN(hours) || math.IsInf(hours, 0) || hours <= 0 || hours > maxHoursTenths/10 {
		return 0, false
	}
	t := math.Round(hours * 10)
	if math.Abs(hours*10-t) > 1e-6 || t < 1 {
		return 0, false
	}
	return int(t), true
}

func (in *TrainingInput) validate(today civil.Date) (int, error) {
	in.Course, in.Provider = strings.TrimSpace(in.Course), strings.TrimSpace(in.Provider)
	var v validate.Errors
	v.Text("course", in.Course, true, maxName)
	v.Text("provider", in.Provider, false, maxName)
	if in.CompletedOn.IsZero() {
		v.AddCode("completed_on", apperr.CodeRequired, "is required")
	} else {
		checkDate(&v, "completed_on", &in.CompletedOn)
		if !v.Has("completed_on") && in.CompletedOn.After(today.Time) {
			v.AddCode("completed_on", apperr.CodeOutOfRange, "must not be in the future")
		}
	}
	tenths, ok := HoursToTenths(in.Hours)
	v.CheckCode(ok, "hours", apperr.CodeOutOfRange, "must be more than 0 and at most 1000, in steps of 0.1")
	return tenths, v.Err()
}

func (p TrainingPatch) apply(t *Training, today civil.Date) error {
	in := TrainingInput{Course: t.Course, Provider: t.Provider, CompletedOn: t.CompletedOn, Hours: float64(t.HoursTenths) / 10}
	httpapi.Patch(&in.Course, p.Course)
	httpapi.Patch(&in.Provider, p.Provider)
	httpapi.Patch(&in.CompletedOn, p.CompletedOn)
	httpapi.Patch(&in.Hours, p.Hours)
	tenths, err := in.validate(today)
	if err != nil {
		return err
	}
	t.Course, t.Provider, t.CompletedOn, t.HoursTenths = in.Course, in.Provider, in.CompletedOn, tenths
	return nil
}
