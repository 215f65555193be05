// Package notify tells people what concerns them: an in-app inbox and email
// over SMTP, sent by River jobs in PostgreSQL inside `serve`.
//
// Domain packages (budget, calendar, committee) describe what happened as an
// Event and hand it to Service.Notify inside the transaction of the change;
// notify resolves the recipients, writes one inbox row per recipient and
// enqueues the email jobs in that same transaction. The time-based reminders
// read what they need through the Sources interfaces, which the domain
// packages implement. notify imports none of them. See docs/notifications.md
// and docs/adr/0090-notifications-river.md.
package notify

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/database"
)

// Kind is what a notification is about.
type Kind string

// The kinds of notification (docs/notifications.md lists trigger and
// recipients of each).
const (
	KindMonthReady        Kind = "month_ready"
	KindApprovalWithdrawn Kind = "approval_withdrawn"
	KindMonthApproved     Kind = "month_approved"
	KindMonthLocked       Kind = "month_locked"
	KindMonthUnlocked     Kind = "month_unlocked"
	KindAttendanceMissing Kind = "attendance_missing"
	KindActivityChanged   Kind = "activity_changed"
	KindWeeklyProgramme   Kind = "weekly_programme"
	KindIdeaStatus        Kind = "idea_status_changed"
)

// Kinds lists every kind in the order the settings show them.
var Kinds = []Kind{KindMonthReady, KindApprovalWithdrawn, KindMonthApproved, KindMonthLocked, KindMonthUnlocked,
	KindAttendanceMissing, KindActivityChanged, KindWeeklyProgramme, KindIdeaStatus}

// KindNames are Kinds as strings (for enums and validation).
func KindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// EmailDefault is a kind's email setting before the user changes it: on,
// except the weekly programme, which mentors opt in to.
func (k Kind) EmailDefault() bool { return k != KindWeeklyProgramme }

// Audience says who receives an event: the union of the listed users, the
// managers of the listed departments, the mentors of the listed units and
// the users of the listed roles; only active users, never Except.
type Audience struct {
	Users              []uuid.UUID
	DepartmentManagers []uuid.UUID
	UnitMentors        []uuid.UUID
	Roles              []access.Role
	// Except is left out (typically the person who made the change).
	Except *uuid.UUID
	// OptIn limits the audience to users whose email setting for the kind
	// is on (the weekly programme reaches only those who asked for it).
	OptIn bool
}

// Event is one thing that happened, described without personal data: the
// texts are built from Params in each recipient's language.
type Event struct {
	Kind Kind
	// Key names the event; with the recipient it is the idempotency key
	// (the same key never reaches the same user twice).
	Key    string
	To     Audience
	Params Params
	// Link is the SPA path of the screen the notification is about.
	Link string
}

// Params are the facts a notification's texts are made of: titles, unit
// and department names, months, counts, statuses. Never a resident's name
// or anything from a culture profile.
type Params struct {
	Agreement  string `json:"agreement,omitempty"`
	Month      string `json:"month,omitempty"` // YYYY-MM
	Department string `json:"department,omitempty"`
	// Reason is the reason an admin gave for unlocking a month.
	Reason string `json:"reason,omitempty"`
	// Change is the cost or share change that withdrew approvals.
	Change *Change `json:"change,omitempty"`
	// Title is the activity's or idea's title.
	Title     string `json:"title,omitempty"`
	Committee string `json:"committee,omitempty"`
	Unit      string `json:"unit,omitempty"`
	// Status and PrevStatus are an idea's or activity's status after and
	// before the change.
	Status     string `json:"status,omitempty"`
	PrevStatus string `json:"prev_status,omitempty"`
	// Fields name what changed in an activity (starts_at, status, ...).
	Fields []string `json:"fields,omitempty"`
	// When is the first affected occurrence (an activity change).
	When *time.Time `json:"when,omitempty"`
	// From and To bound a period (the weekly programme's week).
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Items are a digest's lines (occurrences without attendance, the
	// week's programme).
	Items []Item `json:"items,omitempty"`
}

// Change describes a cost or share change.
type Change struct {
	// What is cost_created, cost_updated, cost_deleted, costs_imported or
	// shares_changed.
	What        string `json:"what"`
	Description string `json:"description,omitempty"`
	AmountCents *int64 `json:"amount_cents,omitempty"`
	IncurredOn  string `json:"incurred_on,omitempty"`
	Count       int    `json:"count,omitempty"`
}

// Item is one line of a digest.
type Item struct {
	Title    string    `json:"title"`
	StartsAt time.Time `json:"starts_at"`
	Link     string    `json:"link"`
}

