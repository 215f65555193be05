package org

import (
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/httpapi/listing"
)

// listDepartments godoc
//
//	@Summary	List departments
//	@Tags		org
//	@Produce	json
//	@Security	BearerAuth
//	@Param		limit			query		int		false	"Page size (1-200)"	default(50)
//	@Param		offset			query		int		false	"Offset"			default(0)
//	@Param		updated_since	query		string	false	"Only items changed after this time (RFC 3339)"
//	@Success	200				{object}	paging.ListDoc{items=[]org.DepartmentResponse}
//	@Router		/departments [get]
func (m Module) listDepartments(c echo.Context) error {
	p, page, err := listing.Request(c, canRead)
	if err != nil {
		return err
	}
	rows, found, err := m.Store.ListDepartments(c.Request().Context(), page, canWriteDepartments(p) == nil)
	return listing.Answer(c, p, rows, found, err, m.departmentsOut)
}

// getDepartment godoc
//
//	@Summary	Get a department
//	@Tags		org
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id	path		string	true	"Department id"	format(uuid)
//	@Success	200	{object}	DepartmentResponse
//	@Success	304	"Not modified"
//	@Router		/departments/{id} [get]
func (m Module) getDepartment(c echo.Context) error {
	return httpapi.GetOne(c, canRead, m.Store.GetDepartment, m.departmentsOut)
}

// createDepartment godoc
//
//	@Summary	Create a department
//	@Tags		org
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		body	body		DepartmentInput	true	"The department"
//	@Success	201		{object}	DepartmentResponse
//	@Router		/departments [post]
func (m Module) createDepartment(c echo.Context) error {
	return httpapi.CreateOne(c, canWriteDepartments, "/api/v1/departments/", (*DepartmentInput).validate, m.Store.CreateDepartment, m.departmentsOut)
}

// updateDepartment godoc
//
//	@Summary	Change a department
//	@Tags		org
//	@Accept		json
//	@Produce	json
//	@Security	BearerAuth
//	@Param		id			path		string			true	"Department id"	format(uuid)
//	@Param		If-Match	header		string			false	"Version ETag the change is based on"
//	@Param		body		body		DepartmentPatch	true	"Fields to change"
//	@Success	200			{object}	DepartmentResponse
//	@Router		/departments/{id} [patch]
func (m Module) updateDepartment(c echo.Context) error {
	return httpapi.UpdateOne(c, canWriteDepartments, m.Store.UpdateDepartment, m.departmentsOut)
}

// deleteDepartment godoc
//
//	@Summary	Delete a department
//	@Tags		org
//	@Security	BearerAuth
//	@Param		id			path	string	true	"Department id"	format(uuid)
//	@Param		If-Match	header	string	false	"Version ETag the deletion is based on"
//	@Success	204			"Deleted"
//	@Router		/departments/{id} [delete]
func (m Module) deleteDepartment(c echo.Context) error {
	return httpapi.DeleteOne(c, canWriteDepartments, m.Store.DeleteDepartment)
}
