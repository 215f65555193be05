package org

import (
	"strings"

	"kulttuurisilta/api/internal/database"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/validate"
)

func (in *DepartmentInput) validate() error {
	in.Name, in.Code, in.Organisation = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code), strings.TrimSpace(in.Organisation)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	v.Text("code", in.Code, true, 50)
	v.OneOf("kind", in.Kind, DepartmentKinds...)
	v.Text("organisation", in.Organisation, true, 200)
	return v.Err()
}

func (p DepartmentPatch) apply(d *Department) error {
	in := DepartmentInput{Name: d.Name, Code: d.Code, Kind: d.Kind, Organisation: d.Organisation}
	httpapi.Patch(&in.Name, p.Name)
	httpapi.Patch(&in.Code, p.Code)
	httpapi.Patch(&in.Kind, p.Kind)
	httpapi.Patch(&in.Organisation, p.Organisation)
	if err := in.validate(); err != nil {
		return err
	}
	d.Name, d.Code, d.Kind, d.Organisation = in.Name, in.Code, in.Kind, in.Organisation
	return nil
}

func (in *UnitInput) validate() error {
	in.Name, in.Organisation = strings.TrimSpace(in.Name), strings.TrimSpace(in.Organisation)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	v.OneOf("kind", in.Kind, UnitKinds...)
	v.Text("organisation", in.Organisation, true, 200)
	v.OneOf("sector", in.Sector, Sectors...)
	v.Text("municipality", in.Municipality, false, 100)
	v.Text("address", in.Address, false, 300)
	v.Range("resident_capacity", int64(in.ResidentCapacity), 0, 100000)
	return v.Err()
}

func (p UnitPatch) apply(u *Unit) error {
	in := UnitInput{Name: u.Name, Kind: u.Kind, Organisation: u.Organisation, Sector: u.Sector,
		DepartmentID: u.DepartmentID, Municipality: u.Municipality, Address: u.Address,
		ResidentCapacity: u.ResidentCapacity, Active: &u.Active, PublicProgramme: u.PublicProgramme}
	httpapi.Patch(&in.Name, p.Name)
	httpapi.Patch(&in.Kind, p.Kind)
	httpapi.Patch(&in.Organisation, p.Organisation)
	httpapi.Patch(&in.Sector, p.Sector)
	httpapi.PatchOptional(&in.DepartmentID, p.DepartmentID)
	httpapi.Patch(&in.Municipality, p.Municipality)
	httpapi.Patch(&in.Address, p.Address)
	httpapi.Patch(&in.ResidentCapacity, p.ResidentCapacity)
	if p.Active != nil {
		in.Active = p.Active
	}
	httpapi.Patch(&in.PublicProgramme, p.PublicProgramme)
	if err := in.validate(); err != nil {
		return err
	}
	*u = in.toUnit(u.Model)
	return nil
}

func (in UnitInput) toUnit(m database.Model) Unit {
	active := true
	if in.Active != nil {
		active = *in.Active
	}
	return Unit{Model: m, Name: in.Name, Kind: in.Kind, Organisation: in.Organisation, Sector: in.Sector,
		DepartmentID: in.DepartmentID, Municipality: in.Municipality, Address: in.Address,
		ResidentCapacity: in.ResidentCapacity, Active: active, PublicProgramme: in.PublicProgramme}
}