// Email states of a notification.
const (
	EmailNone    = "none"    // no SMTP configured when it was made
	EmailOff     = "off"     // the user's setting was off
	EmailPending = "pending" // a job will send it
	EmailSent    = "sent"
	EmailSkipped = "skipped" // turned off or deactivated before it went out
)

// Notification is one inbox row: one event for one user.
type Notification struct {
	database.Model
	UserID    uuid.UUID `gorm:"type:uuid"`
	Kind      Kind
	DedupeKey string
	Params    json.RawMessage `gorm:"type:jsonb"`
	Link      string
	ReadAt    *time.Time
	Email     string
	EmailedAt *time.Time
}

// TableName is the table.
func (Notification) TableName() string { return "notifications" }

// NotificationResponse is an inbox item: its texts in the reader's language.
type NotificationResponse struct {
	database.Head
	Kind string `json:"kind" enums:"month_ready,approval_withdrawn,month_approved,month_locked,month_unlocked,attendance_missing,activity_changed,weekly_programme,idea_status_changed"`
	// Title is one line; Body the rest, as plain text (a digest's lines
	// included, each starting "- ").
	Title string `json:"title"`
	Body  string `json:"body"`
	// Items are a digest's lines (occurrences without attendance, the
	// week's programme), each with the SPA path of its own screen; empty
	// for other kinds.
	Items []ItemResponse `json:"items"`
	// Link is the SPA path of the screen it is about.
	Link   string     `json:"link" example:"/month-close?agreement=0190...&month=2026-11"`
	ReadAt *time.Time `json:"read_at" extensions:"x-nullable"`
	// Email is what became of the email copy: none (email is not
	// configured), off (your setting), pending, sent, skipped.
	Email          string   `json:"email" enums:"none,off,pending,sent,skipped"`
	AllowedActions []string `json:"allowed_actions"`
}

// ItemResponse is one line of a digest: its text (day, time and title)
// and the SPA path of its screen.
type ItemResponse struct {
	Text string `json:"text" example:"sunnuntai 6.4.2025 klo 14.00 Sunnuntaikonsertti"`
	Link string `json:"link" example:"/activities/0190.../attendance?occurrence=2025-04-06T11%3A00%3A00Z"`
}

// InboxResponse is a page of the inbox with the count of unread ones.
type InboxResponse struct {
	Items []NotificationResponse `json:"items"`
	// As paging.ListDoc: on the first page unless ?total=false.
	Total *int64 `json:"total,omitempty" validate:"optional"`
	// As paging.ListDoc: true when total is the database's estimate.
	TotalIsEstimate *bool `json:"total_is_estimate,omitempty" validate:"optional"`
	// As paging.ListDoc: the next page's ?cursor=, null on the last.
	NextCursor *string `json:"next_cursor" extensions:"x-nullable"`
	Unread     int64   `json:"unread"`
}

// ReadAllResponse tells how many notifications were marked read.
type ReadAllResponse struct {
	Marked int64 `json:"marked"`
	Unread int64 `json:"unread"`
}

// Settings are a user's email settings.
type Settings struct {
	database.Model
	UserID uuid.UUID       `gorm:"type:uuid"`
	Email  json.RawMessage `gorm:"type:jsonb"`
}

// TableName is the table.
func (Settings) TableName() string { return "notification_settings" }

// SettingsResponse is every kind's email setting (true = email on).
type SettingsResponse struct {
	Version int `json:"version"`
	// Email maps each kind to whether it is emailed.
	Email map[string]bool `json:"email" swaggertype:"object,boolean" example:"month_ready:true,weekly_programme:false"`
	// EmailConfigured is false when the server sends no email at all
	// (SMTP_URL unset): notifications then reach only the inbox.
	EmailConfigured bool `json:"email_configured"`
	// Address is where the emails go (your account's email).
	Address string `json:"address"`
}

// SettingsInput changes email settings: the kinds given are set, the
// others keep their value.
type SettingsInput struct {
	Email map[string]bool `json:"email" swaggertype:"object,boolean" example:"weekly_programme:true"`
}

// UnsubscribeResponse describes what an unsubscribe link turns off.
type UnsubscribeResponse struct {
	Kind string `json:"kind" enums:"month_ready,approval_withdrawn,month_approved,month_locked,month_unlocked,attendance_missing,activity_changed,weekly_programme,idea_status_changed"`
	// Email is true while the kind is still emailed.
	Email bool `json:"email"`
	// Address is the account's email, partly hidden.
	Address string `json:"address" example:"m***@demo.fi"`
}
