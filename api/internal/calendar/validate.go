package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/recurrence"
	"kulttuurisilta/api/internal/validate"
)

// Limits of one activity.
const (
	MaxDuration    = 14 * 24 * time.Hour
	maxLinkedItems = 50
	maxExdates     = 1000
)

// Bounds on stored times, so no arithmetic overflows and no client sends
// the year 0001 by mistake.
var (
	minTime = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)
)

func (in *PartnerInput) validate() error {
	in.Name, in.ContactName = strings.TrimSpace(in.Name), strings.TrimSpace(in.ContactName)
	in.Email, in.Phone, in.Website = strings.TrimSpace(in.Email), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Website)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	in.NameI18n.check(&v, "name_i18n", 200, true)
	v.OneOf("kind", in.Kind, PartnerKinds...)
	v.OneOf("sector", in.Sector, Sectors...)
	v.Text("contact_name", in.ContactName, false, 200)
	if in.Email != "" {
		v.Email("email", in.Email)
	}
	v.Text("phone", in.Phone, false, 50)
	v.Text("website", in.Website, false, 500)
	if in.Website != "" && !v.Has("website") && !strings.HasPrefix(in.Website, "https://") && !strings.HasPrefix(in.Website, "http://") {
		v.AddCode("website", apperr.CodeInvalidFormat, "must start with https:// or http://")
	}
	v.Text("municipality", in.Municipality, false, 100)
	v.Text("notes", in.Notes, false, 5000)
	return v.Err()
}

func (in PartnerInput) toPartner(p *Partner) {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	p.Name, p.Kind, p.Sector, p.ContactName, p.Email = in.Name, in.Kind, in.Sector, in.ContactName, in.Email
	name := in.NameI18n.value()
	p.NameSv, p.NameEn = name.Sv, name.En
	p.Phone, p.Website, p.Municipality, p.Notes, p.Active = in.Phone, in.Website, in.Municipality, in.Notes, active
}

func (patch PartnerPatch) apply(p *Partner) error {
	in := PartnerInput{Name: p.Name, NameI18n: Translations{Sv: p.NameSv, En: p.NameEn}.input(), Kind: p.Kind,
		Sector: p.Sector, ContactName: p.ContactName, Email: p.Email,
		Phone: p.Phone, Website: p.Website, Municipality: p.Municipality, Notes: p.Notes, Active: &p.Active}
	httpapi.Patch(&in.Name, patch.Name)
	patchTranslations(&in.NameI18n, patch.NameI18n)
	httpapi.Patch(&in.Kind, patch.Kind)
	httpapi.Patch(&in.Sector, patch.Sector)
	httpapi.Patch(&in.ContactName, patch.ContactName)
	httpapi.Patch(&in.Email, patch.Email)
	httpapi.Patch(&in.Phone, patch.Phone)
	httpapi.Patch(&in.Website, patch.Website)
	httpapi.Patch(&in.Municipality, patch.Municipality)
	httpapi.Patch(&in.Notes, patch.Notes)
	if patch.Active != nil {
		in.Active = patch.Active
	}
	if err := in.validate(); err != nil {
		return err
	}
	in.toPartner(p)
	return nil
}

func (in *SeriesInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	in.NameI18n.check(&v, "name_i18n", 200, true)
	v.Text("description", in.Description, false, 5000)
	in.DescriptionI18n.check(&v, "description_i18n", 5000, false)
	v.Required(in.StartsOn != nil, "starts_on")
	v.Required(in.EndsOn != nil, "ends_on")
	v.DateOrder("ends_on", in.StartsOn, in.EndsOn)
	if in.StartsOn != nil && in.EndsOn != nil && !v.Has("ends_on") && in.EndsOn.Sub(in.StartsOn.Time) > 366*24*time.Hour {
		v.AddCode("ends_on", apperr.CodeOutOfRange, "a series lasts at most a year")
	}
	for _, d := range []struct {
		field string
		date  *civil.Date
	}{{"starts_on", in.StartsOn}, {"ends_on", in.EndsOn}} {
		if d.date != nil && (d.date.Before(minTime) || d.date.After(maxTime)) {
			v.AddCode(d.field, apperr.CodeOutOfRange, "must be between 1990 and 2199")
		}
	}
	return v.Err()
}

