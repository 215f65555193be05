package validate

import (
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

func TestErrorsCollectEveryField(t *testing.T) {
	var v Errors
	if v.Err() != nil {
		t.Fatal("empty Errors is an error")
	}
	v.Text("name", "  ", true, 10)
	v.Text("notes", strings.Repeat("ä", 11), false, 10)
	v.Text("nul", "a\x00b", false, 10)
	v.OneOf("kind", "castle", "care_home", "other")
	v.Email("email", "not an email")
	v.Range("capacity", -1, 0, 10)
	v.Text("fine", "ok", true, 10)
	e, ok := apperr.As(v.Err())
	if !ok || e.Kind != apperr.KindInvalid {
		t.Fatalf("err %v", v.Err())
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	if strings.Join(got, ",") != "name,notes,nul,kind,email,capacity" {
		t.Fatalf("fields %v", got)
	}
	if !v.Has("kind") || v.Has("fine") {
		t.Fatal("Has")
	}
}

// TestErrorsCodes: every helper gives its field error a stable code, so a
// client can translate the message; plain Add and Check fall back to
// "invalid".
func TestErrorsCodes(t *testing.T) {
	from, _ := civil.ParseDate("2025-02-01")
	to, _ := civil.ParseDate("2025-01-01")
	cases := []struct {
		name string
		add  func(v *Errors)
		want string
	}{
		{"required text", func(v *Errors) { v.Text("f", " ", true, 10) }, apperr.CodeRequired},
		{"invalid text", func(v *Errors) { v.Text("f", "a\x00", false, 10) }, apperr.CodeInvalidFormat},
		{"long text", func(v *Errors) { v.Text("f", "abc", false, 2) }, apperr.CodeTooLong},
		{"long optional text", func(v *Errors) { s := "abc"; v.OptText("f", &s, 2) }, apperr.CodeTooLong},
		{"choice", func(v *Errors) { v.OneOf("f", "x", "a", "b") }, apperr.CodeInvalidChoice},
		{"email missing", func(v *Errors) { v.Email("f", "") }, apperr.CodeRequired},
		{"email", func(v *Errors) { v.Email("f", "nope") }, apperr.CodeInvalidFormat},
		{"range", func(v *Errors) { v.Range("f", 11, 0, 10) }, apperr.CodeOutOfRange},
		{"date order", func(v *Errors) { v.DateOrder("f", &from, &to) }, apperr.CodeOutOfRange},
		{"required", func(v *Errors) { v.Required(false, "f") }, apperr.CodeRequired},
		{"add", func(v *Errors) { v.Add("f", "broken %d", 1) }, apperr.CodeInvalid},
		{"check", func(v *Errors) { v.Check(false, "f", "broken") }, apperr.CodeInvalid},
		{"add code", func(v *Errors) { v.AddCode("f", apperr.CodeConflict, "clash") }, apperr.CodeConflict},
		{"check code", func(v *Errors) { v.CheckCode(false, "f", apperr.CodeNotFound, "no such") }, apperr.CodeNotFound},
		{"empty code", func(v *Errors) { v.AddCode("f", "", "x") }, apperr.CodeInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v Errors
			tc.add(&v)
			e, ok := apperr.As(v.Err())
			if !ok || len(e.Fields) != 1 || e.Fields[0].Field != "f" || e.Fields[0].Code != tc.want {
				t.Fatalf("got %+v, want one error on f with code %s", e, tc.want)
			}
		})
	}
	var v Errors
	v.Required(true, "f")
	v.CheckCode(true, "f", apperr.CodeConflict, "x")
	if v.Err() != nil {
		t.Fatalf("passing checks added %v", v.Err())
	}
}
