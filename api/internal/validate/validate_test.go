package validate

import (
	"strings"
	"testing"

	"kulttuurisilta/api/internal/apperr"
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
