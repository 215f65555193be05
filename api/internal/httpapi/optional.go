package httpapi

import "encoding/json"

// Optional is a PATCH field that tells "absent" (leave as is) from "null"
// (clear it) from a value.
type Optional[T any] struct {
	Set   bool
	Value *T
}

// UnmarshalJSON is only called when the field is present.
func (o *Optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// Patch overwrites *dst when a PATCH body carried the field (src != nil).
func Patch[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// PatchOptional sets *dst when a PATCH body carried the field: to its value,
// or to nil when it was null (Optional).
func PatchOptional[T any](dst **T, src Optional[T]) {
	if src.Set {
		*dst = src.Value
	}
}
