package apperr_test

import (
	"testing"

	"kulttuurisilta/api/internal/apperr"
)

// TestFieldErrorsAlwaysHaveACode: every way of making a field error ends
// with a code from the list, so the spec can require it.
func TestFieldErrorsAlwaysHaveACode(t *testing.T) {
	known := map[string]bool{}
	for _, c := range apperr.Codes {
		if known[c] {
			t.Fatalf("code %s listed twice", c)
		}
		known[c] = true
	}
	cases := []struct {
		name string
		err  *apperr.Error
		want string
	}{
		{"InvalidField", apperr.InvalidField("f", "m"), apperr.CodeInvalid},
		{"InvalidFieldCode", apperr.InvalidFieldCode("f", apperr.CodeNotFound, "m"), apperr.CodeNotFound},
		{"InvalidFieldCode empty", apperr.InvalidFieldCode("f", "", "m"), apperr.CodeInvalid},
		{"BadParam", apperr.BadParam("f", "m"), apperr.CodeInvalid},
		{"BadParamCode", apperr.BadParamCode("f", apperr.CodeInvalidFormat, "m"), apperr.CodeInvalidFormat},
		{"Invalid literal", apperr.Invalid(apperr.FieldError{Field: "f", Message: "m"}), apperr.CodeInvalid},
		{"Invalid Field", apperr.Invalid(apperr.Field("f", apperr.CodeTooLong, "m")), apperr.CodeTooLong},
	}
	for _, tc := range cases {
		f := tc.err.Fields
		if len(f) != 1 || f[0].Field != "f" || f[0].Message != "m" || f[0].Code != tc.want || !known[f[0].Code] {
			t.Errorf("%s: %+v, want code %s", tc.name, f, tc.want)
		}
	}
	if e := apperr.InvalidFieldCode("f", apperr.CodeRequired, "is required"); e.Detail != "f: is required" {
		t.Errorf("detail %q", e.Detail)
	}
}
