package httpapi

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/access"
)

// The steps every handler of a single resource takes, each written once:
// a handler reads its request with Target or Nested (TargetVersion or
// NestedVersion for a write with no body, Change for one with a body),
// calls its store, and answers with Row, Created or Deleted. A handler whose
// store takes the path's id and nothing else of the request is one call:
// GetOne, CreateOne, UpdateOne or DeleteOne.

// View is how the caller sees rows of one resource: for the rows at hand (a
// page of a list, or the one row; none for a row just created, which nothing
// refers to yet), the converter to responses with each row's
// allowed_actions, after one lookup for them all where the actions depend on
// other rows. A view that looks nothing up is Fixed.
type View[M, R any] func(ctx context.Context, p *access.Principal, rows ...M) (func(M) R, error)

// Fixed is the View of a resource whose allowed_actions need no lookup: out
// gives the converter for the caller.
func Fixed[M, R any](out func(*access.Principal) func(M) R) View[M, R] {
	return func(_ context.Context, p *access.Principal, _ ...M) (func(M) R, error) { return out(p), nil }
}

// InUse is the View of a resource whose delete is refused while other rows
// refer to it: to builds the response, actions gives the caller's
// allowed_actions on a row (in use or not) and field is where the response
// keeps them. Only when the caller may delete such rows at all (canDelete)
// does in use matter: a row read with its in_use (a list's page,
// database.SelectInUse) says it itself; the others are looked up (inUse,
// one query for them all).
func InUse[M any, P interface {
	*M
	Identity() uuid.UUID
	Referenced() *bool
}, R any](canDelete func(*access.Principal) error, inUse func(context.Context, []uuid.UUID) (map[uuid.UUID]bool, error),
	to func(M) R, actions func(*access.Principal, bool) []string, field func(*R) *[]string) View[M, R] {
	return func(ctx context.Context, p *access.Principal, rows ...M) (func(M) R, error) {
		var used map[uuid.UUID]bool
		if canDelete(p) == nil {
			var ids []uuid.UUID
			for i := range rows {
				if P(&rows[i]).Referenced() == nil {
					ids = append(ids, P(&rows[i]).Identity())
				}
			}
			if len(ids) > 0 {
				var err error
				if used, err = inUse(ctx, ids); err != nil {
					return nil, err
				}
			}
		}
		return func(x M) R {
			r := to(x)
			in := used[P(&x).Identity()]
			if known := P(&x).Referenced(); known != nil {
				in = *known
			}
			*field(&r) = actions(p, in)
			return r
		}, nil
	}
}

// GetOne answers GET on one resource: Target, the store's read of the row,
// and the row as the caller sees it (Row).
func GetOne[M any, P versionedRow[M], R any](c echo.Context, policy func(*access.Principal) error,
	read func(context.Context, uuid.UUID) (M, error), view View[M, R]) error {
	return GetIn[M, P](c, policy, unscoped, func(ctx context.Context, _ struct{}, id uuid.UUID) (M, error) { return read(ctx, id) }, view)
}

// GetIn is GetOne for a store that reads within the caller's scope (scope,
// e.g. a mentor's units).
func GetIn[M any, P versionedRow[M], S, R any](c echo.Context, policy func(*access.Principal) error, scope func(*access.Principal) S,
	read func(context.Context, S, uuid.UUID) (M, error), view View[M, R]) error {
	p, id, err := Target(c, policy)
	if err != nil {
		return err
	}
	row, err := read(c.Request().Context(), scope(p), id)
	return viewed[M, P](c, http.StatusOK, p, row, err, view)
}

// unscoped is the scope of a store that reads and writes every row alike.
func unscoped(*access.Principal) struct{} { return struct{}{} }

// CreateOne answers POST of a new resource: Authorize, the strict body,
// check (nil where the store checks the input itself), the store's insert,
// and the new row as the caller sees it (Created, at location; the view is
// given no rows: nothing refers to a new row, so it looks nothing up).
func CreateOne[B, M any, P interface {
	versionedRow[M]
	Identity() uuid.UUID
}, R any](c echo.Context, policy func(*access.Principal) error, location string, check func(*B) error,
	create func(context.Context, B) (M, error), view View[M, R]) error {
	p, err := Authorize(c, policy)
	if err != nil {
		return err
	}
	var in B
	if err := Decode(c, &in); err != nil {
		return err
	}
	if check != nil {
		if err := check(&in); err != nil {
			return err
		}
	}
	ctx := c.Request().Context()
	row, err := create(ctx, in)
	if err != nil {
		return err
	}
	out, err := view(ctx, p)
	return Created[M, P](c, location, row, err, out)
}

// UpdateOne answers PATCH of one resource: Target, Change (If-Match and the
// strict body), the store's versioned write, and the row as the caller sees
// it (Row).
func UpdateOne[B, M any, P versionedRow[M], R any](c echo.Context, policy func(*access.Principal) error,
	update func(context.Context, uuid.UUID, *int, B) (M, error), view View[M, R]) error {
	return UpdateIn[B, M, P](c, policy, unscoped, func(ctx context.Context, _ struct{}, id uuid.UUID, ifMatch *int, patch B) (M, error) {
		return update(ctx, id, ifMatch, patch)
	}, view)
}

