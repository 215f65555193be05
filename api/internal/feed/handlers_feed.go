package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
)

// getFeed godoc
//
//	@Summary		The calendar as an iCalendar feed
//	@Description	RFC 5545 feed for calendar clients, with VTIMEZONE, RRULE/EXDATE for recurring activities and a RECURRENCE-ID event per moved or cancelled occurrence. Without token it is the public feed: public activities that are planned, confirmed, completed or cancelled. With ?token= (a feed token) it is a private feed that also holds internal and proposed activities, limited to the token's unit or partner. Narrow with unit or partner. Activities whose last occurrence ended more than a year ago are left out. Sends ETag and Last-Modified and answers If-None-Match / If-Modified-Since with 304. No Authorization header is needed or used.
//	@Tags			feeds
//	@Produce		text/calendar
//	@Param			token	query		string	false	"Feed token (private feed)"
//	@Param			unit	query		string	false	"Only this unit's activities"		format(uuid)
//	@Param			partner	query		string	false	"Only this partner's activities"	format(uuid)
//	@Success		200		{string}	string	"text/calendar"
//	@Success		304		"Not modified"
//	@Failure		401		"The feed token is not valid or was revoked"
//	@Failure		403		"The feed token is for another unit or partner"
//	@Failure		404		"No such unit or partner"
//	@Router			/calendar.ics [get]
func (m Module) getFeed(c echo.Context) error {
	ctx := c.Request().Context()
	var q feedQuery
	var err error
	if q.UnitID, err = httpapi.QueryUUID(c, "unit"); err != nil {
		return err
	}
	if q.PartnerID, err = httpapi.QueryUUID(c, "partner"); err != nil {
		return err
	}
	var a feedAccess
	if secret := c.QueryParam("token"); secret != "" {
		if a.token, err = m.Store.Resolve(ctx, secret); err != nil {
			return err
		}
		a.private = true
	}
	if err := canReadFeed(a, &q); err != nil {
		return err
	}
	q.Private = a.private
	// Taken before the read, so a change committed meanwhile makes the next request a full one.
	modified, err := m.Store.LastModified(ctx)
	if err != nil {
		return err
	}
	cal, err := m.Store.Calendar(ctx, q)
	if err != nil {
		return err
	}
	body := Write(cal)
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set("Last-Modified", modified.Format(http.TimeFormat))
	if a.private {
		h.Set("Cache-Control", "private, no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if notModified(c.Request(), etag, modified) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}

// notModified applies RFC 9110 13.2.2: If-None-Match when present, else If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return matchETag(inm, etag)
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.Truncate(time.Second).After(t)
	}
	return false
}

// matchETag reports whether an If-None-Match header names tag (weak comparison, RFC 9110 13.1.2).
func matchETag(header, tag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if part == "*" || part == tag {
			return true
		}
	}
	return false
}
