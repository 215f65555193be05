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
		if slices.Contains(in.read.unknown, "sv") || slices.Contains(in.read.unknown, "en") {
			t.Fatalf("a language reported unknown: %v", in.read.unknown)
		}
		var v validate.Errors
		in.check(&v, "title_i18n", 200, true)
		if v.Err() != nil || len(in.read.unknown) > 0 || len(in.read.notText) > 0 {
			return
		}
		b, _ := json.Marshal(in.value())
		var back Translations
		if err := json.Unmarshal(b, &back); err != nil || back != in.value() {
			t.Fatalf("round trip %s: %v %v", b, back, err)
		}
	})
}

// FuzzPlainLanguageInput: the same reading for the plain-language texts,
// whose languages are fi and sv (en is refused as unknown).
func FuzzPlainLanguageInput(f *testing.F) {
	for _, s := range []string{`{"fi":"Laulamme.","sv":"Vi sjunger."}`, `{}`, `{"en":"x"}`, `{"fi":5}`, `"x"`, `[]`, `null`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var in PlainLanguageInput
		if err := json.Unmarshal([]byte(s), &in); err != nil {
			return
		}
		if slices.Contains(in.read.unknown, "fi") || slices.Contains(in.read.unknown, "sv") {
			t.Fatalf("a language reported unknown: %v", in.read.unknown)
		}
		var v validate.Errors
		in.check(&v, "plain_language")
		if v.Err() != nil || len(in.read.unknown) > 0 || len(in.read.notText) > 0 {
			return
		}
		b, _ := json.Marshal(in.value())
		var back PlainLanguage
		if err := json.Unmarshal(b, &back); err != nil || back != in.value() {
			t.Fatalf("round trip %s: %v %v", b, back, err)
		}
	})
}
