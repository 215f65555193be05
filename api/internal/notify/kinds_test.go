package notify_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/apitest"
)

// wantMail is what one email must say.
type wantMail struct {
	to      string
	lang    string   // fi when empty
	subject []string // fragments of the subject
	link    string   // the exact screen, after PUBLIC_BASE_URL
}

// checkMail asserts recipient, subject, language, link, both parts, the
// unsubscribe link and the absence of personal data.
func checkMail(t *testing.T, got received, w wantMail) {
	t.Helper()
	if len(got.To) != 1 || got.To[0] != w.to {
		t.Errorf("to %v, want %s", got.To, w.to)
	}
	for _, s := range w.subject {
		if !strings.Contains(got.Subject, s) {
			t.Errorf("subject %q lacks %q", got.Subject, s)
		}
	}
	lang := w.lang
	if lang == "" {
		lang = "fi"
	}
	hello := map[string]string{"fi": "Hei,", "sv": "Hej,", "en": "Hello,"}[lang]
	if l := got.Header.Get("Content-Language"); l != lang {
		t.Errorf("Content-Language %q, want %s (the user's language)", l, lang)
	}
	if !strings.HasPrefix(got.Text, hello) || !strings.Contains(got.HTML, `<html lang="`+lang+`">`) {
		t.Errorf("not in %s: %q", lang, got.Text)
	}
	link := publicBase + w.link
	if !strings.Contains(got.Text, link) {
		t.Errorf("text lacks the link %s:\n%s", link, got.Text)
	}
	if !strings.Contains(got.HTML, `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`) {
		t.Errorf("HTML lacks the link %s:\n%s", link, got.HTML)
	}
	if u := got.Header.Get("List-Unsubscribe"); !strings.HasPrefix(u, "<"+publicBase+"/api/v1/notification-unsubscribe?token=") {
		t.Errorf("List-Unsubscribe %q", u)
	}
	if got.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Error("no one-click unsubscribe")
	}
	if !strings.Contains(got.Text, publicBase+"/unsubscribe?token=") {
		t.Error("text lacks the unsubscribe link")
	}
	if !strings.HasSuffix(got.Header.Get("Message-Id"), "@kulttuurisilta.example.test>") {
		t.Errorf("Message-Id %q", got.Header.Get("Message-Id"))
	}
	noPersonalData(t, "email "+got.Subject, got.Raw, got.Text, got.HTML)
}

