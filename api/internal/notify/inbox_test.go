package notify_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kulttuurisilta/api/internal/access"
	"kulttuurisilta/api/internal/apitest"
	"kulttuurisilta/api/internal/notify"
)

// TestInbox: the inbox is the user's own, paginated, newest first, with an
// unread count; read and read-all mark them; others' ids are 404; an API
// token has none.
func TestInbox(t *testing.T) {
	env := apitest.New(t) // in-app only: no SMTP configured
	u := (&harness{t: t, env: env}).unitWorld()
	other := env.UserWith(access.RoleMentor, apitest.WithUnits(env.Unit()))
	statuses := []string{"declined", "new", "planned", "declined", "new"}
	for i, s := range statuses {
		env.Patch("/api/v1/ideas/"+u.idea, u.mentor2.Token, map[string]any{"status": s}, fmt.Sprintf(`"%d"`, i+1)).Expect(http.StatusOK)
	}
	in := (&harness{t: t, env: env}).inbox(u.mentor1.Token)
	if *in.Total != 5 || in.Unread != 5 || len(in.Items) != 5 {
		t.Fatalf("inbox: %+v", in)
	}
	if in.Items[0].Title != "Idean tila muuttui: Tanssiaiset" || !strings.Contains(in.Items[0].Body, "hylätty") {
		t.Errorf("newest first, in Finnish: %+v", in.Items[0])
	}
	for _, it := range in.Items {
		if it.Email != notify.EmailNone {
			t.Errorf("email %q with SMTP unset, want none", it.Email)
		}
		if it.Link != "/ideas?committee_id="+u.committee {
			t.Errorf("link %q", it.Link)
		}
		if len(it.AllowedActions) != 1 || it.AllowedActions[0] != "read" {
			t.Errorf("allowed_actions %v", it.AllowedActions)
		}
	}

	// Pages: limit and offset, the total and the unread count on each.
	var page notify.InboxResponse
	env.Get("/api/v1/me/notifications?limit=2&offset=4", u.mentor1.Token).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 || *page.Total != 5 || page.Items[0].ID != in.Items[4].ID {
		t.Errorf("page 3: %+v", page)
	}
	env.Get("/api/v1/me/notifications?limit=500", u.mentor1.Token).Problem(http.StatusBadRequest, "bad-request")

	// Read one (twice: no change the second time), then the rest.
	first := in.Items[0]
	var read notify.NotificationResponse
	r := env.Post("/api/v1/me/notifications/"+first.ID.String()+"/read", u.mentor1.Token, nil).Expect(http.StatusOK)
	r.JSON(&read)
	if read.ReadAt == nil || len(read.AllowedActions) != 0 || r.ETag() != fmt.Sprintf(`"%d"`, first.Version+1) {
		t.Errorf("read: %+v etag %s", read, r.ETag())
	}
	env.Post("/api/v1/me/notifications/"+first.ID.String()+"/read", u.mentor1.Token, nil).Expect(http.StatusOK).JSON(&read)
	if read.Version != first.Version+1 {
		t.Errorf("reading again changed the version to %d", read.Version)
	}
	env.Get("/api/v1/me/notifications?unread=true", u.mentor1.Token).Expect(http.StatusOK).JSON(&page)
	if *page.Total != 4 || page.Unread != 4 {
		t.Errorf("unread: total %d unread %d", *page.Total, page.Unread)
	}
	// Someone else's notification does not exist for you.
	env.Post("/api/v1/me/notifications/"+first.ID.String()+"/read", other.Token, nil).Problem(http.StatusNotFound, "not-found")
	env.Post("/api/v1/me/notifications/not-a-uuid/read", u.mentor1.Token, nil).Expect(http.StatusNotFound)
	var all notify.ReadAllResponse
	env.Post("/api/v1/me/notifications/read-all", u.mentor1.Token, nil).Expect(http.StatusOK).JSON(&all)
	if all.Marked != 4 || all.Unread != 0 {
		t.Errorf("read-all: %+v", all)
	}
	if in := (&harness{t: t, env: env}).inbox(u.mentor1.Token); in.Unread != 0 || *in.Total != 5 {
		t.Errorf("after read-all: %+v", in)
	}
	var audited int64
	env.DB.Raw(`SELECT count(*) FROM audit_events WHERE action IN ('notification.read', 'notification.read_all')`).Scan(&audited)
	if audited != 2 {
		t.Errorf("%d audit events for reading, want 2", audited)
	}

	// Without sign-in: 401; an API token: 403.
	env.Get("/api/v1/me/notifications", "").Problem(http.StatusUnauthorized, "unauthorized")
	env.Get("/api/v1/me/notifications", env.APIToken("calendar:read")).Problem(http.StatusForbidden, "forbidden")
}

