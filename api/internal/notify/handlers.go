package notify

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// inbox godoc
//
//	@Summary		My notifications
//	@Description	The signed-in user's notifications, newest first, in the user's language, with the count of unread ones. Each links to the SPA screen it is about.
//	@Tags			notifications
//	@Produce		json
//	@Security		BearerAuth
//	@Param			unread			query		bool	false	"Only unread ones"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success		200				{object}	notify.InboxResponse
//	@Router			/me/notifications [get]
func (m Module) inbox(c echo.Context) error {
	p, page, err := listing.Request(c, canUseInbox)
	if err != nil {
		return err
	}
	unread, err := httpapi.QueryBool(c, "unread")
	if err != nil {
		return err
	}
	out, err := m.S.Inbox(c.Request().Context(), p.UserID, InboxFilter{UnreadOnly: unread != nil && *unread}, page)
	return httpapi.OK(c, out, err)
}

// read godoc
//
//	@Summary		Mark a notification read
//	@Description	Marking a read notification read again changes nothing.
//	@Tags			notifications
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Notification id"	format(uuid)
//	@Success		200	{object}	notify.NotificationResponse
//	@Router			/me/notifications/{id}/read [post]
func (m Module) read(c echo.Context) error {
	p, id, err := httpapi.Target(c, canUseInbox)
	if err != nil {
		return err
	}
	out, err := m.S.MarkRead(c.Request().Context(), p.UserID, id)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, out.Version, out)
}

// readAll godoc
//
//	@Summary	Mark all my notifications read
//	@Tags		notifications
//	@Produce	json
//	@Security	BearerAuth
//	@Success	200	{object}	notify.ReadAllResponse
//	@Router		/me/notifications/read-all [post]
func (m Module) readAll(c echo.Context) error {
	p, err := httpapi.Authorize(c, canUseInbox)
	if err != nil {
		return err
	}
	out, err := m.S.MarkAllRead(c.Request().Context(), p.UserID)
	return httpapi.OK(c, out, err)
}

// getSettings godoc
//
//	@Summary		My notification settings
//	@Description	Whether each kind of notification is also emailed. Every kind always reaches the in-app inbox, except the weekly programme, which is made only for those who turn it on.
//	@Tags			notifications
//	@Produce		json
//	@Security		BearerAuth
//	@Success		200	{object}	notify.SettingsResponse
//	@Success		304	"Not modified"
//	@Router			/me/notification-settings [get]
func (m Module) getSettings(c echo.Context) error {
	p, err := httpapi.Authorize(c, canUseInbox)
	if err != nil {
		return err
	}
	out, err := m.S.GetSettings(c.Request().Context(), p.UserID)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, out.Version, out)
}

// putSettings godoc
//
//	@Summary		Change my notification settings
//	@Description	Turns email on or off per kind; kinds left out keep their setting. Send If-Match with the version you read.
//	@Tags			notifications
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			If-Match	header		string					false	"The version you read, e.g. \"2\""
//	@Param			body		body		notify.SettingsInput	true	"Kinds to set"
//	@Success		200			{object}	notify.SettingsResponse
//	@Router			/me/notification-settings [put]
func (m Module) putSettings(c echo.Context) error {
	p, err := httpapi.Authorize(c, canUseInbox)
	if err != nil {
		return err
	}
	ifMatch, in, err := httpapi.Change[SettingsInput](c)
	if err != nil {
		return err
	}
	out, err := m.S.UpdateSettings(c.Request().Context(), p.UserID, ifMatch, in)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, out.Version, out)
}

func unsubscribeToken(c echo.Context) (string, error) {
	t := c.QueryParam("token")
	if t == "" {
		return "", apperr.BadParamCode("token", apperr.CodeRequired, "the token of the unsubscribe link is required")
	}
	return t, nil
}

// getUnsubscribe godoc
//
//	@Summary		What an unsubscribe link turns off
//	@Description	No sign-in: the signed token in the email's link names the user and the kind. A forged or broken token is 404.
//	@Tags			notifications
//	@Produce		json
//	@Param			token	query		string	true	"The token of the email's unsubscribe link"
//	@Success		200		{object}	notify.UnsubscribeResponse
//	@Failure		404		"A forged, changed or broken token, or its user is gone"
//	@Router			/notification-unsubscribe [get]
func (m Module) getUnsubscribe(c echo.Context) error {
	t, err := unsubscribeToken(c)
	if err != nil {
		return err
	}
	out, err := m.S.Unsubscription(c.Request().Context(), t)
	return httpapi.OK(c, out, err)
}

// postUnsubscribe godoc
//
//	@Summary		Unsubscribe (one click)
//	@Description	Turns off the email of the link's kind for its user, without sign-in. Any body is ignored, so mail clients' RFC 8058 one-click POST (List-Unsubscribe=One-Click) works too. Repeating it changes nothing.
//	@Tags			notifications
//	@Produce		json
//	@Param			token	query		string	true	"The token of the email's unsubscribe link"
//	@Success		200		{object}	notify.UnsubscribeResponse
//	@Failure		404		"A forged, changed or broken token, or its user is gone"
//	@Router			/notification-unsubscribe [post]
func (m Module) postUnsubscribe(c echo.Context) error {
	t, err := unsubscribeToken(c)
	if err != nil {
		return err
	}
	out, err := m.S.Unsubscribe(c.Request().Context(), t)
	return httpapi.OK(c, out, err)
}
