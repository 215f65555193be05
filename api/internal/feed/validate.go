package feed

import (
	"strings"

	"kulttuurisilta/api/internal/validate"
)

func (in *TokenInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	v.OneOf("scope", in.Scope, TokenScopes...)
	switch in.Scope {
	case "all":
		v.Check(in.UnitID == nil, "unit_id", "must be empty for scope all")
		v.Check(in.PartnerID == nil, "partner_id", "must be empty for scope all")
	case "unit":
		v.Check(in.UnitID != nil, "unit_id", "is required for scope unit")
		v.Check(in.PartnerID == nil, "partner_id", "must be empty for scope unit")
	case "partner":
		v.Check(in.PartnerID != nil, "partner_id", "is required for scope partner")
		v.Check(in.UnitID == nil, "unit_id", "must be empty for scope partner")
	}
	return v.Err()
}
