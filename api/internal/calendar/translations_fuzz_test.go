package calendar

import (
	"encoding/json"
	"slices"
	"testing"

	"kulttuurisilta/api/internal/validate"
)

// FuzzTranslationsInput: any JSON either fails to decode as a non-object or decodes to a value whose
// keys are sv/en strings or reported as unknown/not text; a clean result re-encodes to the same pair.
func FuzzTranslationsInput(f *testing.F) {
	for _, s := range []string{`{"sv":"Allsång","en":"Sing-along"}`, `{}`, `{"de":"x"}`, `{"sv":5}`, `"x"`, `[]`,
		`{"sv":"a","sv":"b"}`, `{"en":null}`, `null`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var in TranslationsInput
		if err := json.Unmarshal([]byte(s), &in); err != nil {
			return
		}
		if slices.Contains(in.unknown, "sv") || slices.Contains(in.unknown, "en") {
			t.Fatalf("a language reported unknown: %v", in.unknown)
		}
		var v validate.Errors
		in.check(&v, "title_i18n", 200, true)
		if v.Err() != nil || len(in.unknown) > 0 || len(in.notText) > 0 {
			return
		}
		b, _ := json.Marshal(in.value())
		var back Translations
		if err := json.Unmarshal(b, &back); err != nil || back != in.value() {
			t.Fatalf("round trip %s: %v %v", b, back, err)
		}
	})
}
