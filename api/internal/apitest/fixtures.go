package apitest

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/auth"
	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/org"
)

// User is a test user and its access token.
type User struct {
	auth.User
	Token string
}

// UserOpt configures a test user.
type UserOpt func(*auth.User)

// WithDepartment makes the user a member of a department (managers).
func WithDepartment(id uuid.UUID) UserOpt { return func(u *auth.User) { u.DepartmentID = &id } }

// WithUnits names the user to units (mentors).
func WithUnits(ids ...uuid.UUID) UserOpt { return func(u *auth.User) { u.UnitIDs = ids } }

// WithLocale gives the user a language (fi, sv or en; fi when not given).
func WithLocale(l string) UserOpt { return func(u *auth.User) { u.Locale = l } }

// UserWith creates a user with the role directly in the database (no
// password hashing, for speed) and signs an access token for it.
func (e *Env) UserWith(role access.Role, opts ...UserOpt) User {
	e.T.Helper()
	u := auth.User{Email: fmt.Sprintf("%s-%s@test.fi", role, database.NewID().String()[24:]), Name: string(role),
		Role: string(role), PasswordHash: "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", Active: true}
	for _, o := range opts {
		o(&u)
	}
	if role == access.RoleManager && u.DepartmentID == nil {
		d := e.Department()
		u.DepartmentID = &d
	}
	if err := e.DB.Create(&u).Error; err != nil {
		e.T.Fatalf("create user: %v", err)
	}
	for _, unit := range u.UnitIDs {
		if err := e.DB.Create(&auth.UserUnit{UserID: u.ID, UnitID: unit}).Error; err != nil {
			e.T.Fatalf("name user to unit: %v", err)
		}
	}
	tok, err := e.Auth.AccessToken(u, time.Now())
	if err != nil {
		e.T.Fatal(err)
	}
	return User{User: u, Token: tok}
}

// Token is UserWith(role).Token.
func (e *Env) Token(role access.Role, opts ...UserOpt) string {
	e.T.Helper()
	return e.UserWith(role, opts...).Token
}

// APIToken creates an API token with the scopes and returns its secret.
func (e *Env) APIToken(scopes ...string) string {
	e.T.Helper()
	owner := e.UserWith(access.RoleAdmin)
	out, err := auth.APITokens{DB: e.DB}.Create(context.Background(), owner.ID, auth.APITokenInput{Name: "test", Scopes: scopes})
	if err != nil {
		e.T.Fatalf("create API token: %v", err)
	}
	return out.Token
}

// Department creates a department and returns its id.
func (e *Env) Department() uuid.UUID {
	e.T.Helper()
	suffix := database.NewID().String()[24:]
	d, err := org.Store{DB: e.DB}.CreateDepartment(context.Background(), org.DepartmentInput{
		Name: "Dept " + suffix, Code: "D-" + suffix, Kind: "social_care", Organisation: "Test organisation"})
	if err != nil {
		e.T.Fatalf("create department: %v", err)
	}
	return d.ID
}

// Unit creates a unit and returns its id.
func (e *Env) Unit() uuid.UUID {
	e.T.Helper()
	return e.UnitNamed("Unit " + Suffix())
}

// Units creates n units, named by format with each one's index ("Koti %d"),
// and returns their ids.
func (e *Env) Units(n int, format string) []uuid.UUID {
	e.T.Helper()
	ids := make([]uuid.UUID, n)
	for i := range ids {
		ids[i] = e.UnitNamed(fmt.Sprintf(format, i))
	}
	return ids
}

// UnitNamed creates a unit (a public care home) called name and returns its
// id.
func (e *Env) UnitNamed(name string) uuid.UUID {
	e.T.Helper()
	u, err := org.Store{DB: e.DB}.CreateUnit(context.Background(), org.UnitInput{
		Name: name, Kind: "care_home", Organisation: "Test organisation", Sector: "public"})
	if err != nil {
		e.T.Fatalf("create unit: %v", err)
	}
	return u.ID
}

// AuditCount counts the audit events that match the condition (a GORM Where:
// "action = ? AND entity_id = ?", args...).
func (e *Env) AuditCount(query string, args ...any) int64 {
	e.T.Helper()
	var n int64
	if err := e.DB.Table("audit_events").Where(query, args...).Count(&n).Error; err != nil {
		e.T.Fatalf("count audit events: %v", err)
	}
	return n
}

// Suffix is a short random string for unique names.
func Suffix() string { return database.NewID().String()[24:] }
