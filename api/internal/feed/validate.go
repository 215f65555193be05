package feed

import (
	"strings"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/validate"
)

func (in *TokenInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	var v validate.Errors
	v.Text("name", in.Name, true, 200)
	v.OneOf("scope", in.Scope, TokenScopes...)
	switch in.Scope {
	case "all":
		v.CheckCode(in.UnitID == nil, "unit_id", apperr.CodeConflict, "must be empty for scope all")
		v.CheckCode(in.PartnerID == nil, "partner_id", apperr.CodeConflict, "must be empty for scope all")
	case "unit":
		v.CheckCode(in.UnitID != nil, "unit_id", apperr.CodeRequired, "is required for scope unit")
		v.CheckCode(in.PartnerID == nil, "partner_id", apperr.CodeConflict, "must be empty for scope unit")
	case "partner":
		v.CheckCode(in.PartnerID != nil, "partner_id", apperr.CodeRequired, "is required for scope partner")
		v.CheckCode(in.UnitID == nil, "unit_id", apperr.CodeConflict, "must be empty for scope partner")
	}
	return v.Err()
}
