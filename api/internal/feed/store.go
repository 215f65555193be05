package feed

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/audit"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
	"kulttuurisilta/api/internal/recurrence"
	"kulttuurisilta/api/internal/versioned"
)

// tokenPrefix marks feed tokens (API tokens use kst_), so a leaked one is recognisable.
const tokenPrefix = "ksf_"

// History is how far back a feed reaches: activities whose last occurrence ended longer ago are left out,
// so a feed stays small as the years pass (ADR 0042).
const History = 365 * 24 * time.Hour

// MaxEvents caps one feed; a region's whole public calendar stays far below it.
const MaxEvents = 20000

// Store reads feeds and manages feed tokens.
type Store struct {
	DB   *gorm.DB
	Zone *time.Location
	Now  func() time.Time
}

func (s Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CreateToken makes a feed token and returns it with its secret (shown once).
func (s Store) CreateToken(ctx context.Context, creator uuid.UUID, in TokenInput) (TokenCreated, error) {
	if err := in.validate(); err != nil {
		return TokenCreated{}, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return TokenCreated{}, fmt.Errorf("feed token: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	t := Token{Name: in.Name, Scope: in.Scope, UnitID: in.UnitID, PartnerID: in.PartnerID, TokenHash: hashSecret(secret),
		Prefix: secret[:len(tokenPrefix)+6], CreatedBy: &creator}
	err := database.Tx(ctx, s.DB, func(tx *gorm.DB) error {
		if err := s.checkTarget(tx, in); err != nil {
			return err
		}
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
		return audit.Record(ctx, tx, "feed_token.create", "feed_token", t.ID, nil, toTokenResponse(t))
	})
	if err != nil {
		return TokenCreated{}, err
	}
	path := "/api/v1/calendar.ics?token=" + secret
	return TokenCreated{TokenResponse: toTokenResponse(t), Token: secret, FeedPath: path}, nil
}

// checkTarget makes sure the token's unit or partner exists (a 422 on the field, not a 500 from the FK).
func (s Store) checkTarget(tx *gorm.DB, in TokenInput) error {
	check := func(table, field string, id *uuid.UUID) error {
		if id == nil {
			return nil
		}
		var n int64
		if err := tx.Table(table).Where("id = ?", *id).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.InvalidFieldCode(field, apperr.CodeNotFound, "does not exist")
		}
		return nil
	}
	if err := check("units", "unit_id", in.UnitID); err != nil {
		return err
	}
	return check("partners", "partner_id", in.PartnerID)
}

// ListTokens returns a page of feed tokens, newest first.
func (s Store) ListTokens(ctx context.Context, page paging.Page) ([]Token, int64, error) {
	q := page.Filter(s.DB.WithContext(ctx).Model(&Token{}), "feed_tokens")
	return paging.Find[Token](q, page, "created_at DESC, id DESC")
}

// GetToken returns one feed token.
func (s Store) GetToken(ctx context.Context, id uuid.UUID) (Token, error) {
	var t Token
	err := s.DB.WithContext(ctx).First(&t, "id = ?", id).Error
	return t, database.NotFound(err, "feed token")
}

// RevokeToken ends a feed token at once; revoking twice is harmless.
func (s Store) RevokeToken(ctx context.Context, id uuid.UUID, ifMatch *int) (Token, error) {
	return versioned.Update(ctx, s.DB, versioned.Write[Token]{ID: id, What: "feed token", IfMatch: ifMatch,
		Apply: func(_ *gorm.DB, t *Token) error {
			if t.RevokedAt != nil {
				return versioned.ErrNoChange
			}
			now := s.now()
			t.RevokedAt = &now
			return nil
		},
		Action: "feed_token.revoke", Entity: "feed_token", View: versioned.View(toTokenResponse)})
}

// Resolve finds the live token with this secret; a wrong, unknown or revoked one is a 401. Use is noted
// at most once an hour (bookkeeping, not a change: no version bump, no audit event).
func (s Store) Resolve(ctx context.Context, secret string) (*Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 100 {
		return nil, apperr.Unauthorized("the feed token is not valid")
	}
	var t Token
	err := s.DB.WithContext(ctx).First(&t, "token_hash = ? AND revoked_at IS NULL", hashSecret(secret)).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, apperr.Unauthorized("the feed token is not valid or was revoked")
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Hour {
		if err := s.DB.WithContext(ctx).Model(&Token{}).Where("id = ?", t.ID).UpdateColumn("last_used_at", now).Error; err != nil {
			return nil, err
		}
	}
	return &t, nil
}

// feedQuery selects one feed.
type feedQuery struct {
	UnitID    *uuid.UUID
	PartnerID *uuid.UUID
	Private   bool
}

// name returns the feed's display name, and a 404 when its unit or partner does not exist.
func (s Store) name(ctx context.Context, q feedQuery) (string, error) {
	base := "Kulttuurisilta"
	lookup := func(table, what string, id *uuid.UUID) (string, error) {
		var names []string
		if err := s.DB.WithContext(ctx).Table(table).Where("id = ?", *id).Pluck("name", &names).Error; err != nil {
			return "", err
		}
		if len(names) == 0 {
			return "", apperr.NotFound(what)
		}
		return base + " – " + names[0], nil
	}
	switch {
	case q.UnitID != nil:
		return lookup("units", "unit", q.UnitID)
	case q.PartnerID != nil:
		return lookup("partners", "partner", q.PartnerID)
	}
	return base, nil
}

type eventRow struct {
	ID          uuid.UUID
	Title       string
	Description string
	Category    string
	Status      string
	Visibility  string
	StartsAt    time.Time
	EndsAt      time.Time
	Recurrence  string
	Exdates     database.Array[time.Time] `gorm:"type:timestamptz[]"`
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Location    string
}

type overrideRow struct {
	ActivityID    uuid.UUID
	OriginalStart time.Time
	StartsAt      time.Time
	EndsAt        time.Time
	Cancelled     bool
	Note          string
	Version       int
	UpdatedAt     time.Time
}

// Calendar loads one feed: the activities in scope whose last occurrence ends after now − History, with
// their overrides. The public feed holds only public activities that are no longer mere proposals.
func (s Store) Calendar(ctx context.Context, q feedQuery) (Calendar, error) {
	name, err := s.name(ctx, q)
	if err != nil {
		return Calendar{}, err
	}
	args := map[string]any{"since": s.now().Add(-History), "max": MaxEvents}
	var where []string
	if !q.Private {
		where = append(where, `a.visibility = 'public' AND a.status <> 'proposed'`)
	}
	if q.UnitID != nil {
		args["unit"] = *q.UnitID
		where = append(where, `a.id IN (SELECT au.activity_id FROM activity_units au WHERE au.unit_id = @unit)`)
	}
	if q.PartnerID != nil {
		args["partner"] = *q.PartnerID
		where = append(where, `a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id = @partner)`)
	}
	sql := `SELECT a.id, a.title, a.description, a.category, a.status, a.visibility, a.starts_at, a.ends_at,
			a.recurrence, a.exdates, a.version, a.created_at, a.updated_at,
			coalesce((SELECT string_agg(u.name || CASE WHEN u.address <> '' THEN ', ' || u.address ELSE '' END, '; '
				ORDER BY u.name) FROM activity_units au JOIN units u ON u.id = au.unit_id WHERE au.activity_id = a.id), '') AS location
		FROM activities a
		WHERE (a.until_at IS NULL OR a.until_at >= @since)`
	for _, w := range where {
		sql += " AND " + w
	}
	sql += ` ORDER BY a.starts_at, a.id LIMIT @max`
	var rows []eventRow
	if err := s.DB.WithContext(ctx).Raw(sql, args).Scan(&rows).Error; err != nil {
		return Calendar{}, fmt.Errorf("feed: %w", err)
	}
	cal := Calendar{Name: name, Zone: s.Zone, Events: make([]Event, 0, len(rows))}
	if len(rows) == 0 {
		return cal, nil
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var ovs []overrideRow
	if err := s.DB.WithContext(ctx).Raw(`SELECT activity_id, original_start, starts_at, ends_at, cancelled, note, version, updated_at
		FROM occurrence_overrides WHERE activity_id IN ? ORDER BY activity_id, original_start`, ids).Scan(&ovs).Error; err != nil {
		return Calendar{}, fmt.Errorf("feed overrides: %w", err)
	}
	byActivity := map[uuid.UUID][]overrideRow{}
	for _, o := range ovs {
		byActivity[o.ActivityID] = append(byActivity[o.ActivityID], o)
	}
	rules := map[string]*recurrence.Rule{}
	for _, r := range rows {
		e, err := s.toEvent(r, byActivity[r.ID], rules)
		if err != nil {
			return Calendar{}, err
		}
		cal.Events = append(cal.Events, e)
	}
	return cal, nil
}

func (s Store) toEvent(r eventRow, ovs []overrideRow, rules map[string]*recurrence.Rule) (Event, error) {
	e := Event{ID: r.ID, Title: r.Title, Description: r.Description, Category: r.Category, Status: r.Status,
		Visibility: r.Visibility, Location: r.Location, Start: r.StartsAt, End: r.EndsAt, Version: r.Version,
		Created: r.CreatedAt, Updated: r.UpdatedAt, Exdates: r.Exdates}
	if r.Recurrence != "" {
		rule, ok := rules[r.Recurrence]
		if !ok {
			var err error
			if rule, err = recurrence.Parse(r.Recurrence); err != nil {
				return Event{}, fmt.Errorf("feed: activity %s: %w", r.ID, err)
			}
			rules[r.Recurrence] = rule
		}
		e.Rule = rule
	}
	dur := r.EndsAt.Sub(r.StartsAt)
	for _, o := range ovs {
		ov := Override{Original: o.OriginalStart, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled, Note: o.Note,
			Version: o.Version, Updated: o.UpdatedAt}
		if e.Rule == nil {
			// A single event's override is the event itself, moved or cancelled.
			if o.OriginalStart.Equal(r.StartsAt) {
				e.Start, e.End = o.StartsAt, o.EndsAt
				if o.Cancelled {
					e.Status = "cancelled"
				}
				if o.UpdatedAt.After(e.Updated) {
					e.Updated = o.UpdatedAt
				}
			}
			continue
		}
		// Keep only overrides of occurrences the rule still has (the rule may have changed since).
		occ := recurrence.Expand(e.Rule, r.StartsAt, dur, s.Zone, r.Exdates, o.OriginalStart, o.OriginalStart.Add(time.Nanosecond))
		for _, x := range occ {
			if x.Start.Equal(o.OriginalStart) {
				e.Overrides = append(e.Overrides, ov)
				break
			}
		}
	}
	return e, nil
}

// LastModified is the time of the latest change anywhere in the calendar (every change writes an audit
// event in its transaction; bulk-loaded activities have only their updated_at). It is a conservative
// validator: a change elsewhere also counts.
func (s Store) LastModified(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := s.DB.WithContext(ctx).Raw(`SELECT greatest((SELECT max(created_at) FROM audit_events),
		(SELECT max(updated_at) FROM activities), 'epoch'::timestamptz)`).Row().Scan(&t)
	if err != nil {
		return time.Time{}, fmt.Errorf("feed last modified: %w", err)
	}
	return t.UTC(), nil
}