// UpdateIn is UpdateOne for a store that writes within the caller's scope.
func UpdateIn[B, M any, P versionedRow[M], S, R any](c echo.Context, policy func(*access.Principal) error, scope func(*access.Principal) S,
	update func(context.Context, S, uuid.UUID, *int, B) (M, error), view View[M, R]) error {
	p, id, err := Target(c, policy)
	if err != nil {
		return err
	}
	ifMatch, patch, err := Change[B](c)
	if err != nil {
		return err
	}
	row, err := update(c.Request().Context(), scope(p), id, ifMatch, patch)
	return viewed[M, P](c, http.StatusOK, p, row, err, view)
}

// GetNested is GetOne for a resource nested under the one the path's "id"
// names, its own id in the path parameter sub (Nested).
func GetNested[M any, P versionedRow[M], R any](c echo.Context, policy func(*access.Principal) error, sub string,
	read func(context.Context, uuid.UUID, uuid.UUID) (M, error), view View[M, R]) error {
	return GetNestedIn[M, P](c, policy, sub, unscoped, func(ctx context.Context, _ struct{}, id, subID uuid.UUID) (M, error) {
		return read(ctx, id, subID)
	}, view)
}

// GetNestedIn is GetNested for a store that reads within the caller's scope.
func GetNestedIn[M any, P versionedRow[M], S, R any](c echo.Context, policy func(*access.Principal) error, sub string,
	scope func(*access.Principal) S, read func(context.Context, S, uuid.UUID, uuid.UUID) (M, error), view View[M, R]) error {
	p, id, subID, err := Nested(c, policy, sub)
	if err != nil {
		return err
	}
	row, err := read(c.Request().Context(), scope(p), id, subID)
	return viewed[M, P](c, http.StatusOK, p, row, err, view)
}

// UpdateNested is UpdateOne for a resource nested under the one the path's
// "id" names, its own id in the path parameter sub (Nested).
func UpdateNested[B, M any, P versionedRow[M], R any](c echo.Context, policy func(*access.Principal) error, sub string,
	update func(context.Context, uuid.UUID, uuid.UUID, *int, B) (M, error), view View[M, R]) error {
	return UpdateNestedIn[B, M, P](c, policy, sub, unscoped,
		func(ctx context.Context, _ struct{}, id, subID uuid.UUID, ifMatch *int, patch B) (M, error) {
			return update(ctx, id, subID, ifMatch, patch)
		}, view)
}

// UpdateNestedIn is UpdateNested for a store that writes within the
// caller's scope.
func UpdateNestedIn[B, M any, P versionedRow[M], S, R any](c echo.Context, policy func(*access.Principal) error, sub string,
	scope func(*access.Principal) S, update func(context.Context, S, uuid.UUID, uuid.UUID, *int, B) (M, error), view View[M, R]) error {
	p, id, subID, err := Nested(c, policy, sub)
	if err != nil {
		return err
	}
	ifMatch, patch, err := Change[B](c)
	if err != nil {
		return err
	}
	row, err := update(c.Request().Context(), scope(p), id, subID, ifMatch, patch)
	return viewed[M, P](c, http.StatusOK, p, row, err, view)
}

// DeleteOne answers DELETE of one resource: TargetVersion, the store's
// delete, 204 (Deleted).
func DeleteOne(c echo.Context, policy func(*access.Principal) error, del func(context.Context, uuid.UUID, *int) error) error {
	return DeleteIn(c, policy, unscoped, func(ctx context.Context, _ struct{}, id uuid.UUID, ifMatch *int) error {
		return del(ctx, id, ifMatch)
	})
}

// DeleteIn is DeleteOne for a store that deletes within the caller's scope.
func DeleteIn[S any](c echo.Context, policy func(*access.Principal) error, scope func(*access.Principal) S,
	del func(context.Context, S, uuid.UUID, *int) error) error {
	p, id, ifMatch, err := TargetVersion(c, policy)
	if err != nil {
		return err
	}
	return Deleted(c, del(c.Request().Context(), scope(p), id, ifMatch))
}

// DeleteNestedIn is DeleteIn for a resource nested under the one the path's
// "id" names, its own id in the path parameter sub.
func DeleteNestedIn[S any](c echo.Context, policy func(*access.Principal) error, sub string, scope func(*access.Principal) S,
	del func(context.Context, S, uuid.UUID, uuid.UUID, *int) error) error {
	p, id, subID, ifMatch, err := NestedVersion(c, policy, sub)
	if err != nil {
		return err
	}
	return Deleted(c, del(c.Request().Context(), scope(p), id, subID, ifMatch))
}

// viewed is Row with the row as view shows it to p.
func viewed[M any, P versionedRow[M], R any](c echo.Context, status int, p *access.Principal, row M, err error, view View[M, R]) error {
	if err != nil {
		return err
	}
	out, err := view(c.Request().Context(), p, row)
	return Row[M, P](c, status, row, err, out)
}

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

// OK answers a read or a step that has no version of its own: the error as
// it is, else 200 with out as JSON.
func OK(c echo.Context, out any, err error) error {
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// Deleted answers a delete: its error as it is, else 204.
func Deleted(c echo.Context, err error) error {
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
