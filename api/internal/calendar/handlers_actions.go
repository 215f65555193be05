package calendar

import (
	"context"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/httpapi"
)

// activitiesOut are activities as the caller sees them: each with its
// allowed_actions (activityActions).
func (m Module) activitiesOut(ctx context.Context, p *access.Principal, rows []Activity) ([]ActivityResponse, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, a := range rows {
		ids[i] = a.ID
	}
	with, err := m.Store.WithAttendance(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := m.Now()
	out := make([]ActivityResponse, len(rows))
	for i, a := range rows {
		out[i] = toActivityResponse(a, m.Zone)
		out[i].AllowedActions = activityActions(p, a, activityFacts{hasAttendance: with[a.ID], now: now})
	}
	return out, nil
}

// activityOut is one activity as the caller sees it.
func (m Module) activityOut(ctx context.Context, p *access.Principal, a Activity) (ActivityResponse, error) {
	out, err := m.activitiesOut(ctx, p, []Activity{a})
	if err != nil {
		return ActivityResponse{}, err
	}
	return out[0], nil
}

// occurrencesOut are calendar occurrences as the caller sees them: each with
// its attendance record, if any, and its allowed_actions.
func (m Module) occurrencesOut(ctx context.Context, p *access.Principal, occ []Occurrence) ([]CalendarItem, error) {
	att, err := m.Store.AttendanceOf(ctx, occ)
	if err != nil {
		return nil, err
	}
	now := m.Now()
	items := make([]CalendarItem, 0, len(occ))
	for _, o := range occ {
		it := toCalendarItem(o, m.Zone)
		if id, ok := att[keyOf(o.ActivityID, o.OriginalStart)]; ok {
			it.AttendanceID = &id
		}
		it.AllowedActions = occurrenceActions(p, o, it.AttendanceID, now)
		items = append(items, it)
	}
	return items, nil
}

// partnersOut gives partners as the caller sees them: one that activities
// refer to offers no delete (it would be refused: deactivate it instead).
func (m Module) partnersOut(ctx context.Context, p *access.Principal, rows ...Partner) (func(Partner) PartnerResponse, error) {
	return httpapi.InUse(canWriteCatalogue, m.Store.partnersInUse, toPartnerResponse, catalogueActions,
		func(r *PartnerResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}

// seriesOut gives series as the caller sees them: one that still has
// activities offers no delete (it would be refused).
func (m Module) seriesOut(ctx context.Context, p *access.Principal, rows ...Series) (func(Series) SeriesResponse, error) {
	return httpapi.InUse(canWriteCatalogue, m.Store.seriesInUse, toSeriesResponse, catalogueActions,
		func(r *SeriesResponse) *[]string { return &r.AllowedActions })(ctx, p, rows...)
}

func (m Module) overrideOut(p *access.Principal) func(Override) OverrideResponse {
	return func(x Override) OverrideResponse {
		r := toOverrideResponse(x, m.Zone)
		r.AllowedActions = overrideActions(p)
		return r
	}
}

func (m Module) attendanceOut(p *access.Principal, a Activity) func(Attendance) AttendanceResponse {
	return func(x Attendance) AttendanceResponse {
		r := toAttendanceResponse(x, m.Zone)
		r.AllowedActions = attendanceActions(p, a)
		return r
	}
}
