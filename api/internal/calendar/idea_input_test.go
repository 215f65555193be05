package calendar

import (
	"reflect"
	"testing"
)

// TestIdeaActivityInputCarriesEveryActivityField keeps the two bodies in
// step: the SPA sends the same form to POST /activities and to
// POST /ideas/{id}/activity, so a field added to ActivityInput but not to
// IdeaActivityInput would be an unknown field (422) when an idea becomes an
// activity. An idea's activity is proposed unless a status is asked.
func TestIdeaActivityInputCarriesEveryActivityField(t *testing.T) {
	idea := reflect.TypeOf(IdeaActivityInput{})
	act := reflect.TypeOf(ActivityInput{})
	for i := range act.NumField() {
		f := act.Field(i)
		g, ok := idea.FieldByName(f.Name)
		if !ok {
			t.Errorf("IdeaActivityInput lacks %s (json %q)", f.Name, f.Tag.Get("json"))
			continue
		}
		if g.Type != f.Type || g.Tag.Get("json") != f.Tag.Get("json") || g.Tag.Get("text") != f.Tag.Get("text") {
			t.Errorf("IdeaActivityInput.%s differs from ActivityInput.%s: %s %q vs %s %q", f.Name, f.Name, g.Type, g.Tag, f.Type, f.Tag)
		}
	}
	// activityInput copies every field: a zero-free body round-trips.
	in := reflect.ValueOf(&IdeaActivityInput{}).Elem()
	for i := range in.NumField() {
		fillNonZero(t, in.Field(i))
	}
	out := reflect.ValueOf(in.Interface().(IdeaActivityInput).activityInput())
	for i := range act.NumField() {
		name := act.Field(i).Name
		if !reflect.DeepEqual(out.Field(i).Interface(), in.FieldByName(name).Interface()) {
			t.Errorf("activityInput drops %s", name)
		}
	}
	if got := (IdeaActivityInput{}).activityInput().Status; got != StatusProposed {
		t.Errorf("activityInput status without one asked = %q, want proposed", got)
	}
}

func fillNonZero(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillNonZero(t, p.Elem())
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillNonZero(t, s.Index(0))
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillNonZero(t, v.Field(i))
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			v.Index(i).Set(reflect.ValueOf(byte(i + 1)).Convert(v.Type().Elem()))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	default:
		t.Fatalf("fillNonZero: %s", v.Kind())
	}
}
