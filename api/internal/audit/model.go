// Package audit is the append-only log of every change: who, when, what,
// before and after. Record is called inside the transaction that makes the
// change, so a change and its audit event commit or fail together.
package audit

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Event is one row of the audit log.
type Event struct {
	ID         uuid.UUID `gorm:"type:uuid;primaryKey"`
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int
	ActorID    *uuid.UUID `gorm:"type:uuid"`
	ActorKind  string
	Action     string
	EntityType string
	EntityID   *uuid.UUID      `gorm:"type:uuid"`
	Before     json.RawMessage `gorm:"type:jsonb"`
	After      json.RawMessage `gorm:"type:jsonb"`
	RequestID  string
}

// TableName is the audit table.
func (Event) TableName() string { return "audit_events" }

// EventResponse is an audit event in the API.
type EventResponse struct {
	ID         uuid.UUID       `json:"id"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	Version    int             `json:"version"`
	ActorID    *uuid.UUID      `json:"actor_id" extensions:"x-nullable"`
	ActorKind  string          `json:"actor_kind" enums:"user,api_token,system"`
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   *uuid.UUID      `json:"entity_id" extensions:"x-nullable"`
	Before     json.RawMessage `json:"before" swaggertype:"object" extensions:"x-nullable"`
	After      json.RawMessage `json:"after" swaggertype:"object" extensions:"x-nullable"`
	RequestID  string          `json:"request_id"`
}

func toResponse(e Event) EventResponse {
	return EventResponse{ID: e.ID, CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC(), Version: e.Version,
		ActorID: e.ActorID, ActorKind: e.ActorKind, Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID,
		Before: nullable(e.Before), After: nullable(e.After), RequestID: e.RequestID}
}

func nullable(m json.RawMessage) json.RawMessage {
	if len(m) == 0 {
		return json.RawMessage("null")
	}
	return m
}
