package committee_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestCultureProfilePrivacy follows a culture profile from writing to
// erasure: reads and exports are audited, the content never leaks into
// other endpoints, and after erasure the audit log keeps no content.
func TestCultureProfilePrivacy(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a, admin := w.tok["mentorA"], w.tok["admin"]
	base := "/api/v1/residents/" + w.resident + "/culture-profile"
	secret := "Lauloin kirkkokuorossa Ruissalon kesinä"

	w.env.Get(base, a).Problem(http.StatusNotFound, "not-found")
	r := w.env.Put(base, a, map[string]any{"life_story": secret, "music": "Rautavaara"}, "").Expect(http.StatusCreated)
	if r.ETag() != `"1"` || r.Map()["resident_id"] != w.resident || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("created: %s %v", r.ETag(), r.Map())
	}
	w.env.Put(base, a, map[string]any{"life_story": secret, "music": "Rautavaara, kuorot"}, `"1"`).Expect(http.StatusOK)
	w.env.Put(base, a, map[string]any{"music": "lost update"}, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")

	// Every read is audited, by whom and without content.
	for range 3 {
		got := w.env.Get(base, a).Expect(http.StatusOK).Map()
		if got["life_story"] != secret || got["music"] != "Rautavaara, kuorot" {
			t.Fatalf("read: %v", got)
		}
	}
	w.env.Get(base, admin).Expect(http.StatusOK)
	if n := w.auditCount("culture_profile.read", w.resident); n != 4 {
		t.Fatalf("audited reads: %d, want 4", n)
	}
	var readEvents []struct {
		ActorID *string
		Before  []byte
		After   []byte
	}
	w.env.DB.Table("audit_events").Where("action = 'culture_profile.read'").Find(&readEvents)
	for _, e := range readEvents {
		if e.ActorID == nil || e.Before != nil || e.After != nil {
			t.Fatalf("a read event must name the reader and carry no content: %+v", e)
		}
	}

	// The export holds everything about the resident, and is audited.
	var exp struct {
		Resident       map[string]any   `json:"resident"`
		CultureProfile map[string]any   `json:"culture_profile"`
		Memberships    []map[string]any `json:"memberships"`
	}
	er := w.env.Get(base+"/export", a).Expect(http.StatusOK)
	er.JSON(&exp)
	if exp.Resident["display_name"] != "Aili" || exp.CultureProfile["life_story"] != secret || len(exp.Memberships) != 1 ||
		exp.Memberships[0]["role"] != "chair" || exp.Memberships[0]["committee_name"] == "" {
		t.Fatalf("export: %s", er.Body)
	}
	if !strings.Contains(er.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export disposition %q", er.Header.Get("Content-Disposition"))
	}
	if w.auditCount("resident.export", w.resident) != 1 {
		t.Fatal("export not audited")
	}

	// The profile never appears elsewhere: not in idea search, lists or
	// summaries, whoever asks.
	for _, who := range []string{"admin", "producer", "manager", "mentorA", "viewer", "org:read"} {
		for _, p := range []string{"/api/v1/ideas?q=kirkkokuorossa", "/api/v1/committees/summary", "/api/v1/ideas",
			"/api/v1/committees", "/api/v1/mentors/summary", w.path("members"), w.path("meetings"), "/api/v1/residents"} {
			r := w.env.Get(p, w.tok[who])
			if strings.Contains(string(r.Body), "kirkkokuorossa") {
				t.Errorf("%s as %s shows the culture profile: %s", p, who, r.Body)
			}
		}
	}

	// Erasure: the profile goes, and the audit keeps only that it happened.
	w.env.Delete(base, a, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	w.env.Delete(base, a, `"2"`).Expect(http.StatusNoContent)
	w.env.Get(base, a).Problem(http.StatusNotFound, "not-found")
	w.env.Delete(base, a, "").Problem(http.StatusNotFound, "not-found")
	if w.auditCount("culture_profile.erase", w.resident) != 1 {
		t.Fatal("erasure not audited")
	}
	assertNoContent(t, w, "culture_profile", w.resident, "kirkkokuorossa")
	exp.CultureProfile = nil
	w.env.Get(base+"/export", a).Expect(http.StatusOK).JSON(&exp)
	if exp.CultureProfile != nil {
		t.Fatalf("export after erasure: %v", exp.CultureProfile)
	}
}

// assertNoContent fails if any audit event about the entity still holds
// before/after content, or any event at all holds the text.
func assertNoContent(t *testing.T, w *world, entityType, id, text string) {
	t.Helper()
	var n int64
	w.env.DB.Table("audit_events").Where("entity_type = ? AND entity_id = ? AND (before IS NOT NULL OR after IS NOT NULL)",
		entityType, id).Count(&n)
	if n != 0 {
		t.Fatalf("%d audit events about %s %s still hold content", n, entityType, id)
	}
	w.env.DB.Table("audit_events").Where("before::text LIKE ? OR after::text LIKE ?", "%"+text+"%", "%"+text+"%").Count(&n)
	if n != 0 {
		t.Fatalf("%d audit events still hold %q", n, text)
	}
}

// TestResidentErasure erases a resident who sat on a committee: the
// memberships and profile go with them, and the audit log keeps no name.
func TestResidentErasure(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	a := w.tok["mentorA"]
	res := w.env.Post(w.path("members"), a, map[string]any{"display_name": "Ainutlaatuinen", "role": "member", "joined_on": "2024-02-01"}).
		Expect(http.StatusCreated).Map()
	rid, mid := res["resident_id"].(string), res["id"].(string)
	w.env.Patch("/api/v1/residents/"+rid, a, map[string]any{"display_name": "Ainutlaatuinen Toinen"}, "").Expect(http.StatusOK)
	w.env.Put("/api/v1/residents/"+rid+"/culture-profile", a, map[string]any{"wishes": "Ainutlaatuinen toive"}, "").Expect(http.StatusCreated)

	w.env.Delete("/api/v1/residents/"+rid, w.tok["mentorB"], "").Problem(http.StatusNotFound, "not-found")
	w.env.Delete("/api/v1/residents/"+rid, a, `"1"`).Problem(http.StatusPreconditionFailed, "version-mismatch")
	w.env.Delete("/api/v1/residents/"+rid, a, `"2"`).Expect(http.StatusNoContent)

	w.env.Get("/api/v1/residents/"+rid, a).Problem(http.StatusNotFound, "not-found")
	w.env.Get(w.path("members", mid), a).Problem(http.StatusNotFound, "not-found")
	if l := w.list(w.path("members"), a); l.Total != 1 {
		t.Fatalf("members after erasure: %v", l.Items)
	}
	assertNoContent(t, w, "resident", rid, "Ainutlaatuinen")
	assertNoContent(t, w, "committee_member", mid, "Ainutlaatuinen")
	assertNoContent(t, w, "culture_profile", rid, "Ainutlaatuinen")
	if w.auditCount("resident.erase", rid) != 1 || w.auditCount("committee_member.erase", mid) != 1 {
		t.Fatal("erasure events missing")
	}
	// The audit log as an admin reads it holds no trace of the name.
	r := w.env.Get("/api/v1/audit-events?limit=200", w.tok["admin"]).Expect(http.StatusOK)
	if strings.Contains(string(r.Body), "Ainutlaatuinen") {
		t.Fatal("the audit log still shows the erased name")
	}
}
