package linkedevents

import (
	"time"
)

// The reasons the push holds an event back. Each names the Linked Events rule it would break
// (docs/integrations.md lists where each rule lives in the Linked Events source).
const (
	reasonCancelledNew = "cancelled before it was published: Linked Events creates every new event as scheduled, " +
		"so a cancelled event that was never published is not sent"
	reasonEndedNew = "has already ended: Linked Events does not create events that have ended"
	reasonEnded    = "has ended: Linked Events does not allow editing an event that has ended, so the published " +
		"version stays as it was"
	reasonEndsInPast = "the changed event ends in the past: Linked Events does not accept a past end time"
	reasonNoName     = "no name: Linked Events requires a name"
	reasonNoDesc     = "no description in Finnish: Linked Events requires a description and a short description " +
		"in every language of a public event's name (add a description to publish it)"
	reasonNoPlace = "no place: none of its units has a TPREK place id (set one with PUT " +
		"/integrations/linked-events/places/{unit_id}) and LINKED_EVENTS_DEFAULT_PLACE is not set"
	reasonNoStart    = "no start time: Linked Events requires one for a public event"
	reasonNoKeywords = "no keywords: Linked Events requires at least one for a public event"
	reasonParentOut  = "its recurring event is not in Linked Events (see that event's outcome), so its occurrences wait for it"
)

// effectiveEnd is the end Linked Events stores for an event: its end time, or without one the start of
// the day after it starts (EventSerializer.validate), in zone.
func effectiveEnd(e *Event, zone *time.Location) *time.Time {
	if e.EndTime != nil {
		return e.EndTime
	}
	if e.StartTime == nil {
		return nil
	}
	s := e.StartTime.In(zone)
	next := time.Date(s.Year(), s.Month(), s.Day()+1, 0, 0, 0, 0, zone)
	return &next
}

// holdBack says why the push must not send e now, or "" when it may. The checks are Linked Events' own
// write rules, so that an event it would refuse is kept back with a reason the producer can act on:
// a new event must not be cancelled (it would be created as scheduled) nor have ended; an event already
// in Linked Events may not be edited once its published version has ended (remoteEnd), nor be given a
// past end; a public event that is not cancelled needs a name, a description in Finnish (languages are
// made complete by the export), a start, a place and keywords.
func holdBack(e *Event, create bool, remoteEnd *time.Time, now time.Time, zone *time.Location) string {
	cancelled := e.EventStatus == StatusCancelled
	end := effectiveEnd(e, zone)
	switch {
	case create && cancelled:
		return reasonCancelledNew
	case create && end != nil && end.Before(now):
		return reasonEndedNew
	case !create && remoteEnd != nil && remoteEnd.Before(now):
		return reasonEnded
	case !create && !cancelled && end != nil && end.Before(now):
		return reasonEndsInPast
	case cancelled:
		return "" // Linked Events checks no further for a cancellation
	case e.Name["fi"] == "":
		return reasonNoName
	case e.Description["fi"] == "" || e.ShortDescription["fi"] == "":
		return reasonNoDesc
	case e.StartTime == nil:
		return reasonNoStart
	case e.Location == nil:
		return reasonNoPlace
	case len(e.Keywords) == 0:
		return reasonNoKeywords
	}
	return ""
}
