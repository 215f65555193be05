package notify_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
)

// remind runs every reminder for the clock's time through River's workers.
func (h *harness) remind(at time.Time) {
	h.t.Helper()
	h.clock.Set(at)
	if err := h.env.Notify.EnqueueReminders(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	h.idle()
}

func kindsOf(in []received) []string {
	var out []string
	for _, m := range in {
		out = append(out, m.Subject)
	}
	return out
}

// TestMonthReadyReminders: on the 1st at 08:00 (Helsinki) each manager of a
// department that has not approved the month that ended hears of it, and
// again every week while it waits; not before 08:00, not twice a day, and
// not after approving.
func TestMonthReadyReminders(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	b := h.budgetWorld()
	for _, m := range []string{"2025-01", "2025-02"} {
		env.Post(b.period(m)+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
		env.Post(b.period(m)+"/approve", b.managerB.Token, nil).Expect(http.StatusOK)
	}
	h.idle()
	base := len(h.smtp.messages()) // the "approved" emails to producers

	// The 31st of March at 23:00: March has not ended.
	h.remind(helsinki(t, "2025-03-31 23:00"))
	if n := len(h.smtp.messages()) - base; n != 0 {
		t.Fatalf("%d reminders before March ended", n)
	}
	// The 1st at 07:59 still runs the reminders of the 31st.
	h.remind(helsinki(t, "2025-04-01 07:59"))
	if n := len(h.smtp.messages()) - base; n != 0 {
		t.Fatalf("%d reminders before 08:00", n)
	}
	// The 1st at 08:00: both managers, for March.
	h.remind(helsinki(t, "2025-04-01 08:00"))
	msgs := h.smtp.messages()[base:]
	got := byRecipient(t, msgs)
	link := "/month-close?agreement=" + b.agreement + "&month=2025-03"
	for _, m := range []apitest.User{b.managerA, b.managerB} {
		if len(got[m.Email]) != 1 {
			t.Fatalf("%s: %v", m.Email, kindsOf(got[m.Email]))
		}
		checkMail(t, got[m.Email][0], wantMail{to: m.Email, subject: []string{"maaliskuu 2025 odottaa hyväksyntääsi"}, link: link})
	}
	// A run again that day, or three days later: nothing new.
	h.remind(helsinki(t, "2025-04-01 12:00"))
	h.remind(helsinki(t, "2025-04-04 08:00"))
	if n := len(h.smtp.messages()) - base; n != 2 {
		t.Fatalf("%d reminders within the week, want 2", n)
	}
	// Manager A approves; a week later only B hears again.
	env.Post(b.period("2025-03")+"/approve", b.managerA.Token, nil).Expect(http.StatusOK)
	h.remind(helsinki(t, "2025-04-08 08:00"))
	msgs = h.smtp.messages()[base+2:]
	if len(msgs) != 1 || msgs[0].To[0] != b.managerB.Email {
		t.Fatalf("weekly repeat: %v to %v", kindsOf(msgs), msgs)
	}
	// B approves (the producers hear it is approved); no more reminders.
	env.Post(b.period("2025-03")+"/approve", b.managerB.Token, nil).Expect(http.StatusOK)
	h.idle()
	before := len(h.smtp.messages())
	h.remind(helsinki(t, "2025-04-15 08:00"))
	if n := len(h.smtp.messages()) - before; n != 0 {
		t.Errorf("%d reminders for an approved month", n)
	}
	in := h.inbox(b.managerB.Token)
	if *in.Total != 2 || in.Items[0].Kind != "month_ready" {
		t.Errorf("manager B inbox: %+v", in)
	}
}

// TestAttendanceReminders: two days after an occurrence without attendance
// the unit's mentors get one digest a day, each occurrence once; recorded,
// proposed, cancelled and other units' occurrences are left out.
func TestAttendanceReminders(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	u := h.unitWorld()
	otherUnit := env.Unit()
	otherMentor := env.UserWith(access.RoleMentor, apitest.WithUnits(otherUnit))
	producer := env.UserWith(access.RoleProducer)
	act := func(title, at, status string, unit any) string {
		start := helsinki(t, at)
		return env.Post("/api/v1/activities", producer.Token, map[string]any{"title": title, "category": "music",
			"starts_at": start, "ends_at": start.Add(time.Hour), "unit_ids": []any{unit}, "status": status}).
			Expect(http.StatusCreated).ID()
	}
	sunday := act("Sunnuntaikonsertti", "2025-04-06 14:00", "planned", u.unit)
	act("Maanantaimaalaus", "2025-04-07 10:00", "confirmed", u.unit)
	recorded := act("Kirjastokäynti", "2025-04-06 10:00", "confirmed", u.unit)
	act("Ehdotus", "2025-04-06 12:00", "proposed", u.unit)
	cancelled := act("Peruttu", "2025-04-06 16:00", "planned", u.unit)
	env.Patch("/api/v1/activities/"+cancelled, producer.Token, map[string]any{"status": "cancelled"}, "").Expect(http.StatusOK)
	act("Toisen yksikön", "2025-04-06 11:00", "planned", otherUnit)
	env.Post("/api/v1/activities/"+recorded+"/attendance", u.mentor1.Token, map[string]any{
		"occurrence_start": helsinki(t, "2025-04-06 10:00"), "residents": 5, "staff": 1, "volunteers": 0, "relatives": 0}).
		Expect(http.StatusCreated)
	h.idle()

	h.remind(helsinki(t, "2025-04-08 08:00"))
	got := byRecipient(t, h.smtp.messages())
	for _, m := range []apitest.User{u.mentor1, u.mentor2} {
		if len(got[m.Email]) != 1 {
			t.Fatalf("%s got %v", m.Email, kindsOf(got[m.Email]))
		}
		mail := got[m.Email][0]
		occ := url.QueryEscape(helsinki(t, "2025-04-06 14:00").UTC().Format(time.RFC3339))
		checkMail(t, mail, wantMail{to: m.Email, subject: []string{"Osallistujat kirjaamatta", u.unitName, "(1)"},
			link: "/activities/" + sunday + "/attendance?occurrence=" + occ})
		if !strings.Contains(mail.Text, "sunnuntai 6.4.2025 klo 14.00 Sunnuntaikonsertti") {
			t.Errorf("digest lines: %s", mail.Text)
		}
		for _, no := range []string{"Kirjastokäynti", "Ehdotus", "Peruttu", "Toisen yksikön", "Maanantaimaalaus"} {
			if strings.Contains(mail.Text, no) {
				t.Errorf("digest lists %s", no)
			}
		}
	}
	// The inbox has the digest's line with the link to its own attendance screen.
	in := h.inbox(u.mentor1.Token)
	if len(in.Items) != 1 || len(in.Items[0].Items) != 1 || in.Items[0].Items[0].Text != "sunnuntai 6.4.2025 klo 14.00 Sunnuntaikonsertti" ||
		in.Items[0].Items[0].Link != "/activities/"+sunday+"/attendance?occurrence="+url.QueryEscape(helsinki(t, "2025-04-06 14:00").UTC().Format(time.RFC3339)) {
		t.Errorf("inbox digest: %+v", in.Items)
	}
	if len(got[otherMentor.Email]) != 1 || !strings.Contains(got[otherMentor.Email][0].Text, "Toisen yksikön") {
		t.Errorf("the other unit's mentor: %v", kindsOf(got[otherMentor.Email]))
	}
	// The next day: Monday's occurrence, and Sunday's not again.
	h.remind(helsinki(t, "2025-04-09 08:00"))
	msgs := h.smtp.messages()[3:]
	if len(msgs) != 2 {
		t.Fatalf("day two: %v", kindsOf(msgs))
	}
	for _, m := range msgs {
		if !strings.Contains(m.Text, "Maanantaimaalaus") || strings.Contains(m.Text, "Sunnuntaikonsertti") {
			t.Errorf("day two digest: %s", m.Text)
		}
	}
	h.remind(helsinki(t, "2025-04-10 08:00"))
	if n := len(h.smtp.messages()); n != 5 {
		t.Errorf("day three sent %d more", n-5)
	}
	noPersonalDataStored(t, env)
}

// TestWeeklyProgramme: Monday 07:00, per unit, only to the mentors who
// opted in, listing the week's activities.
func TestWeeklyProgramme(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	u := h.unitWorld()
	producer := env.UserWith(access.RoleProducer)
	env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"email": map[string]any{"weekly_programme": true}}, "").
		Expect(http.StatusOK)
	for _, a := range []struct{ title, at, status string }{
		{"Tiistain tanssit", "2025-04-15 13:00", "confirmed"},
		{"Sunnuntain messu", "2025-04-20 11:00", "planned"},
		{"Seuraavan viikon juttu", "2025-04-21 11:00", "planned"},
		{"Viime viikon juttu", "2025-04-13 11:00", "planned"},
		{"Pelkkä ehdotus", "2025-04-16 11:00", "proposed"},
	} {
		start := helsinki(t, a.at)
		env.Post("/api/v1/activities", producer.Token, map[string]any{"title": a.title, "category": "dance",
			"starts_at": start, "ends_at": start.Add(time.Hour), "unit_ids": []any{u.unit}, "status": a.status}).
			Expect(http.StatusCreated)
	}
	h.idle()
	h.remind(helsinki(t, "2025-04-14 06:59")) // last Monday's programme is a week late: none
	if n := len(h.smtp.messages()); n != 0 {
		t.Fatalf("%d emails before Monday 07:00", n)
	}
	h.remind(helsinki(t, "2025-04-14 07:00"))
	msgs := h.smtp.messages()
	if len(msgs) != 1 {
		t.Fatalf("programme: %v", kindsOf(msgs))
	}
	checkMail(t, msgs[0], wantMail{to: u.mentor1.Email, subject: []string{"Viikon ohjelma", u.unitName, "14.4.2025–20.4.2025"},
		link: "/calendar?view=week&date=2025-04-14&unit_id=" + u.unit.String()})
	for _, want := range []string{"tiistai 15.4.2025 klo 13.00 Tiistain tanssit", "sunnuntai 20.4.2025 klo 11.00 Sunnuntain messu"} {
		if !strings.Contains(msgs[0].Text, want) {
			t.Errorf("programme lacks %q:\n%s", want, msgs[0].Text)
		}
	}
	for _, no := range []string{"Seuraavan viikon", "Viime viikon", "Pelkkä ehdotus"} {
		if strings.Contains(msgs[0].Text, no) {
			t.Errorf("programme lists %s", no)
		}
	}
	if in := h.inbox(u.mentor2.Token); *in.Total != 0 {
		t.Errorf("mentor2 did not opt in but has %d notifications", *in.Total)
	}
	noPersonalDataStored(t, env)
}
