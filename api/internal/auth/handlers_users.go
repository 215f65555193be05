package auth

import (
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listUsers godoc
//
//	@Summary	List users
//	@Tags		users
//	@Produce	json
//	@Security	BearerAuth
//	@Param		role			query		string	false	"Role"				Enums(admin,producer,manager,mentor,viewer)
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]auth.UserResponse}
//	@Router		/users [get]
func (m Module) listUsers(c echo.Context) error {
	p, page, err := listing.Request(c, canManage)
	if err != nil {
		return err
	}
	role, err := httpapi.QueryEnum(c, "role", roleNames()...)
	if err != nil {
		return err
	}
	rows, found, err := m.Users.List(c.Request().Context(), role, page)
	return listing.Answer(c, p, rows, found, err, httpapi.Fixed(userOut))
}

// getUser godoc
//
//	@Summary	Get a user
//	@Tags		users
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"User id"	format(uuid)
//	@Success	200	{object}	UserResponse
//	@Success	304	"Not modified"
//	@Router		/users/{id} [get]
func (m Module) getUser(c echo.Context) error {
	return httpapi.GetOne(c, canManage, m.Users.Get, httpapi.Fixed(userOut))
}

// createUser godoc
//
//	@Summary		Create a user
//	@Description	A manager needs department_id; a mentor needs unit_ids. Passwords are at least 12 characters.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		UserInput	true	"The user"
//	@Success		201		{object}	UserResponse
//	@Router			/users [post]
func (m Module) createUser(c echo.Context) error {
	return httpapi.CreateOne(c, canManage, "/api/v1/users/", nil, m.Users.Create, httpapi.Fixed(userOut)) // Users.Create checks the input
}

// updateUser godoc
//
//	@Summary		Change a user
//	@Description	Deactivating a user or changing the password ends the user's sessions. Users are never deleted (the audit log refers to them); set active=false.
//	@Tags			users
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string		true	"User id"	format(uuid)
//	@Param			If-Match	header		string		false	"Version ETag the change is based on"
//	@Param			body		body		UserPatch	true	"Fields to change"
//	@Success		200			{object}	UserResponse
//	@Router			/users/{id} [patch]
func (m Module) updateUser(c echo.Context) error {
	return httpapi.UpdateOne(c, canManage, m.Users.Update, httpapi.Fixed(userOut))
}
