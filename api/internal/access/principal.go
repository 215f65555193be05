// Package access describes who is calling: a signed-in user with a role, or
// an API token with scopes. Every domain's policy function decides from a
// Principal; nothing else is consulted.
package access

import (
	"context"
	"slices"

	"github.com/google/uuid"
)

// Role is a user's role.
type Role string

// The roles of DESIGN.md.
const (
	RoleAdmin    Role = "admin"
	RoleProducer Role = "producer"
	RoleManager  Role = "manager"
	RoleMentor   Role = "mentor"
	RoleViewer   Role = "viewer"
)

// Roles lists every role, in order of power.
var Roles = []Role{RoleAdmin, RoleProducer, RoleManager, RoleMentor, RoleViewer}

// The API token scopes.
const (
	ScopeCalendarRead  = "calendar:read"
	ScopeCalendarWrite = "calendar:write"
	ScopeOrgRead       = "org:read"
	ScopeOrgWrite      = "org:write"
	ScopeBudgetRead    = "budget:read"
	ScopeBudgetWrite   = "budget:write"
)

// Scopes lists every API token scope.
var Scopes = []string{ScopeCalendarRead, ScopeCalendarWrite, ScopeOrgRead, ScopeOrgWrite, ScopeBudgetRead, ScopeBudgetWrite}

// Principal is the authenticated caller of one request.
type Principal struct {
	// UserID is the signed-in user, or the owner of the API token.
	UserID uuid.UUID
	Role   Role
	// DepartmentID is a manager's department.
	DepartmentID *uuid.UUID
	// UnitIDs are a mentor's units.
	UnitIDs []uuid.UUID
	// TokenID is set when the caller is an API token; Scopes then apply
	// instead of the role.
	TokenID *uuid.UUID
	Scopes  []string
}

// IsToken reports whether the caller is an API token.
func (p *Principal) IsToken() bool { return p.TokenID != nil }

// Is reports whether the caller is a user with one of the roles.
func (p *Principal) Is(roles ...Role) bool {
	return !p.IsToken() && slices.Contains(roles, p.Role)
}

// Allows is the common policy primitive: an API token needs scope, a user
// needs one of the roles.
func (p *Principal) Allows(scope string, roles ...Role) bool {
	if p.IsToken() {
		return slices.Contains(p.Scopes, scope)
	}
	return slices.Contains(roles, p.Role)
}

// HasUnit reports whether a mentor is named to the unit.
func (p *Principal) HasUnit(id uuid.UUID) bool { return slices.Contains(p.UnitIDs, id) }

// ActorKind names the kind of caller for the audit log.
func (p *Principal) ActorKind() string {
	if p.IsToken() {
		return "api_token"
	}
	return "user"
}

type ctxKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the request's principal, or nil when anonymous.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}

type requestIDKey struct{}

// WithRequestID returns a context carrying the request id, so the audit log
// can tie an event to the request's log line.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id in ctx, or "".
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey{}).(string)
	return s
}
