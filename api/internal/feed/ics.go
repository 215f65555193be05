// Package feed serves the calendar as RFC 5545 iCalendar feeds (GET /calendar.ics): a public feed of
// public activities, and private feeds opened by revocable read-only feed tokens. A recurring activity is
// one VEVENT with RRULE and EXDATE, and each moved or cancelled occurrence a VEVENT with RECURRENCE-ID, so
// calendar clients show exactly the occurrences of GET /calendar. See docs/feeds.md and ADR 0042.
package feed

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/recurrence"
)

// Event is one activity as the feed writes it.
type Event struct {
	ID          uuid.UUID
	Title       string
	Description string
	Category    string
	Status      string // the activity's status
	Visibility  string
	Location    string
	Start, End  time.Time
	Rule        *recurrence.Rule // nil for a single event
	Exdates     []time.Time
	Version     int
	Created     time.Time
	Updated     time.Time
	Overrides   []Override
}

// Override is one moved or cancelled occurrence of a recurring activity.
type Override struct {
	Original   time.Time // the occurrence's RECURRENCE-ID
	Start, End time.Time
	Cancelled  bool
	Note       string
	Version    int
	Updated    time.Time
}

// Calendar is a whole feed.
type Calendar struct {
	Name   string
	Zone   *time.Location
	Events []Event
}

// UIDDomain makes activity ids globally unique UIDs (RFC 5545 3.8.4.7).
const UIDDomain = "kulttuurisilta"

// UID is the stable iCalendar UID of an activity.
func UID(id uuid.UUID) string { return id.String() + "@" + UIDDomain }

// icsStatus maps an activity status to the iCalendar STATUS.
func icsStatus(status string) string {
	switch status {
	case "cancelled":
		return "CANCELLED"
	case "confirmed", "completed":
		return "CONFIRMED"
	default:
		return "TENTATIVE"
	}
}

// Write renders the calendar. The output depends only on its input (DTSTAMP is the activity's last
// change), so equal data gives equal bytes and a stable ETag.
func Write(cal Calendar) []byte {
	zone := cal.Zone
	if zone == nil {
		zone = time.UTC
	}
	var w icsWriter
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//Kulttuurisilta//Culture calendar//FI")
	w.line("CALSCALE:GREGORIAN")
	w.prop("X-WR-CALNAME", escapeText(cal.Name))
	w.prop("X-WR-TIMEZONE", zone.String())
	if zone != time.UTC && len(cal.Events) > 0 {
		first, last := cal.Events[0].Start, cal.Events[0].Start
		for _, e := range cal.Events {
			first = minTime(first, e.Start)
			last = maxTime(last, e.End)
			for _, o := range e.Overrides {
				first, last = minTime(first, o.Start), maxTime(last, o.End)
			}
		}
		writeTimezone(&w, zone, first.Year()-1, max(last.Year(), time.Now().Year())+1)
	}
	for i := range cal.Events {
		writeEvent(&w, zone, &cal.Events[i])
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

func writeEvent(w *icsWriter, zone *time.Location, e *Event) {
	seq := max(e.Version-1, 0)
	w.line("BEGIN:VEVENT")
	w.prop("UID", UID(e.ID))
	w.prop("DTSTAMP", utcStamp(e.Updated))
	w.prop("CREATED", utcStamp(e.Created))
	w.prop("LAST-MODIFIED", utcStamp(e.Updated))
	w.prop("SEQUENCE", strconv.Itoa(seq))
	w.localTime(zone, "DTSTART", e.Start)
	w.localTime(zone, "DTEND", e.End)
	if e.Rule != nil {
		w.prop("RRULE", e.Rule.ICalString(zone))
		// One EXDATE per date: RFC 5545 allows a list, but several clients read only its first value.
		for _, x := range e.Exdates {
			w.localTime(zone, "EXDATE", x)
		}
	}
	writeDetails(w, e, e.Status)
	w.line("END:VEVENT")
	for _, o := range e.Overrides {
		status := e.Status
		if o.Cancelled {
			status = "cancelled"
		}
		updated := maxTime(e.Updated, o.Updated)
		w.line("BEGIN:VEVENT")
		w.prop("UID", UID(e.ID))
		w.prop("DTSTAMP", utcStamp(updated))
		w.prop("LAST-MODIFIED", utcStamp(updated))
		w.prop("SEQUENCE", strconv.Itoa(seq+max(o.Version-1, 0)))
		w.localTime(zone, "RECURRENCE-ID", o.Original)
		w.localTime(zone, "DTSTART", o.Start)
		w.localTime(zone, "DTEND", o.End)
		if o.Note != "" && e.Description != "" {
			writeDetails(w, &Event{Title: e.Title, Description: o.Note + "\n\n" + e.Description, Category: e.Category,
				Visibility: e.Visibility, Location: e.Location}, status)
		} else {
			d := *e
			if o.Note != "" {
				d.Description = o.Note
			}
			writeDetails(w, &d, status)
		}
		w.line("END:VEVENT")
	}
}

func writeDetails(w *icsWriter, e *Event, status string) {
	w.prop("SUMMARY", escapeText(e.Title))
	if e.Description != "" {
		w.prop("DESCRIPTION", escapeText(e.Description))
	}
	if e.Location != "" {
		w.prop("LOCATION", escapeText(e.Location))
	}
	if e.Category != "" {
		w.prop("CATEGORIES", escapeText(strings.ToUpper(e.Category)))
	}
	w.prop("STATUS", icsStatus(status))
	if e.Visibility == "public" {
		w.prop("CLASS", "PUBLIC")
	} else {
		w.prop("CLASS", "PRIVATE")
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icsWriter writes content lines with CRLF endings, folded at 75 octets without splitting a UTF-8
// sequence (RFC 5545 3.1).
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) prop(name, value string) { w.line(name + ":" + value) }

func (w *icsWriter) localTime(zone *time.Location, name string, t time.Time) {
	if zone == time.UTC {
		w.prop(name, utcStamp(t))
		return
	}
	w.prop(name+";TZID="+zone.String(), t.In(zone).Format("20060102T150405"))
}

func (w *icsWriter) line(s string) {
	const limit = 75
	first := true
	for len(s) > 0 {
		n := limit
		if !first {
			n = limit - 1 // the leading space counts
			w.buf.WriteByte(' ')
		}
		if len(s) <= n {
			w.buf.WriteString(s)
			break
		}
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n")
		s = s[cut:]
		first = false
	}
	w.buf.WriteString("\r\n")
}

// escapeText escapes a TEXT value (RFC 5545 3.3.11) and drops control characters other than newline.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// control characters are not allowed in TEXT
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
