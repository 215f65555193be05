package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/paging"
)

// Record writes one audit event in tx. before and after are the resource's
// API representations (or nil); they must not carry secrets.
func Record(ctx context.Context, tx *gorm.DB, action, entityType string, entityID uuid.UUID, before, after any) error {
	ev := Event{ID: database.NewID(), Version: 1, ActorKind: "system", Action: action, EntityType: entityType,
		RequestID: access.RequestID(ctx)}
	if entityID != uuid.Nil {
		ev.EntityID = &entityID
	}
	if p := access.FromContext(ctx); p != nil {
		id := p.UserID
		ev.ActorID = &id
		ev.ActorKind = p.ActorKind()
	}
	var err error
	if ev.Before, err = marshal(before); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	if ev.After, err = marshal(after); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	if err := tx.WithContext(ctx).Create(&ev).Error; err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// Store reads the audit log.
type Store struct {
	DB *gorm.DB
}

// List returns a page of the events matching f, newest first.
func (s Store) List(ctx context.Context, f Filter, page paging.Page) ([]Event, paging.Found, error) {
	q := page.Filter(f.apply(s.DB.WithContext(ctx).Model(&Event{})), "audit_events")
	return paging.Find[Event](q, page, "created_at DESC, id DESC")
}

// Filter narrows the audit log listing.
type Filter struct {
	EntityType string
	EntityID   *uuid.UUID
	ActorID    *uuid.UUID
	Action     string
	From, To   *time.Time
}

func (f Filter) apply(db *gorm.DB) *gorm.DB {
	db = database.WhereText(db, "entity_type = ?", f.EntityType)
	db = database.WhereSet(db, "entity_id = ?", f.EntityID)
	db = database.WhereSet(db, "actor_id = ?", f.ActorID)
	db = database.WhereText(db, "action = ?", f.Action)
	if f.From != nil {
		db = db.Where("created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		db = db.Where("created_at < ?", f.To.UTC())
	}
	return db
}

// Scrub removes the before/after content of every event about an entity,
// keeping only that the events happened. Used when personal data is erased
// on request: the audit log must not keep a copy of what was erased.
func Scrub(ctx context.Context, tx *gorm.DB, entityType string, entityID uuid.UUID) error {
	err := tx.WithContext(ctx).Model(&Event{}).Where("entity_type = ? AND entity_id = ?", entityType, entityID).
		Updates(map[string]any{"before": nil, "after": nil}).Error
	if err != nil {
		return fmt.Errorf("audit scrub: %w", err)
	}
	return nil
}