// TestEventKinds drives each change-triggered kind through the API and
// asserts what arrives by SMTP and in the inbox: who, what, in which
// language, linking where, and nothing personal.
func TestEventKinds(t *testing.T) {
	h := newHarness(t, smtpOpts{user: "ks", pass: "secret"})
	env := h.env
	b := h.budgetWorld()
	u := h.unitWorld()
	producer2 := env.UserWith("producer")
	periodLink := "/month-close?agreement=" + b.agreement + "&month=2025-03"

	// Month fully approved -> the producers.
	env.Post(b.period("2025-03")+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
	h.idle()
	if n := len(h.smtp.messages()); n != 0 {
		t.Fatalf("one approval of two sent %d emails", n)
	}
	env.Post(b.period("2025-03")+"/approve", b.managerB.Token, nil).Expect(http.StatusOK)
	msgs := h.smtp.waitFor(2, 10*time.Second)
	got := byRecipient(t, msgs)
	for _, p := range []apitest.User{b.producer, producer2} {
		if len(got[p.Email]) != 1 {
			t.Fatalf("producer %s got %d emails", p.Email, len(got[p.Email]))
		}
		checkMail(t, got[p.Email][0], wantMail{to: p.Email, subject: []string{"maaliskuu 2025", "hyväksytty", "Kulttuurisilta 2025"}, link: periodLink})
	}

	// Locked -> the managers; unlocked -> the managers, with the reason.
	env.Post(b.period("2025-03")+"/lock", b.producer.Token, nil).Expect(http.StatusOK)
	msgs = h.smtp.waitFor(4, 10*time.Second)[2:]
	got = byRecipient(t, msgs)
	for _, m := range []apitest.User{b.managerA, b.managerB} {
		if len(got[m.Email]) != 1 {
			t.Fatalf("manager %s got %d lock emails", m.Email, len(got[m.Email]))
		}
		checkMail(t, got[m.Email][0], wantMail{to: m.Email, subject: []string{"maaliskuu 2025", "lukittu"}, link: periodLink})
	}
	env.Post(b.period("2025-03")+"/unlock", b.admin.Token, map[string]any{"reason": "Laskun summa korjattava"}).Expect(http.StatusOK)
	msgs = h.smtp.waitFor(6, 10*time.Second)[4:]
	got = byRecipient(t, msgs)
	for _, m := range []apitest.User{b.managerA, b.managerB} {
		checkMail(t, got[m.Email][0], wantMail{to: m.Email, subject: []string{"maaliskuu 2025", "avattiin"}, link: periodLink})
		if !strings.Contains(got[m.Email][0].Text, "Syy: Laskun summa korjattava") {
			t.Errorf("unlock email lacks the reason: %s", got[m.Email][0].Text)
		}
	}

	// An idea's status changed -> the committee's mentors, not the one who
	// changed it. Mentor 1 reads Swedish, mentor 2 English.
	env.DB.Exec(`UPDATE users SET locale = 'sv' WHERE id = ?`, u.mentor1.ID)
	env.DB.Exec(`UPDATE users SET locale = 'en' WHERE id = ?`, u.mentor2.ID)
	env.Patch("/api/v1/ideas/"+u.idea, u.mentor2.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	msgs = h.smtp.waitFor(7, 10*time.Second)[6:]
	checkMail(t, msgs[0], wantMail{to: u.mentor1.Email, lang: "sv", subject: []string{"Idéns status ändrades", "Tanssiaiset"},
		link: "/ideas?committee_id=" + u.committee})
	if !strings.Contains(msgs[0].Text, "ny → planerad") || !strings.Contains(msgs[0].Text, u.unitName) {
		t.Errorf("idea email: %s", msgs[0].Text)
	}

	// An activity in the unit, in three days: changed, then cancelled ->
	// both mentors (the producer changes it).
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	act := env.Post("/api/v1/activities", b.producer.Token, map[string]any{"title": "Haitarikonsertti", "category": "music",
		"starts_at": start, "ends_at": start.Add(time.Hour), "unit_ids": []any{u.unit}, "status": "planned"}).
		Expect(http.StatusCreated).ID()
	h.idle()
	if n := len(h.smtp.messages()); n != 7 {
		t.Fatalf("creating an activity sent email (%d messages)", n)
	}
	env.Patch("/api/v1/activities/"+act, b.producer.Token, map[string]any{"starts_at": start.Add(time.Hour),
		"ends_at": start.Add(2 * time.Hour)}, "").Expect(http.StatusOK)
	msgs = h.smtp.waitFor(9, 10*time.Second)[7:]
	got = byRecipient(t, msgs)
	checkMail(t, got[u.mentor1.Email][0], wantMail{to: u.mentor1.Email, lang: "sv", subject: []string{"Ändring: Haitarikonsertti"},
		link: "/activities/" + act})
	checkMail(t, got[u.mentor2.Email][0], wantMail{to: u.mentor2.Email, lang: "en", subject: []string{"Changed: Haitarikonsertti"},
		link: "/activities/" + act})
	if !strings.Contains(got[u.mentor2.Email][0].Text, "changed: time") {
		t.Errorf("change email: %s", got[u.mentor2.Email][0].Text)
	}
	env.Patch("/api/v1/activities/"+act, b.producer.Token, map[string]any{"status": "cancelled"}, "").Expect(http.StatusOK)
	msgs = h.smtp.waitFor(11, 10*time.Second)[9:]
	got = byRecipient(t, msgs)
	if s := got[u.mentor1.Email][0].Subject; !strings.HasPrefix(s, "Inställt: Haitarikonsertti") {
		t.Errorf("cancel email subject %q", s)
	}
	if s := got[u.mentor2.Email][0].Subject; !strings.HasPrefix(s, "Cancelled: Haitarikonsertti") {
		t.Errorf("cancel email subject %q", s)
	}

	// An activity a month ahead changes: nobody is told.
	far := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Hour)
	act2 := env.Post("/api/v1/activities", b.producer.Token, map[string]any{"title": "Kevätjuhla", "category": "music",
		"starts_at": far, "ends_at": far.Add(time.Hour), "unit_ids": []any{u.unit}, "status": "planned"}).
		Expect(http.StatusCreated).ID()
	env.Patch("/api/v1/activities/"+act2, b.producer.Token, map[string]any{"title": "Kevätjuhla!"}, "").Expect(http.StatusOK)
	h.idle()
	if n := len(h.smtp.messages()); n != 11 {
		t.Errorf("a change 30 days ahead sent email (%d messages, want 11)", n)
	}

	// Every email went over the authenticated session, once per recipient
	// and event; the inboxes hold the same.
	if h.smtp.logins < 11 {
		t.Errorf("%d logins for 11 emails", h.smtp.logins)
	}
	in := h.inbox(u.mentor1.Token)
	if *in.Total != 3 || in.Unread != 3 {
		t.Errorf("mentor1 inbox: total %d unread %d, want 3 and 3", *in.Total, in.Unread)
	}
	for _, it := range in.Items {
		noPersonalData(t, "inbox item "+it.Title, it.Title, it.Body)
		if it.Email != "sent" {
			t.Errorf("inbox item %s: email %s, want sent", it.Kind, it.Email)
		}
	}
	if in := h.inbox(u.mentor2.Token); *in.Total != 2 {
		t.Errorf("mentor2 (who changed the idea) has %d notifications, want the 2 activity ones", *in.Total)
	}
	noPersonalDataStored(t, env)
}

// TestApprovalWithdrawn: a cost written into an approved month, or a change
// of the shares, tells each manager whose approval fell, naming the change.
func TestApprovalWithdrawn(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	b := h.budgetWorld()
	env.DB.Exec(`UPDATE users SET locale = 'en' WHERE id = ?`, b.managerB.ID)
	approveBoth := func(month string) {
		env.Post(b.period(month)+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
		env.Post(b.period(month)+"/approve", b.managerB.Token, nil).Expect(http.StatusOK)
		h.idle()
	}
	approveBoth("2025-05")
	base := len(h.smtp.messages())
	env.Post("/api/v1/costs", b.producer.Token, map[string]any{"agreement_id": b.agreement, "incurred_on": "2025-05-12",
		"amount_cents": 45000, "category": "performer_fee", "description": "Esiintyjäpalkkio"}).Expect(http.StatusCreated)
	msgs := h.smtp.waitFor(base+2, 10*time.Second)[base:]
	got := byRecipient(t, msgs)
	link := "/month-close?agreement=" + b.agreement + "&month=2025-05"
	checkMail(t, got[b.managerA.Email][0], wantMail{to: b.managerA.Email, subject: []string{"Hyväksyntäsi kuukaudelle toukokuu 2025 peruuntui"}, link: link})
	if want := "kuukauteen lisättiin kustannus ”Esiintyjäpalkkio” (450,00\u00a0€, 12.5.2025)"; !strings.Contains(got[b.managerA.Email][0].Text, want) {
		t.Errorf("fi text lacks %q:\n%s", want, got[b.managerA.Email][0].Text)
	}
	checkMail(t, got[b.managerB.Email][0], wantMail{to: b.managerB.Email, lang: "en", subject: []string{"Your approval of May 2025 was withdrawn"}, link: link})
	if want := "the cost “Esiintyjäpalkkio” (€450.00, 12 May 2025) was added"; !strings.Contains(got[b.managerB.Email][0].Text, want) {
		t.Errorf("en text lacks %q:\n%s", want, got[b.managerB.Email][0].Text)
	}

	// Only manager A had approved June: only A hears of the share change.
	env.Post(b.period("2025-06")+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
	var ag map[string]any
	r := env.Get("/api/v1/agreements/"+b.agreement, b.producer.Token).Expect(http.StatusOK)
	r.JSON(&ag)
	env.Patch("/api/v1/agreements/"+b.agreement, b.producer.Token, map[string]any{"departments": []map[string]any{
		{"department_id": b.depA, "share_bp": 6000, "budget_cents": 5_000_000},
		{"department_id": b.depB, "share_bp": 4000, "budget_cents": 4_000_000},
	}}, r.ETag()).Expect(http.StatusOK)
	msgs = h.smtp.waitFor(base+3, 10*time.Second)[base+2:]
	checkMail(t, msgs[0], wantMail{to: b.managerA.Email, subject: []string{"kesäkuu 2025"}, link: "/month-close?agreement=" + b.agreement + "&month=2025-06"})
	if !strings.Contains(msgs[0].Text, "sopimuksen osuuksia muutettiin") {
		t.Errorf("share change text: %s", msgs[0].Text)
	}
	h.idle()
	if n := len(h.smtp.messages()); n != base+3 {
		t.Errorf("%d emails after the share change, want %d", n, base+3)
	}
}
