package calendar

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/validate"
)

// Languages are the translation keys beside the Finnish text (ISO 639-1, as in Linked Events).
var Languages = []string{"sv", "en"}

// Translations are the Swedish and English versions of a Finnish text
// (ADR 0040). Both keys are always present; "" means no translation.
type Translations struct {
	Sv string `json:"sv" example:"Allsång"`
	En string `json:"en" example:"Sing-along"`
}

// TranslationsInput sets the Swedish and English versions of a text. Both
// keys are optional (missing = no translation); any other key is refused
// with 422 naming it (title_i18n.de). In a PATCH the object replaces both
// languages, so {"sv": "Allsång"} also clears the English.
type TranslationsInput struct {
	Sv string `json:"sv" validate:"optional" example:"Allsång"`
	En string `json:"en" validate:"optional" example:"Sing-along"`
	// unknown and notText collect keys that are not a language or whose
	// value is not a string, so validation can name them field by field.
	unknown []string
	notText []string
}

// UnmarshalJSON reads the object leniently and leaves the judgement to
// check, so the client learns every bad key with its full field name.
func (t *TranslationsInput) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m == nil && !bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return &json.UnmarshalTypeError{Value: "non-object", Type: reflect.TypeFor[TranslationsInput]()}
	}
	*t = TranslationsInput{}
	for k, raw := range m {
		var s string
		dst := map[string]*string{"sv": &t.Sv, "en": &t.En}[k]
		switch {
		case dst == nil:
			t.unknown = append(t.unknown, k)
		case json.Unmarshal(raw, &s) != nil:
			t.notText = append(t.notText, k)
		default:
			*dst = s
		}
	}
	slices.Sort(t.unknown)
	slices.Sort(t.notText)
	return nil
}

// check validates the translations of field like its Finnish text (never
// required, at most max characters); trim trims them as the Finnish is.
func (t *TranslationsInput) check(v *validate.Errors, field string, max int, trim bool) {
	if t == nil {
		return
	}
	if trim {
		t.Sv, t.En = strings.TrimSpace(t.Sv), strings.TrimSpace(t.En)
	}
	for _, k := range t.unknown {
		v.AddCode(field+"."+k, apperr.CodeUnknownField, "is not a known language; use %s", strings.Join(Languages, " or "))
	}
	for _, k := range t.notText {
		v.AddCode(field+"."+k, apperr.CodeWrongType, "must be of type string")
	}
	if !slices.Contains(t.notText, "sv") {
		v.Text(field+".sv", t.Sv, false, max)
	}
	if !slices.Contains(t.notText, "en") {
		v.Text(field+".en", t.En, false, max)
	}
}

// value is the stored pair; nil (not given) is no translation.
func (t *TranslationsInput) value() Translations {
	if t == nil {
		return Translations{}
	}
	return Translations{Sv: t.Sv, En: t.En}
}

// input is the stored pair as an input, for patches to merge into.
func (t Translations) input() *TranslationsInput {
	return &TranslationsInput{Sv: t.Sv, En: t.En}
}

// patchTranslations replaces *dst when a PATCH body carried the object.
func patchTranslations(dst **TranslationsInput, src *TranslationsInput) {
	if src != nil {
		*dst = src
	}
}
