package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateJSONAndSQL(t *testing.T) {
	var d Date
	if err := json.Unmarshal([]byte(`"2026-03-29"`), &d); err != nil || d.String() != "2026-03-29" {
		t.Fatalf("%v %v", d, err)
	}
	b, _ := json.Marshal(d)
	if string(b) != `"2026-03-29"` {
		t.Fatalf("marshal %s", b)
	}
	for _, bad := range []string{`"2026-02-30"`, `"29.3.2026"`, `20260329`, `"2026-03-29T00:00:00Z"`} {
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	// A timestamptz scanned at any offset keeps its calendar day.
	helsinki, _ := time.LoadLocation("Europe/Helsinki")
	if err := d.Scan(time.Date(2026, 3, 29, 0, 30, 0, 0, helsinki)); err != nil || d.String() != "2026-03-29" {
		t.Fatalf("scan: %v %v", d, err)
	}
	if v, _ := d.Value(); v != "2026-03-29" {
		t.Fatalf("value %v", v)
	}
	if err := d.Scan(42); err == nil {
		t.Fatal("scanned an int")
	}
}

func TestParseMonth(t *testing.T) {
	for s, want := range map[string]string{"2026-03": "2026-03-01", "1999-12": "1999-12-01"} {
		if d, ok := ParseMonth(s); !ok || d.String() != want {
			t.Errorf("ParseMonth(%q) = %v, %v", s, d, ok)
		}
	}
	for _, s := range []string{"", "2026-3", "2026-13", "2026-03-01", "26-03", "2026/03", "x"} {
		if _, ok := ParseMonth(s); ok {
			t.Errorf("ParseMonth(%q) accepted", s)
		}
	}
}
