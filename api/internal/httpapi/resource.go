package httpapi

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
)

// The steps every handler of a single resource takes, each written once:
// a handler reads its request with Target or Nested (TargetVersion or
// NestedVersion for a write with no body, Change for one with a body),
// calls its store, and answers with Row, Created or Deleted.

// Target reads a request on the one resource its path names: the caller,
// authorised first by the route's policy (Authorize), and the resource's id
// from the path parameter "id" (404 when malformed).
func Target(c echo.Context, policy func(*access.Principal) error) (*access.Principal, uuid.UUID, error) {
	p, err := Authorize(c, policy)
	if err != nil {
		return nil, uuid.Nil, err
	}
	id, err := PathUUID(c, "id")
	if err != nil {
		return nil, uuid.Nil, err
	}
	return p, id, nil
}

// Nested reads a request on a resource nested under the one the path's
// "id" names (a committee's member: /committees/{id}/members/{member_id}):
// the caller, authorised by policy, the parent's id and the nested
// resource's id from the path parameter sub (404 when malformed).
func Nested(c echo.Context, policy func(*access.Principal) error, sub string) (*access.Principal, uuid.UUID, uuid.UUID, error) {
	p, id, err := Target(c, policy)
	if err != nil {
		return nil, id, uuid.Nil, err
	}
	subID, err := PathUUID(c, sub)
	if err != nil {
		return nil, id, uuid.Nil, err
	}
	return p, id, subID, nil
}

// TargetVersion is Target for a write with no body (a delete, a step such
// as a revocation): also the version the client's If-Match names (nil:
// none; 412 when it is no version).
func TargetVersion(c echo.Context, policy func(*access.Principal) error) (*access.Principal, uuid.UUID, *int, error) {
	p, id, err := Target(c, policy)
	if err != nil {
		return nil, id, nil, err
	}
	ifMatch, err := IfMatch(c)
	return p, id, ifMatch, err
}

// NestedVersion is Nested for a write with no body: also the version the
// client's If-Match names.
func NestedVersion(c echo.Context, policy func(*access.Principal) error, sub string) (*access.Principal, uuid.UUID, uuid.UUID, *int, error) {
	p, id, subID, err := Nested(c, policy, sub)
	if err != nil {
		return nil, id, subID, nil, err
	}
	ifMatch, err := IfMatch(c)
	return p, id, subID, ifMatch, err
}

// Change reads a change of a versioned resource: the version the client's
// If-Match names (nil: none; 412 when it is no version) and the JSON body,
// decoded strictly.
func Change[B any](c echo.Context) (*int, B, error) {
	var body B
	ifMatch, err := IfMatch(c)
	if err != nil {
		return nil, body, err
	}
	if err := Decode(c, &body); err != nil {
		return nil, body, err
	}
	return ifMatch, body, nil
}

// versionedRow is a row of a versioned model (every model embeds
// database.Model).
type versionedRow[M any] interface {
	*M
	CurrentVersion() int
}

// Row answers with one row a store read or wrote: the store's error as it
// is; else the row as out represents it, with the row's version as its ETag
// (Versioned: a 304 when a GET's If-None-Match holds it already).
func Row[M any, P versionedRow[M], R any](c echo.Context, status int, row M, err error, out func(M) R) error {
	if err != nil {
		return err
	}
	return Versioned(c, status, P(&row).CurrentVersion(), out(row))
}

// Created answers a create: the store's error as it is; else 201 with the
// new row's address, location followed by the row's id, in Location, its
// version as its ETag, and the row as out represents it.
func Created[M any, P interface {
	versionedRow[M]
	Identity() uuid.UUID
}, R any](c echo.Context, location string, row M, err error, out func(M) R) error {
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", location+P(&row).Identity().String())
	return Row[M, P](c, http.StatusCreated, row, nil, out)
}

// Deleted answers a delete: its error as it is, else 204.
func Deleted(c echo.Context, err error) error {
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
