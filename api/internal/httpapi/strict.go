package httpapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// The strict pass walks a request body token by token beside the Go type
// it will be decoded into, before encoding/json sees it. encoding/json
// matches field names case-insensitively, keeps the last of duplicated
// keys, reports a bad date or UUID without saying which field held it,
// and quotes Go's parse layouts and the whole bad value in its messages.
// The walk closes those gaps in one place, for every body:
//
//   - object keys match the json tags exactly; any other key is an
//     unknown_field error, and a key given twice is a conflict error;
//   - every value has the JSON kind its field needs (wrong_type), numbers
//     fit their integer type (out_of_range), and dates, times, UUIDs and
//     other self-parsing values parse (invalid_format), each error naming
//     the field's path (shares[1].basis_points) with a fixed message;
//   - every string is valid UTF-8 without control characters; fields
//     tagged `text:"multiline"` (and everything inside them) may also hold
//     tabs and line breaks. A NUL byte is refused everywhere.
//
// Errors are collected over the whole body (a client learns every bad field
// at once), at most MaxFieldErrors of them are listed.

// MaxFieldErrors is the most field errors one problem lists.
const MaxFieldErrors = 50

// MaxJSONDepth is the deepest nesting of arrays and objects a body may have.
const MaxJSONDepth = 32

// TextTag is the struct tag that lets a text field hold line breaks and
// tabs: `text:"multiline"`.
const TextTag = "text"

