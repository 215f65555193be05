package auth

import (
	"slices"
	"strings"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/httpapi"
	"kulttuurisilta/api/internal/l10n"
	"kulttuurisilta/api/internal/validate"
)

// MinPasswordLength is the shortest password accepted (NIST 800-63B asks
// for at least 8; passphrases are encouraged).
const MinPasswordLength = 12

// langCodes are the accepted values of a user's locale (exactly, unlike the
// lenient l10n.Parse for documents' ?lang=).
func langCodes() []string {
	out := make([]string, len(l10n.Langs))
	for i, l := range l10n.Langs {
		out[i] = string(l)
	}
	return out
}

func roleNames() []string {
	out := make([]string, len(access.Roles))
	for i, r := range access.Roles {
		out[i] = string(r)
	}
	return out
}

func (in *UserInput) validate() error {
	in.Email, in.Name = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name)
	if in.Locale == "" {
		in.Locale = string(l10n.FI)
	}
	var v validate.Errors
	v.OneOf("locale", in.Locale, langCodes()...)
	v.Email("email", in.Email)
	v.Text("name", in.Name, false, 200)
	v.OneOf("role", in.Role, roleNames()...)
	validateAssignment(&v, in.Role, in.DepartmentID, in.UnitIDs)
	validatePassword(&v, in.Password)
	return v.Err()
}

func validatePassword(v *validate.Errors, pw string) {
	if len([]rune(pw)) < MinPasswordLength {
		v.AddCode("password", apperr.CodeTooShort, "must be at least %d characters", MinPasswordLength)
	} else if len(pw) > 256 {
		v.AddCode("password", apperr.CodeTooLong, "must be at most 256 bytes")
	}
}

// validateAssignment: a manager needs a department, a mentor one or more
// units; other roles carry neither.
func validateAssignment(v *validate.Errors, role string, dep *uuid.UUID, units []uuid.UUID) {
	switch access.Role(role) {
	case access.RoleManager:
		v.CheckCode(dep != nil, "department_id", apperr.CodeRequired, "is required for a manager")
	case access.RoleMentor:
		v.CheckCode(len(units) > 0, "unit_ids", apperr.CodeRequired, "a mentor needs at least one unit")
	}
	if role != string(access.RoleManager) && dep != nil {
		v.AddCode("department_id", apperr.CodeConflict, "only a manager has a department")
	}
	if role != string(access.RoleMentor) && len(units) > 0 {
		v.AddCode("unit_ids", apperr.CodeConflict, "only a mentor has units")
	}
	if len(units) > 100 {
		v.AddCode("unit_ids", apperr.CodeTooLong, "at most 100 units")
	}
}

// apply merges a patch into a user and re-validates it (the password, if
// any, is hashed by the store).
func (p UserPatch) apply(u *User) error {
	httpapi.Patch(&u.Name, p.Name)
	httpapi.Patch(&u.Role, p.Role)
	httpapi.PatchOptional(&u.DepartmentID, p.DepartmentID)
	if p.UnitIDs != nil {
		u.UnitIDs = dedupe(*p.UnitIDs)
	}
	httpapi.Patch(&u.Active, p.Active)
	httpapi.Patch(&u.Locale, p.Locale)
	var v validate.Errors
	v.OneOf("locale", u.Locale, langCodes()...)
	v.Text("name", u.Name, false, 200)
	v.OneOf("role", u.Role, roleNames()...)
	validateAssignment(&v, u.Role, u.DepartmentID, u.UnitIDs)
	if p.Password != nil {
		validatePassword(&v, *p.Password)
	}
	return v.Err()
}

func dedupe(ids []uuid.UUID) []uuid.UUID {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(out)
}
