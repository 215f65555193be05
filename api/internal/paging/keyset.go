package paging

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/civil"
)

// token is a decoded, checked cursor: the order it belongs to (a hash of
// the ORDER BY) and the values of the order's columns in the last row of a
// page, or a position in a list paged in memory.
type token struct {
	Order uint32            `json:"o,omitempty"`
	Keys  []json.RawMessage `json:"k,omitempty"`
	Pos   *int              `json:"p,omitempty"`
}

// checkSalt separates cursor checks from any other hash. The check makes a
// cursor tamper-evident (a changed or truncated cursor is a 400); it is not
// a secret, and needs none: a forged cursor can only name a position in a
// list the caller may read anyway, every value reaching SQL as a typed
// parameter.
const checkSalt = "kulttuurisilta paging cursor v1\x00"

// checkLen is the bytes of the check after the payload.
const checkLen = 8

func badCursor(why string) error {
	return apperr.BadParamCode("cursor", apperr.CodeInvalidFormat, why)
}

func sealToken(t token) string {
	payload, err := json.Marshal(t)
	if err != nil { // a token holds raw JSON and ints only
		panic(err)
	}
	sum := sha256.Sum256(append([]byte(checkSalt), payload...))
	return base64.RawURLEncoding.EncodeToString(append(payload, sum[:checkLen]...))
}

func parseToken(s string) (token, error) {
	var t token
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) <= checkLen {
		return t, badCursor("is not a cursor: pass next_cursor as it came")
	}
	payload, check := raw[:len(raw)-checkLen], raw[len(raw)-checkLen:]
	sum := sha256.Sum256(append([]byte(checkSalt), payload...))
	if string(sum[:checkLen]) != string(check) {
		return t, badCursor("has been changed: pass next_cursor as it came")
	}
	if err := json.Unmarshal(payload, &t); err != nil {
		return t, badCursor("is not a cursor: pass next_cursor as it came")
	}
	return t, nil
}

func positionToken(n int) string { return sealToken(token{Pos: &n}) }

func (t token) position() (int, error) {
	if t.Pos == nil || *t.Pos < 0 {
		return 0, badCursor("belongs to another list")
	}
	return *t.Pos, nil
}

// keyset is a list order read for keyset paging: its terms and the columns
// of T that they read.
type keyset struct {
	hash  uint32
	terms []term
	refs  []*schema.Field // every column reference of every term, in order
}

type term struct {
	expr       string // the term's expression as in the ORDER BY
	parts      []string
	refs       []int // indexes into keyset.refs, one per gap between parts
	desc       bool
	nullsFirst bool
	nullable   bool
}

var keysets sync.Map // keysetKey -> *keyset

type keysetKey struct {
	typ   reflect.Type
	order string
}

var schemas sync.Map

func keysetOf[T any](q *gorm.DB, order string) (*keyset, error) {
	k := keysetKey{reflect.TypeFor[T](), order}
	if ks, ok := keysets.Load(k); ok {
		return ks.(*keyset), nil
	}
	sch, err := schema.Parse(new(T), &schemas, q.NamingStrategy)
	if err != nil {
		return nil, err
	}
	ks, err := parseOrder(sch, k.typ.String()+"\x00"+order, order)
	if err != nil {
		return nil, fmt.Errorf("paging: order %q of %s: %w", order, k.typ, err)
	}
	keysets.Store(k, ks)
	return ks, nil
}

var identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.]*`)

// parseOrder reads an ORDER BY of a list (named by its row type, which the
// cursor's order hash includes): terms split at top-level commas, each an
// expression with optional ASC/DESC and NULLS FIRST/LAST, whose
// identifiers (not function names, not inside quotes) that name a column
// of the schema are its references.
func parseOrder(sch *schema.Schema, list, order string) (*keyset, error) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(list))
	ks := &keyset{hash: h.Sum32()}
	for _, raw := range splitTop(order) {
		t := term{}
		words := strings.Fields(raw)
		up := func(i int) string { return strings.ToUpper(words[i]) }
		if n := len(words); n >= 2 && up(n-2) == "NULLS" {
			t.nullsFirst = up(n-1) == "FIRST"
			if !t.nullsFirst && up(n-1) != "LAST" {
				return nil, fmt.Errorf("term %q: NULLS FIRST or LAST", raw)
			}
			words = words[:n-2]
		} else {
			t.nullsFirst = len(words) >= 2 && up(len(words)-1) == "DESC"
		}
		if n := len(words); n >= 2 && (up(n-1) == "DESC" || up(n-1) == "ASC") {
			t.desc = up(n-1) == "DESC"
			words = words[:n-1]
		}
		t.expr = strings.Join(words, " ")
		if err := ks.readRefs(sch, &t); err != nil {
			return nil, fmt.Errorf("term %q: %w", raw, err)
		}
		ks.terms = append(ks.terms, t)
	}
	if len(ks.terms) == 0 {
		return nil, fmt.Errorf("no terms")
	}
	return ks, nil
}

func (ks *keyset) readRefs(sch *schema.Schema, t *term) error {
	e := t.expr
	last := 0
	for _, m := range identifier.FindAllStringIndex(e, -1) {
		if inQuotes(e[:m[0]]) || strings.HasPrefix(strings.TrimLeft(e[m[1]:], " "), "(") {
			continue
		}
		name := e[m[0]:m[1]]
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		f := sch.LookUpField(name)
		if f == nil || f.DBName != name {
			continue
		}
		if _, err := sqlType(f.FieldType); err != nil {
			return err
		}
		t.parts = append(t.parts, e[last:m[0]])
		t.refs = append(t.refs, len(ks.refs))
		ks.refs = append(ks.refs, f)
		if f.FieldType.Kind() == reflect.Pointer {
			t.nullable = true
		}
		last = m[1]
	}
	if len(t.refs) == 0 {
		return fmt.Errorf("reads no column of the rows")
	}
	t.parts = append(t.parts, e[last:])
	// A term may be NULL when a column it reads may be, or when it is an
	// expression (array_position finds nothing, a function of a column);
	// an IS [NOT] NULL test never is. Only a bare NOT NULL column gets the
	// plain comparisons.
	bare := len(t.refs) == 1 && strings.TrimSpace(t.parts[0]) == "" && strings.TrimSpace(t.parts[1]) == ""
	if !bare {
		t.nullable = true
	}
	if u := strings.ToUpper(e); strings.HasSuffix(u, " IS NULL") || strings.HasSuffix(u, " IS NOT NULL") {
		t.nullable = false
	}
	return nil
}

func inQuotes(before string) bool { return strings.Count(before, "'")%2 == 1 }

// splitTop splits at commas outside parentheses, brackets and quotes.
func splitTop(s string) []string {
	var out []string
	depth, quoted, start := 0, false, 0
	for i, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
		case quoted:
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case r == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

var (
	timeType = reflect.TypeFor[time.Time]()
	uuidType = reflect.TypeFor[uuid.UUID]()
	dateType = reflect.TypeFor[civil.Date]()
)

// sqlType is the SQL type a cursor value of a Go field is cast to, so a
// parameter has a type wherever it stands in an expression.
func sqlType(t reflect.Type) (string, error) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case timeType:
		return "timestamptz", nil
	case uuidType:
		return "uuid", nil
	case dateType:
		return "date", nil
	}
	switch t.Kind() {
	case reflect.String:
		return "text", nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return "bigint", nil
	case reflect.Bool:
		return "boolean", nil
	case reflect.Float32, reflect.Float64:
		return "double precision", nil
	}
	return "", fmt.Errorf("no cursor for a column of type %s", t)
}

// cursorOf is the cursor after row.
func (ks *keyset) cursorOf(row any) (string, error) {
	rv := reflect.ValueOf(row).Elem()
	t := token{Order: ks.hash, Keys: make([]json.RawMessage, len(ks.refs))}
	for i, f := range ks.refs {
		v, _ := f.ValueOf(context.Background(), rv)
		b, err := json.Marshal(v)
		if err != nil {
			return "", err
		}
		t.Keys[i] = b
	}
	return sealToken(t), nil
}

// after is the condition "the row comes after the cursor's row in the
// order", with its arguments. With every term non-null and in one
// direction it is one row comparison, which an index on the order's
// columns answers as a range; otherwise the expanded form, led by a bound
// on the first term so that an index still starts at the cursor.
func (ks *keyset) after(t token) (string, []any, error) {
	if t.Order != ks.hash || len(t.Keys) != len(ks.refs) || t.Pos != nil {
		return "", nil, badCursor("belongs to another list or order")
	}
	vals := make([]any, len(ks.refs))
	for i, f := range ks.refs {
		v := reflect.New(f.FieldType)
		if err := json.Unmarshal(t.Keys[i], v.Interface()); err != nil {
			return "", nil, badCursor("belongs to another list or order")
		}
		vals[i] = v.Elem().Interface()
	}
	var args []any
	// at writes term i's expression on the cursor's side.
	at := func(i int) string {
		tm := ks.terms[i]
		var b strings.Builder
		for j, r := range tm.refs {
			typ, _ := sqlType(ks.refs[r].FieldType)
			b.WriteString(tm.parts[j] + "CAST(? AS " + typ + ")")
			args = append(args, vals[r])
		}
		b.WriteString(tm.parts[len(tm.parts)-1])
		return "(" + b.String() + ")"
	}
	same, plain := true, true
	for _, tm := range ks.terms {
		same = same && tm.desc == ks.terms[0].desc
		plain = plain && !tm.nullable
	}
	if same && plain {
		cols, cur := make([]string, len(ks.terms)), make([]string, len(ks.terms))
		for i, tm := range ks.terms {
			cols[i] = tm.expr
			cur[i] = at(i)
		}
		op := ">"
		if ks.terms[0].desc {
			op = "<"
		}
		return "(" + strings.Join(cols, ", ") + ") " + op + " (" + strings.Join(cur, ", ") + ")", args, nil
	}
	var b strings.Builder
	if t0 := ks.terms[0]; !t0.nullable {
		op := ">="
		if t0.desc {
			op = "<="
		}
		b.WriteString("(" + t0.expr + ") " + op + " " + at(0) + " AND ")
	}
	b.WriteString("(")
	for i, tm := range ks.terms {
		k := "(" + tm.expr + ")"
		op := ">"
		if tm.desc {
			op = "<"
		}
		if !tm.nullable {
			b.WriteString(k + " " + op + " " + at(i))
		} else if tm.nullsFirst {
			c := at(i)
			b.WriteString("((" + c + " IS NULL AND " + k + " IS NOT NULL) OR " + k + " " + op + " " + at(i) + ")")
		} else {
			c := at(i)
			b.WriteString("(" + c + " IS NOT NULL AND (" + k + " " + op + " " + at(i) + " OR " + k + " IS NULL))")
		}
		if i == len(ks.terms)-1 {
			break
		}
		if tm.nullable {
			b.WriteString(" OR (" + k + " IS NOT DISTINCT FROM " + at(i) + " AND (")
		} else {
			b.WriteString(" OR (" + k + " = " + at(i) + " AND (")
		}
	}
	b.WriteString(strings.Repeat("))", len(ks.terms)-1) + ")")
	return b.String(), args, nil
}
