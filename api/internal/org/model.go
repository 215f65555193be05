// Package org holds the organisation the programme runs in: departments
// (the cost centres that share the budget) and the service units (care
// homes, day centres, ...) where culture committees work.
package org

import (
	"github.com/google/uuid"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
)

// Department kinds.
var DepartmentKinds = []string{"social_care", "culture", "other"}

// Department is a department (cost centre) of an organisation.
type Department struct {
	database.Model
	database.Referable
	Name         string
	Code         string
	Kind         string
	Organisation string
}

// DepartmentResponse is a department in the API.
type DepartmentResponse struct {
	database.Head
	Name         string `json:"name"`
	Code         string `json:"code"`
	Kind         string `json:"kind" enums:"social_care,culture,other"`
	Organisation string `json:"organisation"`
	// AllowedActions: what the caller may do with the department (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// DepartmentInput creates a department.
type DepartmentInput struct {
	Name         string `json:"name" example:"Ikäihmisten palvelut"`
	Code         string `json:"code" example:"SOTE-4100"`
	Kind         string `json:"kind" enums:"social_care,culture,other"`
	Organisation string `json:"organisation" example:"Varsinais-Suomen hyvinvointialue"`
}

// DepartmentPatch changes some fields of a department.
type DepartmentPatch struct {
	Name         *string `json:"name"`
	Code         *string `json:"code"`
	Kind         *string `json:"kind" enums:"social_care,culture,other"`
	Organisation *string `json:"organisation"`
}

func toDepartmentResponse(d Department) DepartmentResponse {
	return DepartmentResponse{Head: d.Head(),
		Name: d.Name, Code: d.Code, Kind: d.Kind, Organisation: d.Organisation}
}

// Unit kinds and sectors.
var (
	UnitKinds = []string{"care_home", "day_centre", "sheltered_housing", "supported_housing",
		"mental_health_rehab", "work_activity", "other"}
	Sectors = []string{"public", "private", "third"}
)

// Unit is a welfare service unit.
type Unit struct {
	database.Model
	database.Referable
	Name             string
	Kind             string
	Organisation     string
	Sector           string
	DepartmentID     *uuid.UUID `gorm:"type:uuid"`
	Municipality     string
	Address          string
	ResidentCapacity int
	Active           bool
	PublicProgramme  bool
}

// UnitResponse is a unit in the API.
type UnitResponse struct {
	database.Head
	Name             string     `json:"name"`
	Kind             string     `json:"kind" enums:"care_home,day_centre,sheltered_housing,supported_housing,mental_health_rehab,work_activity,other"`
	Organisation     string     `json:"organisation"`
	Sector           string     `json:"sector" enums:"public,private,third"`
	DepartmentID     *uuid.UUID `json:"department_id" extensions:"x-nullable"`
	Municipality     string     `json:"municipality"`
	Address          string     `json:"address"`
	ResidentCapacity int        `json:"resident_capacity"`
	Active           bool       `json:"active"`
	// PublicProgramme publishes the unit's public programme page /programme/{id} (off by default).
	PublicProgramme bool `json:"public_programme"`
	// AllowedActions: what the caller may do with the unit (docs/development.md).
	AllowedActions []string `json:"allowed_actions,omitzero" enums:"update,delete"`
}

// UnitInput creates a unit.
type UnitInput struct {
	Name             string     `json:"name" example:"Koivukodon palvelutalo"`
	Kind             string     `json:"kind" enums:"care_home,day_centre,sheltered_housing,supported_housing,mental_health_rehab,work_activity,other"`
	Organisation     string     `json:"organisation"`
	Sector           string     `json:"sector" enums:"public,private,third"`
	DepartmentID     *uuid.UUID `json:"department_id" validate:"optional" extensions:"x-nullable"`
	Municipality     string     `json:"municipality" validate:"optional"`
	Address          string     `json:"address" validate:"optional"`
	ResidentCapacity int        `json:"resident_capacity" validate:"optional"`
	Active           *bool      `json:"active" validate:"optional"`
	// PublicProgramme publishes the unit's public programme page; false when left out.
	PublicProgramme bool `json:"public_programme" validate:"optional"`
}

// UnitPatch changes some fields of a unit. department_id set to null
// detaches the unit from its department.
type UnitPatch struct {
	Name             *string                     `json:"name"`
	Kind             *string                     `json:"kind" enums:"care_home,day_centre,sheltered_housing,supported_housing,mental_health_rehab,work_activity,other"`
	Organisation     *string                     `json:"organisation"`
	Sector           *string                     `json:"sector" enums:"public,private,third"`
	DepartmentID     httpapi.Optional[uuid.UUID] `json:"department_id" swaggertype:"string" format:"uuid"`
	Municipality     *string                     `json:"municipality"`
	Address          *string                     `json:"address"`
	ResidentCapacity *int                        `json:"resident_capacity"`
	Active           *bool                       `json:"active"`
	PublicProgramme  *bool                       `json:"public_programme"`
}

func toUnitResponse(u Unit) UnitResponse {
	return UnitResponse{Head: u.Head(),
		Name: u.Name, Kind: u.Kind, Organisation: u.Organisation, Sector: u.Sector, DepartmentID: u.DepartmentID,
		Municipality: u.Municipality, Address: u.Address, ResidentCapacity: u.ResidentCapacity, Active: u.Active,
		PublicProgramme: u.PublicProgramme}
}