// TestSettings: email per kind, defaults (weekly programme off), If-Match,
// unknown kinds refused, and an email turned off is not sent.
func TestSettings(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	u := h.unitWorld()
	var st notify.SettingsResponse
	r := env.Get("/api/v1/me/notification-settings", u.mentor1.Token).Expect(http.StatusOK)
	r.JSON(&st)
	if r.ETag() != `"1"` || !st.EmailConfigured || st.Address != u.mentor1.Email || len(st.Email) != len(notify.Kinds) {
		t.Fatalf("settings: %+v etag %s", st, r.ETag())
	}
	for k, v := range st.Email {
		if v != (k != "weekly_programme") {
			t.Errorf("default of %s is %v", k, v)
		}
	}
	env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"email": map[string]any{"idea_status_changed": false}}, `"7"`).
		Problem(http.StatusPreconditionFailed, "version-mismatch")
	env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"email": map[string]any{"idea_status_changed": false}}, `"1"`).
		Expect(http.StatusOK).JSON(&st)
	if st.Version != 2 || st.Email["idea_status_changed"] || !st.Email["activity_changed"] {
		t.Errorf("after PUT: %+v", st)
	}
	p := env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"email": map[string]any{"gossip": true}}, "").
		Problem(http.StatusUnprocessableEntity, "validation")
	if fe := fmt.Sprint(p["errors"]); !strings.Contains(fe, "email.gossip") || !strings.Contains(fe, "unknown_field") {
		t.Errorf("unknown kind: %s", fe)
	}
	env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"email": map[string]any{"month_ready": "yes"}}, "").
		Problem(http.StatusUnprocessableEntity, "validation")
	env.Put("/api/v1/me/notification-settings", u.mentor1.Token, map[string]any{"sms": map[string]any{}}, "").
		Problem(http.StatusUnprocessableEntity, "validation")

	// mentor1 has idea emails off: the change reaches both inboxes and
	// only mentor2's mailbox.
	admin := env.UserWith(access.RoleAdmin)
	env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	h.idle()
	msgs := h.smtp.messages()
	if len(msgs) != 1 || msgs[0].To[0] != u.mentor2.Email {
		t.Fatalf("emails: %+v", msgs)
	}
	in := h.inbox(u.mentor1.Token)
	if *in.Total != 1 || in.Items[0].Email != notify.EmailOff {
		t.Errorf("mentor1 inbox: %+v", in)
	}
	var audited int64
	env.DB.Raw(`SELECT count(*) FROM audit_events WHERE action = 'notification_settings.update'`).Scan(&audited)
	if audited != 1 {
		t.Errorf("%d audited settings changes, want 1", audited)
	}
}

var tokenRe = regexp.MustCompile(`/unsubscribe\?token=([A-Za-z0-9_\-.]+)`)

// TestUnsubscribe: the email's link works without signing in (GET tells,
// POST turns off, also as an RFC 8058 one-click form POST); forged or
// broken tokens are 404; and the next such email is not sent.
func TestUnsubscribe(t *testing.T) {
	h := newHarness(t, smtpOpts{})
	env := h.env
	u := h.unitWorld()
	admin := env.UserWith(access.RoleAdmin)
	env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "planned"}, "").Expect(http.StatusOK)
	msgs := byRecipient(t, h.smtp.waitFor(2, 10*time.Second))
	m := tokenRe.FindStringSubmatch(msgs[u.mentor1.Email][0].Text)
	if m == nil {
		t.Fatal("no unsubscribe token in the email")
	}
	tok := m[1]
	var got notify.UnsubscribeResponse
	env.Get("/api/v1/notification-unsubscribe?token="+url.QueryEscape(tok), "").Expect(http.StatusOK).JSON(&got)
	if got.Kind != "idea_status_changed" || !got.Email || !strings.HasSuffix(got.Address, "@test.fi") || strings.Contains(got.Address, "mentor-") {
		t.Errorf("GET: %+v", got)
	}
	// Tampered: another kind, another user, a cut signature, garbage.
	parts := strings.Split(tok, ".")
	mentor2Tok := tokenRe.FindStringSubmatch(msgs[u.mentor2.Email][0].Text)[1]
	for _, bad := range []string{parts[0] + ".month_ready." + parts[2], strings.Split(mentor2Tok, ".")[0] + "." + parts[1] + "." + parts[2],
		parts[0] + "." + parts[1] + "." + parts[2][:10], "x.y.z", "....", strings.Repeat("A", 300)} {
		env.Get("/api/v1/notification-unsubscribe?token="+url.QueryEscape(bad), "").Problem(http.StatusNotFound, "not-found")
		env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/notification-unsubscribe?token=" + url.QueryEscape(bad)}).
			Problem(http.StatusNotFound, "not-found")
	}
	env.Get("/api/v1/notification-unsubscribe", "").Problem(http.StatusBadRequest, "bad-request")

	// The mail client's one-click POST (a form body, no sign-in).
	env.SkipContract = true // the contract test validates JSON bodies only
	r := env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/notification-unsubscribe?token=" + url.QueryEscape(tok),
		Body: "List-Unsubscribe=One-Click", Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	env.SkipContract = false
	r.Expect(http.StatusOK).JSON(&got)
	if got.Email {
		t.Errorf("after unsubscribe: %+v", got)
	}
	env.Do(apitest.Req{Method: http.MethodPost, Path: "/api/v1/notification-unsubscribe?token=" + url.QueryEscape(tok)}).
		Expect(http.StatusOK)
	var st notify.SettingsResponse
	env.Get("/api/v1/me/notification-settings", u.mentor1.Token).Expect(http.StatusOK).JSON(&st)
	if st.Email["idea_status_changed"] || !st.Email["activity_changed"] || st.Version != 2 {
		t.Errorf("settings after unsubscribe: %+v", st)
	}
	var actor string
	env.DB.Raw(`SELECT actor_id::text FROM audit_events WHERE action = 'notification_settings.unsubscribe'`).Scan(&actor)
	if actor != u.mentor1.ID.String() {
		t.Errorf("unsubscribe audited as %q, want the user", actor)
	}

	env.Patch("/api/v1/ideas/"+u.idea, admin.Token, map[string]any{"status": "done"}, "").Expect(http.StatusOK)
	h.idle()
	if all := h.smtp.messages(); len(all) != 3 || all[2].To[0] != u.mentor2.Email {
		t.Errorf("after unsubscribing, mentor1 still got email: %d messages", len(all))
	}
}
