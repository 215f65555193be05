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
	Sv   string `json:"sv" validate:"optional" example:"Allsång"`
	En   string `json:"en" validate:"optional" example:"Sing-along"`
	read langTexts
}

func (t *TranslationsInput) texts() map[string]*string {
	return map[string]*string{"sv": &t.Sv, "en": &t.En}
}

// UnmarshalJSON reads the object leniently and leaves the judgement to
// check, so the client learns every bad key with its full field name.
func (t *TranslationsInput) UnmarshalJSON(b []byte) error {
	*t = TranslationsInput{}
	return t.read.unmarshal(b, t.texts(), reflect.TypeFor[TranslationsInput]())
}

// check validates the translations of field like its Finnish text (never
// required, at most max characters); trim trims them as the Finnish is.
func (t *TranslationsInput) check(v *validate.Errors, field string, max int, trim bool) {
	if t != nil {
		t.read.check(v, field, Languages, t.texts(), max, trim)
	}
}

// langTexts reads a {language: text} object (translations, plain-language
// texts) leniently: keys that are not a language, and values that are not
// text, are collected so validation can name them field by field
// (title_i18n.de) instead of failing the whole body at decode.
type langTexts struct {
	unknown []string
	notText []string
}

func (l *langTexts) unmarshal(b []byte, dst map[string]*string, typ reflect.Type) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m == nil && !bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return &json.UnmarshalTypeError{Value: "non-object", Type: typ}
	}
	for k, raw := range m {
		var s string
		switch p, ok := dst[k]; {
		case !ok:
			l.unknown = append(l.unknown, k)
		case json.Unmarshal(raw, &s) != nil:
			l.notText = append(l.notText, k)
		default:
			*p = s
		}
	}
	slices.Sort(l.unknown)
	slices.Sort(l.notText)
	return nil
}

// check validates each language's text (never required, at most max
// characters, trimmed when trim), naming bad keys as field.key.
func (l langTexts) check(v *validate.Errors, field string, langs []string, dst map[string]*string, max int, trim bool) {
	for _, k := range l.unknown {
		v.AddCode(field+"."+k, apperr.CodeUnknownField, "is not a known language; use %s", strings.Join(langs, " or "))
	}
	for _, k := range l.notText {
		v.AddCode(field+"."+k, apperr.CodeWrongType, "must be of type string")
	}
	for _, k := range langs {
		if slices.Contains(l.notText, k) {
			continue
		}
		if trim {
			*dst[k] = strings.TrimSpace(*dst[k])
		}
		v.Text(field+"."+k, *dst[k], false, max)
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
func patchTranslations[T any](dst **T, src *T) {
	if src != nil {
		*dst = src
	}
}

// PlainLanguageLanguages are the languages of the plain-language texts:
// Finnish (selkokieli) and Swedish (lättläst), as Selkokeskus publishes them.
var PlainLanguageLanguages = []string{"fi", "sv"}

// PlainLanguage is an activity's easy-to-read text in Finnish (selkokieli)
// and Swedish (lättläst), shown first on the public programme and the print.
// Both keys are always present; "" means none.
type PlainLanguage struct {
	Fi string `json:"fi" example:"Laulamme yhdessä tuttuja lauluja. Voit tulla kuuntelemaan."`
	Sv string `json:"sv" example:"Vi sjunger kända sånger tillsammans. Du kan komma och lyssna."`
}

// PlainLanguageInput sets the plain-language texts. Both keys are optional
// (missing = none); any other key is refused with 422 naming it
// (plain_language.en). In a PATCH the object replaces both languages.
type PlainLanguageInput struct {
	Fi   string `json:"fi" validate:"optional" example:"Laulamme yhdessä tuttuja lauluja. Voit tulla kuuntelemaan."`
	Sv   string `json:"sv" validate:"optional" example:"Vi sjunger kända sånger tillsammans. Du kan komma och lyssna."`
	read langTexts
}

// MaxPlainLanguage is the longest plain-language text: easy-to-read texts are short.
const MaxPlainLanguage = 2000

func (p *PlainLanguageInput) texts() map[string]*string {
	return map[string]*string{"fi": &p.Fi, "sv": &p.Sv}
}

// UnmarshalJSON reads the object leniently (see langTexts).
func (p *PlainLanguageInput) UnmarshalJSON(b []byte) error {
	*p = PlainLanguageInput{}
	return p.read.unmarshal(b, p.texts(), reflect.TypeFor[PlainLanguageInput]())
}

func (p *PlainLanguageInput) check(v *validate.Errors, field string) {
	if p != nil {
		p.read.check(v, field, PlainLanguageLanguages, p.texts(), MaxPlainLanguage, false)
	}
}

func (p *PlainLanguageInput) value() PlainLanguage {
	if p == nil {
		return PlainLanguage{}
	}
	return PlainLanguage{Fi: p.Fi, Sv: p.Sv}
}

func (p PlainLanguage) input() *PlainLanguageInput { return &PlainLanguageInput{Fi: p.Fi, Sv: p.Sv} }
