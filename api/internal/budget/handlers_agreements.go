package budget

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listAgreements godoc
//
//	@Summary	List joint-budget agreements
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		department_id	query		string	false	"Only agreements this department is part of"	format(uuid)
//	@Param		limit			query		int		false	"Page size (1-200)"								default(50)
//	@Param		offset			query		int		false	"Offset"										default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]budget.AgreementResponse}
//	@Router		/agreements [get]
func (m Module) listAgreements(c echo.Context) error {
	p, page, err := listing.Request(c, canReadTotals)
	if err != nil {
		return err
	}
	var f AgreementFilter
	if f.DepartmentID, err = httpapi.QueryUUID(c, "department_id"); err != nil {
		return err
	}
	f.InUse = canWrite(p) == nil // whether to offer delete depends on it
	rows, found, err := m.Store.ListAgreements(c.Request().Context(), f, page)
	return listing.Answer(c, p, rows, found, err, m.agreementsOut)
}

// getAgreement godoc
//
//	@Summary	Get an agreement
//	@Tags		budget
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Agreement id"	format(uuid)
//	@Success	200	{object}	AgreementResponse
//	@Success	304	"Not modified"
//	@Router		/agreements/{id} [get]
func (m Module) getAgreement(c echo.Context) error {
	return httpapi.GetOne(c, canReadTotals, m.Store.GetAgreement, m.agreementsOut)
}

// createAgreement godoc
//
//	@Summary		Create an agreement
//	@Description	Departments are listed in order (the first wins split ties); default shares must sum to 10000.
//	@Tags			budget
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		AgreementInput	true	"The agreement"
//	@Success		201		{object}	AgreementResponse
//	@Router			/agreements [post]
func (m Module) createAgreement(c echo.Context) error {
	return httpapi.CreateOne(c, canWrite, "/api/v1/agreements/", (*AgreementInput).validate, m.Store.CreateAgreement, m.agreementsOut)
}

// updateAgreement godoc
//
//	@Summary		Change an agreement
//	@Description	Changing shares is refused (409) once any month is locked and withdraws the approvals of open months; the response lists them in withdrawn_approvals.
//	@Tags			budget
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id			path		string			true	"Agreement id"	format(uuid)
//	@Param			If-Match	header		string			false	"Version ETag the change is based on"
//	@Param			body		body		AgreementPatch	true	"Fields to change"
//	@Success		200			{object}	AgreementChangeResponse
//	@Router			/agreements/{id} [patch]
func (m Module) updateAgreement(c echo.Context) error {
	p, id, err := httpapi.Target(c, canWrite)
	if err != nil {
		return err
	}
	ifMatch, patch, err := httpapi.Change[AgreementPatch](c)
	if err != nil {
		return err
	}
	a, withdrawn, err := m.Store.UpdateAgreement(c.Request().Context(), id, ifMatch, patch)
	if err != nil {
		return err
	}
	out, err := m.agreementsOut(c.Request().Context(), p, a)
	if err != nil {
		return err
	}
	return httpapi.Versioned(c, http.StatusOK, a.Version, AgreementChangeResponse{AgreementResponse: out(a),
		WithdrawnApprovals: withdrawn})
}

// deleteAgreement godoc
//
//	@Summary	Delete an agreement without cost entries
//	@Tags		budget
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Agreement id"	format(uuid)
//	@Param		If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success	204			"Deleted"
//	@Router		/agreements/{id} [delete]
func (m Module) deleteAgreement(c echo.Context) error {
	return httpapi.DeleteOne(c, canWrite, m.Store.DeleteAgreement)
}