func (patch SeriesPatch) apply(s *Series) error {
	in := SeriesInput{Name: s.Name, NameI18n: Translations{Sv: s.NameSv, En: s.NameEn}.input(), Description: s.Description,
		DescriptionI18n: Translations{Sv: s.DescriptionSv, En: s.DescriptionEn}.input(), StartsOn: &s.StartsOn, EndsOn: &s.EndsOn}
	httpapi.Patch(&in.Name, patch.Name)
	patchTranslations(&in.NameI18n, patch.NameI18n)
	httpapi.Patch(&in.Description, patch.Description)
	patchTranslations(&in.DescriptionI18n, patch.DescriptionI18n)
	if patch.StartsOn != nil {
		in.StartsOn = patch.StartsOn
	}
	if patch.EndsOn != nil {
		in.EndsOn = patch.EndsOn
	}
	if err := in.validate(); err != nil {
		return err
	}
	in.toSeries(s)
	return nil
}

// toSeries copies a validated input into s.
func (in SeriesInput) toSeries(s *Series) {
	name, desc := in.NameI18n.value(), in.DescriptionI18n.value()
	s.Name, s.Description, s.StartsOn, s.EndsOn = in.Name, in.Description, *in.StartsOn, *in.EndsOn
	s.NameSv, s.NameEn, s.DescriptionSv, s.DescriptionEn = name.Sv, name.En, desc.Sv, desc.En
}

// newActivityStatus refuses a status a new activity cannot start in
// (POST /activities and POST /ideas/{id}/activity alike).
func newActivityStatus(in ActivityInput) error {
	if in.Status == StatusCancelled {
		return apperr.InvalidFieldCode("status", apperr.CodeConflict, "a new activity cannot be cancelled")
	}
	return nil
}

