package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"kulttuurisilta/api/internal/notify"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url) //nolint:gosec // G107: the test's own server
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// TestCatcher sends two emails with the app's own mailer (multipart text
// and HTML, quoted-printable, a login) and reads them back from the list
// page, the message page and the JSON list.
func TestCatcher(t *testing.T) {
	c, err := start("127.0.0.1:0", "127.0.0.1:0", 2)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	m, err := notify.NewMailer("smtp://demo:secret@"+c.smtpAddr, "Kulttuurisilta <noreply@localhost>", nil)
	if err != nil {
		t.Fatal(err)
	}
	send := func(to, subject string) {
		t.Helper()
		err := m.Send(context.Background(), notify.Message{To: to, Subject: subject, Language: "sv", MessageID: subject + "@localhost",
			Text:        "Hej,\nmånaden väntar – öppna: http://127.0.0.1:8080/month-close?agreement=a&month=2025-03 " + strings.Repeat("lång rad ", 20),
			HTML:        `<p>Hej,</p><p><a href="http://127.0.0.1:8080/month-close?agreement=a&amp;month=2025-03">Öppna</a></p>`,
			Unsubscribe: "http://127.0.0.1:8080/api/v1/notification-unsubscribe?token=abc"})
		if err != nil {
			t.Fatal(err)
		}
	}
	send("first@demo.fi", "Första")
	send("manager@demo.fi", "Mars 2025 väntar på ditt godkännande")
	send("mentor@demo.fi", "Idéns status ändrades: <Tanssiaiset>")

	// Two are kept (max 2): the oldest went first.
	code, body := get(t, "http://"+c.httpAddr+"/api/messages")
	var list []message
	if err := json.Unmarshal([]byte(body), &list); err != nil || code != http.StatusOK {
		t.Fatalf("%d %s: %v", code, body, err)
	}
	if len(list) != 2 || list[0].Subject != "Idéns status ändrades: <Tanssiaiset>" || list[1].To[0] != "manager@demo.fi" {
		t.Fatalf("list: %+v", list)
	}
	got := list[1]
	if !strings.Contains(got.Text, "månaden väntar – öppna: http://127.0.0.1:8080/month-close?agreement=a&month=2025-03") ||
		!strings.Contains(got.HTML, `href="http://127.0.0.1:8080/month-close?agreement=a&amp;month=2025-03"`) ||
		got.Headers["Content-Language"] != "sv" || !strings.Contains(got.Headers["List-Unsubscribe"], "token=abc") {
		t.Errorf("decoded: %+v", got)
	}
	code, body = get(t, "http://"+c.httpAddr+"/api/messages?to=MENTOR@demo.fi")
	if code != http.StatusOK || strings.Count(body, `"id"`) != 1 {
		t.Errorf("?to=: %s", body)
	}

	// The pages: the list, one message (escaped), its raw form; unknown ids are 404.
	code, body = get(t, c.webURL())
	if code != http.StatusOK || !strings.Contains(body, "Idéns status ändrades: &lt;Tanssiaiset&gt;") || !strings.Contains(body, `href="/messages/3"`) {
		t.Errorf("list page %d:\n%s", code, body)
	}
	code, body = get(t, c.webURL()+"messages/2")
	if code != http.StatusOK || !strings.Contains(body, "<h1>Mars 2025 väntar på ditt godkännande</h1>") || !strings.Contains(body, "srcdoc=\"&lt;p&gt;Hej,") ||
		!strings.Contains(body, "<pre>Hej,\nmånaden väntar") {
		t.Errorf("message page %d:\n%s", code, body)
	}
	if code, body = get(t, c.webURL()+"messages/2.eml"); code != http.StatusOK || !strings.Contains(body, "Content-Language: sv") {
		t.Errorf("raw %d:\n%s", code, body)
	}
	for _, p := range []string{"messages/1", "messages/x", "messages/99.eml"} {
		if code, _ := get(t, c.webURL()+p); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, "http://"+c.httpAddr+"/api/messages", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if _, body = get(t, "http://"+c.httpAddr+"/api/messages"); strings.TrimSpace(body) != "[]" {
		t.Errorf("after DELETE: %s", body)
	}
}
