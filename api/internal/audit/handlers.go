package audit

import (
	"time"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/paging"
)

// listAuditEvents godoc
//
//	@Summary		List audit events
//	@Description	The audit log, newest first. Admins only.
//	@Tags			audit
//	@Produce		json
//	@Security		BearerAuth
//	@Param			entity_type		query		string	false	"Entity type, e.g. unit"
//	@Param			entity_id		query		string	false	"Entity id"			format(uuid)
//	@Param			actor_id		query		string	false	"Actor (user) id"	format(uuid)
//	@Param			action			query		string	false	"Action, e.g. unit.update"
//	@Param			from			query		string	false	"Events at or after (RFC 3339)"
//	@Param			to				query		string	false	"Events before (RFC 3339)"
//	@Param			limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param			offset			query		int		false	"Offset"			default(0)
//	@Param			updated_since	query		string	false	"Only events after this time (RFC 3339)"
//	@Success		200				{object}	paging.ListDoc{items=[]audit.EventResponse}
//	@Router			/audit-events [get]
func (m Module) listAuditEvents(c echo.Context) error {
	if _, err := httpapi.Authorize(c, canRead); err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	var f Filter
	f.EntityType = c.QueryParam("entity_type")
	f.Action = c.QueryParam("action")
	if f.EntityID, err = httpapi.QueryUUID(c, "entity_id"); err != nil {
		return err
	}
	if f.ActorID, err = httpapi.QueryUUID(c, "actor_id"); err != nil {
		return err
	}
	if f.From, f.To, err = httpapi.TimeRange(c, time.UTC, httpapi.RangeRules{}); err != nil {
		return err
	}
	rows, found, err := m.Store.List(c.Request().Context(), f, page)
	return httpapi.OK(c, paging.ListOf(rows, found, toResponse), err)
}