// formatHints are the messages of values that parse themselves (the
// message never shows Go's layouts or echoes the value).
var formatHints = map[reflect.Type]string{
	reflect.TypeFor[time.Time]():  "must be an RFC 3339 date and time with an offset, such as 2025-03-01T10:00:00+02:00",
	reflect.TypeFor[civil.Date](): "must be a date YYYY-MM-DD",
	reflect.TypeFor[uuid.UUID]():  "must be a UUID",
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// optionalField is implemented by Optional[T]: the walk checks its value
// as a T.
type optionalField interface{ optionalElem() reflect.Type }

func (Optional[T]) optionalElem() reflect.Type { return reflect.TypeFor[T]() }

// errNesting ends the walk of a body nested deeper than MaxJSONDepth.
var errNesting = errors.New("nesting")

type walker struct {
	dec  *json.Decoder
	body []byte
	// validUTF8 is true when the whole body is valid UTF-8, so no string
	// needs its own check.
	validUTF8 bool
	errs      []apperr.FieldError
	n         int
}

// checkBody runs the strict pass over body for a value of type t. It
// returns a 400 for malformed JSON, a 422 listing the field errors, or nil.
func checkBody(body []byte, t reflect.Type) error {
	w := &walker{dec: json.NewDecoder(bytes.NewReader(body)), body: body, validUTF8: utf8.Valid(body)}
	w.dec.UseNumber()
	tok, err := w.dec.Token()
	if err != nil {
		return syntaxError(err)
	}
	if err := w.value(0, tok, t, "", false, 0); err != nil {
		if errors.Is(err, errNesting) {
			return apperr.BadRequest("the JSON nests deeper than %d levels", MaxJSONDepth)
		}
		return syntaxError(err)
	}
	if _, err := w.dec.Token(); !errors.Is(err, io.EOF) {
		return apperr.BadRequest("the request body has data after the JSON value")
	}
	if w.n == 0 {
		return nil
	}
	e := apperr.Invalid(w.errs...)
	if w.n > len(w.errs) {
		e.Detail = fmt.Sprintf("the request has %d invalid fields; the first %d are listed", w.n, len(w.errs))
	}
	return e
}

func syntaxError(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return apperr.BadRequest("malformed JSON at byte %d", syn.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return apperr.BadRequest("malformed JSON: the body ends too early")
	}
	return apperr.BadRequest("malformed JSON")
}

func (w *walker) add(field, code, message string) {
	w.n++
	if len(w.errs) < MaxFieldErrors {
		if field == "" {
			field = "body"
		}
		w.errs = append(w.errs, apperr.Field(field, code, message))
	}
}

func (w *walker) next() (int64, json.Token, error) {
	start := w.dec.InputOffset()
	tok, err := w.dec.Token()
	return start, tok, err
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// value checks one JSON value whose first token, tok, started at byte
// start, against type t.
func (w *walker) value(start int64, tok json.Token, t reflect.Type, path string, multiline bool, depth int) error {
	if depth > MaxJSONDepth {
		return errNesting
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if tok == nil {
		return nil // null leaves any field at its zero value, as encoding/json does
	}
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(reflect.TypeFor[optionalField]()):
		return w.value(start, tok, reflect.Zero(t).Interface().(optionalField).optionalElem(), path, multiline, depth)
	case pt.Implements(unmarshalerType):
		return w.selfParsing(start, tok, t, path, multiline, depth)
	case pt.Implements(textUnmarshalerType):
		s, ok := tok.(string)
		if !ok {
			w.add(path, apperr.CodeWrongType, hint(t))
			return w.skip(tok)
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			w.add(path, apperr.CodeInvalidFormat, hint(t))
			return nil
		}
		w.text(start, s, path, false)
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			w.add(path, apperr.CodeWrongType, "must be a JSON object")
			return w.skip(tok)
		}
		return w.object(path, false, func(key string, start int64, tok json.Token) error {
			f, ok := fieldsOf(t)[key]
			if !ok {
				w.add(join(path, key), apperr.CodeUnknownField, unknownMessage(t, key))
				return w.skip(tok)
			}
			return w.value(start, tok, f.typ, join(path, key), multiline || f.multiline, depth+1)
		})
	case reflect.Map:
		if tok != json.Delim('{') {
			w.add(path, apperr.CodeWrongType, "must be a JSON object")
			return w.skip(tok)
		}
		return w.object(path, true, func(key string, start int64, tok json.Token) error {
			return w.value(start, tok, t.Elem(), join(path, key), multiline, depth+1)
		})
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 { // []byte is base64 text
			return w.scalar(start, tok, t, path, multiline)
		}
		if tok != json.Delim('[') {
			w.add(path, apperr.CodeWrongType, "must be a JSON array")
			return w.skip(tok)
		}
		return w.array(func(i int, start int64, tok json.Token) error {
			return w.value(start, tok, t.Elem(), fmt.Sprintf("%s[%d]", path, i), multiline, depth+1)
		})
	case reflect.Interface:
		return w.untyped(start, tok, path, multiline, depth)
	}
	return w.scalar(start, tok, t, path, multiline)
}

// scalar checks a string, boolean or number.
func (w *walker) scalar(start int64, tok json.Token, t reflect.Type, path string, multiline bool) error {
	switch t.Kind() {
	case reflect.String:
		if s, ok := tok.(string); ok {
			w.text(start, s, path, multiline)
			return nil
		}
	case reflect.Slice: // []byte
		if _, ok := tok.(string); ok {
			return nil
		}
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := tok.(json.Number); ok {
			_, err := strconv.ParseInt(string(n), 10, t.Bits())
			w.number(err, path, "integer")
			return nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, ok := tok.(json.Number); ok {
			_, err := strconv.ParseUint(string(n), 10, t.Bits())
			if err != nil && strings.HasPrefix(string(n), "-") {
				if _, ierr := strconv.ParseInt(string(n), 10, 64); ierr == nil {
					w.add(path, apperr.CodeOutOfRange, "must not be negative")
					return nil
				}
			}
			w.number(err, path, "integer")
			return nil
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := tok.(json.Number); ok {
			_, err := strconv.ParseFloat(string(n), t.Bits())
			w.number(err, path, "number")
			return nil
		}
	default:
		return w.skip(tok) // kinds no body uses: leave them to encoding/json
	}
	w.add(path, apperr.CodeWrongType, "must be of type "+jsonTypeName(t.Kind().String()))
	return w.skip(tok)
}

func (w *walker) number(err error, path, kind string) {
	var numErr *strconv.NumError
	switch {
	case err == nil:
	case errors.As(err, &numErr) && errors.Is(numErr.Err, strconv.ErrRange):
		w.add(path, apperr.CodeOutOfRange, "is too large")
	default:
		w.add(path, apperr.CodeWrongType, "must be of type "+kind)
	}
}

// selfParsing checks a value of a type with its own UnmarshalJSON (a
// date, a time, the translations object): its contents are walked for
// duplicated keys and bad text, then its own parser judges it.
func (w *walker) selfParsing(start int64, tok json.Token, t reflect.Type, path string, multiline bool, depth int) error {
	n := w.n
	if err := w.untyped(start, tok, path, multiline, depth); err != nil {
		return err
	}
	if w.n > n {
		return nil // its contents were already refused
	}
	raw := bytes.TrimLeft(w.body[start:w.dec.InputOffset()], " \t\r\n:,")
	err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	_, isString := tok.(string)
	_, hinted := formatHints[t]
	if errors.As(err, &typeErr) || hinted && !isString {
		w.add(path, apperr.CodeWrongType, hint(t))
	} else {
		w.add(path, apperr.CodeInvalidFormat, hint(t))
	}
	return nil
}

func hint(t reflect.Type) string {
	if h, ok := formatHints[t]; ok {
		return h
	}
	return "has an invalid value"
}

// untyped checks a value of any shape: keys once per object, text valid.
func (w *walker) untyped(start int64, tok json.Token, path string, multiline bool, depth int) error {
	if depth > MaxJSONDepth {
		return errNesting
	}
	switch tok {
	case json.Delim('{'):
		return w.object(path, true, func(key string, start int64, tok json.Token) error {
			return w.untyped(start, tok, join(path, key), multiline, depth+1)
		})
	case json.Delim('['):
		return w.array(func(i int, start int64, tok json.Token) error {
			return w.untyped(start, tok, fmt.Sprintf("%s[%d]", path, i), multiline, depth+1)
		})
	}
	if s, ok := tok.(string); ok {
		w.text(start, s, path, multiline)
	}
	return nil
}

// object reads the members of an object whose '{' was read, refusing a
// key given twice, and calls member for each value's first token. Keys
// are checked as text where they are data (maps, untyped values); a
// struct's keys are checked against its fields instead.
func (w *walker) object(path string, checkKeys bool, member func(key string, start int64, tok json.Token) error) error {
	seen := map[string]bool{}
	for w.dec.More() {
		kstart, ktok, err := w.next()
		if err != nil {
			return err
		}
		key, _ := ktok.(string)
		if checkKeys {
			w.text(kstart, key, join(path, key), false)
		}
		vstart, vtok, err := w.next()
		if err != nil {
			return err
		}
		if seen[key] {
			w.add(join(path, key), apperr.CodeConflict, "appears more than once in the object")
			if err := w.skip(vtok); err != nil {
				return err
			}
			continue
		}
		seen[key] = true
		if err := member(key, vstart, vtok); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // '}'
	return err
}

// array reads the elements of an array whose '[' was read.
func (w *walker) array(element func(i int, start int64, tok json.Token) error) error {
	for i := 0; w.dec.More(); i++ {
		start, tok, err := w.next()
		if err != nil {
			return err
		}
		if err := element(i, start, tok); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // ']'
	return err
}

// skip consumes the rest of a value whose first token was read, without
// checks (its field is already refused).
func (w *walker) skip(tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// text checks a string token: valid UTF-8, no NUL, no control characters
// except tab and line breaks where multiline.
func (w *walker) text(start int64, s, path string, multiline bool) {
	if !w.validUTF8 && !utf8.Valid(w.body[start:w.dec.InputOffset()]) {
		w.add(path, apperr.CodeInvalidFormat, "must be valid UTF-8 text")
		return
	}
	for _, r := range s {
		switch {
		case r == 0:
			w.add(path, apperr.CodeInvalidFormat, "must not contain NUL characters")
			return
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case unicode.IsControl(r):
			if multiline {
				w.add(path, apperr.CodeInvalidFormat, "must not contain control characters other than tabs and line breaks")
			} else {
				w.add(path, apperr.CodeInvalidFormat, "must be a single line without control characters")
			}
			return
		}
	}
}

// field is one JSON member of a struct.
type field struct {
	typ       reflect.Type
	multiline bool
}

var fieldCache sync.Map // reflect.Type -> map[string]field

// fieldsOf lists a struct's JSON members by their exact names, with the
// members of embedded structs, as encoding/json sees them.
func fieldsOf(t reflect.Type) map[string]field {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]field)
	}
	m := map[string]field{}
	collectFields(t, m, 0)
	fieldCache.Store(t, m)
	return m
}

func collectFields(t reflect.Type, m map[string]field, depth int) {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, taken := m[name]; !taken {
			m[name] = field{typ: f.Type, multiline: f.Tag.Get(TextTag) == "multiline"}
		}
	}
	// Shallower fields win over embedded ones, as in encoding/json.
	if depth < 8 {
		for _, et := range embedded {
			collectFields(et, m, depth+1)
		}
	}
}

// unknownMessage says a key is unknown, pointing at a field it matches
// but for case.
func unknownMessage(t reflect.Type, key string) string {
	for name := range fieldsOf(t) {
		if strings.EqualFold(name, key) {
			return "is not a known field; names are case-sensitive: did you mean " + name + "?"
		}
	}
	return "is not a known field"
}