// Validate checks and normalises an activity: trims texts, fills defaults,
// canonicalises the recurrence rule, dedupes lists and stores times in
// UTC. It returns the parsed rule (nil for a single event).
func (in *ActivityInput) Validate(zone *time.Location) (*recurrence.Rule, error) {
	in.Title, in.Recurrence = strings.TrimSpace(in.Title), strings.TrimSpace(in.Recurrence)
	if in.Status == "" {
		in.Status = StatusProposed
	}
	if in.Visibility == "" {
		in.Visibility = "internal"
	}
	var v validate.Errors
	v.Text("title", in.Title, true, 200)
	in.TitleI18n.check(&v, "title_i18n", 200, true)
	v.Text("description", in.Description, false, 5000)
	in.DescriptionI18n.check(&v, "description_i18n", 5000, false)
	in.PlainLanguage.check(&v, "plain_language")
	v.OneOf("category", in.Category, Categories...)
	checkTime(&v, "starts_at", in.StartsAt)
	checkTime(&v, "ends_at", in.EndsAt)
	if in.StartsAt != nil && in.EndsAt != nil && !v.Has("starts_at") && !v.Has("ends_at") {
		switch d := in.EndsAt.Sub(*in.StartsAt); {
		case d <= 0:
			v.AddCode("ends_at", apperr.CodeOutOfRange, "must be after starts_at")
		case d > MaxDuration:
			v.AddCode("ends_at", apperr.CodeOutOfRange, "an activity lasts at most 14 days; use a recurrence rule or a series for longer programmes")
		}
	}
	var rule *recurrence.Rule
	if in.Recurrence != "" {
		r, err := recurrence.Parse(in.Recurrence)
		switch {
		case err != nil:
			v.AddCode("recurrence", apperr.CodeInvalidFormat, "%s", err.Error())
		case in.StartsAt != nil && !v.Has("starts_at"):
			if err := r.CheckStart(*in.StartsAt, zone); err != nil {
				v.AddCode("recurrence", apperr.CodeConflict, "%s", err.Error())
			}
			fallthrough
		default:
			rule, in.Recurrence = r, r.String()
		}
	}
	if len(in.Exdates) > maxExdates {
		v.AddCode("exdates", apperr.CodeTooLong, "at most %d excluded dates", maxExdates)
	} else {
		for _, t := range in.Exdates {
			if t.Before(minTime) || t.After(maxTime) {
				v.AddCode("exdates", apperr.CodeOutOfRange, "every excluded date must be between 1990 and 2199")
				break
			}
		}
		if len(in.Exdates) > 0 && in.Recurrence == "" && !v.Has("recurrence") {
			v.AddCode("exdates", apperr.CodeConflict, "only a recurring activity has excluded dates")
		}
	}
	in.UnitIDs = dedupeIDs(in.UnitIDs)
	in.PartnerIDs = dedupeIDs(in.PartnerIDs)
	switch {
	case len(in.UnitIDs) == 0:
		v.AddCode("unit_ids", apperr.CodeRequired, "name at least one hosting unit")
	case len(in.UnitIDs) > maxLinkedItems:
		v.AddCode("unit_ids", apperr.CodeTooLong, "at most %d units", maxLinkedItems)
	}
	if len(in.PartnerIDs) > maxLinkedItems {
		v.AddCode("partner_ids", apperr.CodeTooLong, "at most %d partners", maxLinkedItems)
	}
	v.OneOf("status", in.Status, Statuses...)
	slices.Sort(in.TargetGroups)
	in.TargetGroups = slices.Compact(in.TargetGroups)
	for _, g := range in.TargetGroups {
		if !slices.Contains(TargetGroups, g) {
			v.AddCode("target_groups", apperr.CodeInvalidChoice, "each must be one of %s", strings.Join(TargetGroups, ", "))
			break
		}
	}
	v.Text("accessibility", in.Accessibility, false, 2000)
	if in.Capacity != nil {
		v.Range("capacity", int64(*in.Capacity), 0, 100000)
	}
	v.OneOf("visibility", in.Visibility, Visibilities...)
	if in.CostEstimateCents != nil {
		v.Range("cost_estimate_cents", *in.CostEstimateCents, 0, 100_000_000_000)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return rule, nil
}

func checkTime(v *validate.Errors, field string, t *time.Time) {
	switch {
	case t == nil:
		v.AddCode(field, apperr.CodeRequired, "is required")
	case t.Before(minTime) || t.After(maxTime):
		v.AddCode(field, apperr.CodeOutOfRange, "must be between 1990 and 2199")
	}
}

func dedupeIDs(ids []uuid.UUID) []uuid.UUID {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(out)
}

// toActivity copies a validated input into a, computing the indexed span.
func (in ActivityInput) toActivity(a *Activity, rule *recurrence.Rule, zone *time.Location) {
	a.Title, a.Description, a.Category = in.Title, in.Description, in.Category
	title, desc := in.TitleI18n.value(), in.DescriptionI18n.value()
	a.TitleSv, a.TitleEn, a.DescriptionSv, a.DescriptionEn = title.Sv, title.En, desc.Sv, desc.En
	plain := in.PlainLanguage.value()
	a.PlainLanguageFi, a.PlainLanguageSv = plain.Fi, plain.Sv
	a.StartsAt, a.EndsAt = in.StartsAt.UTC().Truncate(time.Microsecond), in.EndsAt.UTC().Truncate(time.Microsecond)
	a.Recurrence = in.Recurrence
	a.Exdates = make(Times, len(in.Exdates))
	for i, t := range in.Exdates {
		a.Exdates[i] = t.UTC().Truncate(time.Microsecond)
	}
	a.UntilAt = spanEnd(rule, a.StartsAt, a.EndsAt, zone)
	a.UnitIDs, a.PartnerIDs, a.SeriesID = nonNilIDs(in.UnitIDs), nonNilIDs(in.PartnerIDs), in.SeriesID
	a.Status, a.TargetGroups, a.Accessibility = in.Status, in.TargetGroups, in.Accessibility
	if a.TargetGroups == nil {
		a.TargetGroups = []string{}
	}
	a.Capacity, a.Visibility, a.CostEstimateCents = in.Capacity, in.Visibility, in.CostEstimateCents
}

// spanEnd is the end of the last occurrence, or nil when the rule never ends.
func spanEnd(rule *recurrence.Rule, start, end time.Time, zone *time.Location) *time.Time {
	if rule == nil {
		return &end
	}
	last, ok := recurrence.Until(rule, start, zone)
	if !ok {
		return nil
	}
	u := last.Add(end.Sub(start)).UTC()
	if u.Before(end) {
		u = end
	}
	return &u
}

// toInput is the activity as an input, for patches to merge into.
func (a Activity) toInput() ActivityInput {
	st, en := a.StartsAt, a.EndsAt
	return ActivityInput{Title: a.Title, TitleI18n: Translations{Sv: a.TitleSv, En: a.TitleEn}.input(),
		Description: a.Description, DescriptionI18n: Translations{Sv: a.DescriptionSv, En: a.DescriptionEn}.input(),
		PlainLanguage: PlainLanguage{Fi: a.PlainLanguageFi, Sv: a.PlainLanguageSv}.input(), Category: a.Category, StartsAt: &st, EndsAt: &en,
		Recurrence: a.Recurrence, Exdates: slices.Clone([]time.Time(a.Exdates)), UnitIDs: slices.Clone(a.UnitIDs),
		PartnerIDs: slices.Clone(a.PartnerIDs), SeriesID: a.SeriesID, Status: a.Status,
		TargetGroups: slices.Clone([]string(a.TargetGroups)), Accessibility: a.Accessibility, Capacity: a.Capacity,
		Visibility: a.Visibility, CostEstimateCents: a.CostEstimateCents}
}

// merge applies the patch onto the activity's current values.
func (p ActivityPatch) merge(a Activity) ActivityInput {
	in := a.toInput()
	httpapi.Patch(&in.Title, p.Title)
	patchTranslations(&in.TitleI18n, p.TitleI18n)
	httpapi.Patch(&in.Description, p.Description)
	patchTranslations(&in.DescriptionI18n, p.DescriptionI18n)
	patchTranslations(&in.PlainLanguage, p.PlainLanguage)
	httpapi.Patch(&in.Category, p.Category)
	if p.StartsAt != nil {
		in.StartsAt = p.StartsAt
	}
	if p.EndsAt != nil {
		in.EndsAt = p.EndsAt
	}
	httpapi.Patch(&in.Recurrence, p.Recurrence)
	httpapi.Patch(&in.Exdates, p.Exdates)
	httpapi.Patch(&in.UnitIDs, p.UnitIDs)
	httpapi.Patch(&in.PartnerIDs, p.PartnerIDs)
	httpapi.PatchOptional(&in.SeriesID, p.SeriesID)
	httpapi.Patch(&in.Status, p.Status)
	httpapi.Patch(&in.TargetGroups, p.TargetGroups)
	httpapi.Patch(&in.Accessibility, p.Accessibility)
	httpapi.PatchOptional(&in.Capacity, p.Capacity)
	httpapi.Patch(&in.Visibility, p.Visibility)
	httpapi.PatchOptional(&in.CostEstimateCents, p.CostEstimateCents)
	if p.AllowOverlap != nil {
		in.AllowOverlap = *p.AllowOverlap
	}
	return in
}

// transitions are the allowed status changes (ADR 0023).
var transitions = map[string][]string{
	StatusProposed:  {StatusPlanned, StatusCancelled},
	StatusPlanned:   {StatusConfirmed, StatusCancelled},
	StatusConfirmed: {StatusCompleted, StatusCancelled},
	StatusCompleted: {},
	StatusCancelled: {},
}

// checkTransition refuses a status change outside the life cycle with 422.
func checkTransition(from, to string) error {
	if from == to || slices.Contains(transitions[from], to) {
		return nil
	}
	allowed := transitions[from]
	if len(allowed) == 0 {
		return apperr.InvalidFieldCode("status", apperr.CodeConflict, "a "+from+" activity cannot change status")
	}
	return apperr.InvalidFieldCode("status", apperr.CodeConflict, "a "+from+" activity can only become "+strings.Join(allowed, " or "))
}

// timingChanged reports whether the change moves any occurrence or unit.
func timingChanged(before, after Activity) bool {
	return !before.StartsAt.Equal(after.StartsAt) || !before.EndsAt.Equal(after.EndsAt) ||
		before.Recurrence != after.Recurrence || !slices.EqualFunc(before.Exdates, after.Exdates, time.Time.Equal) ||
		!slices.Equal(before.UnitIDs, after.UnitIDs)
}

// occurrencesChanged reports whether the change can remove an occurrence
// (what attendance and overrides refer to).
func occurrencesChanged(before, after Activity) bool {
	return !before.StartsAt.Equal(after.StartsAt) || !before.EndsAt.Equal(after.EndsAt) ||
		before.Recurrence != after.Recurrence || !slices.EqualFunc(before.Exdates, after.Exdates, time.Time.Equal)
}

// merge is the override with the patch applied, as an input to validate.
func (p OverridePatch) merge(o Override) OverrideInput {
	orig, st, en := o.OriginalStart, o.StartsAt, o.EndsAt
	in := OverrideInput{OriginalStart: &orig, StartsAt: &st, EndsAt: &en, Cancelled: o.Cancelled, Note: o.Note}
	if p.StartsAt != nil {
		in.StartsAt = p.StartsAt
	}
	if p.EndsAt != nil {
		in.EndsAt = p.EndsAt
	}
	httpapi.Patch(&in.Cancelled, p.Cancelled)
	httpapi.Patch(&in.Note, p.Note)
	return in
}

func (in *OverrideInput) validate(dur time.Duration) error {
	var v validate.Errors
	checkTime(&v, "original_start", in.OriginalStart)
	if (in.StartsAt == nil) != (in.EndsAt == nil) {
		v.AddCode("ends_at", apperr.CodeConflict, "give both starts_at and ends_at to move the occurrence, or neither")
	}
	if in.StartsAt != nil && in.EndsAt != nil {
		checkTime(&v, "starts_at", in.StartsAt)
		checkTime(&v, "ends_at", in.EndsAt)
		if !v.Has("starts_at") && !v.Has("ends_at") {
			switch d := in.EndsAt.Sub(*in.StartsAt); {
			case d <= 0:
				v.AddCode("ends_at", apperr.CodeOutOfRange, "must be after starts_at")
			case d > MaxDuration:
				v.AddCode("ends_at", apperr.CodeOutOfRange, "an occurrence lasts at most 14 days")
			}
		}
	}
	if in.StartsAt == nil && in.EndsAt == nil && in.OriginalStart != nil && !v.Has("original_start") {
		st, en := *in.OriginalStart, in.OriginalStart.Add(dur)
		in.StartsAt, in.EndsAt = &st, &en
	}
	v.Text("note", in.Note, false, 2000)
	return v.Err()
}

func (in *AttendanceInput) validate() error {
	var v validate.Errors
	checkTime(&v, "occurrence_start", in.OccurrenceStart)
	checkCounts(&v, in.Residents, in.Staff, in.Volunteers, in.Relatives)
	if in.Feedback != nil {
		v.Range("feedback", int64(*in.Feedback), 1, 5)
	}
	v.Text("notes", in.Notes, false, 5000)
	checkParticipants(&v, in.Participants)
	return v.Err()
}

// checkParticipants checks a participants list (and sets feedback_by's
// default): each resident at most once, known values, feedback 1..5.
// Whether each is a resident of a hosting unit, and the residents count,
// are checked by the store against the database.
func checkParticipants(v *validate.Errors, list []ParticipantInput) {
	seen := make(map[uuid.UUID]bool, len(list))
	v.Range("participants", int64(len(list)), 0, 500)
	for i := range list {
		pi := &list[i]
		f := fmt.Sprintf("participants[%d].", i)
		if pi.ResidentID == uuid.Nil {
			v.Required(false, f+"resident_id")
		} else if seen[pi.ResidentID] {
			v.AddCode(f+"resident_id", apperr.CodeConflict, "lists the resident a second time")
		}
		seen[pi.ResidentID] = true
		v.OneOf(f+"participation", pi.Participation, Participations...)
		if pi.Feedback != nil {
			v.Range(f+"feedback", int64(*pi.Feedback), 1, 5)
		}
		if pi.FeedbackBy == "" {
			pi.FeedbackBy = "self"
		}
		v.OneOf(f+"feedback_by", pi.FeedbackBy, FeedbackBy...)
	}
}

func checkCounts(v *validate.Errors, residents, staff, volunteers, relatives int) {
	v.Range("residents", int64(residents), 0, 100000)
	v.Range("staff", int64(staff), 0, 100000)
	v.Range("volunteers", int64(volunteers), 0, 100000)
	v.Range("relatives", int64(relatives), 0, 100000)
}

func (p AttendancePatch) apply(a *Attendance) error {
	httpapi.Patch(&a.Residents, p.Residents)
	httpapi.Patch(&a.Staff, p.Staff)
	httpapi.Patch(&a.Volunteers, p.Volunteers)
	httpapi.Patch(&a.Relatives, p.Relatives)
	httpapi.PatchOptional(&a.Feedback, p.Feedback)
	httpapi.Patch(&a.Notes, p.Notes)
	var v validate.Errors
	checkCounts(&v, a.Residents, a.Staff, a.Volunteers, a.Relatives)
	if a.Feedback != nil {
		v.Range("feedback", int64(*a.Feedback), 1, 5)
	}
	v.Text("notes", a.Notes, false, 5000)
	if p.Participants != nil {
		checkParticipants(&v, *p.Participants)
	}
	return v.Err()
}
