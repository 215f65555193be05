// Command mailcatcher is the local mail catcher of `make run` and the e2e
// suite: an SMTP server (emersion/go-smtp) that keeps every message it is
// given, in memory, and a small web page that lists them, so a demo user can
// read the emails the app sends (ADR 0092). It delivers nothing anywhere.
//
//	mailcatcher [-smtp 127.0.0.1:1025] [-http 127.0.0.1:8025] [-max 2000]
//
// Web: / lists the messages, newest first; /messages/{n} shows one (its
// headers, the plain text and the HTML part); /messages/{n}.eml is the raw
// message; /api/messages is the list as JSON (`?to=` keeps one recipient's),
// DELETE /api/messages empties it; /livez answers when it runs.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mailcatcher:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("mailcatcher", flag.ContinueOnError)
	smtpAddr := fs.String("smtp", "127.0.0.1:1025", "SMTP address")
	httpAddr := fs.String("http", "127.0.0.1:8025", "web address")
	keep := fs.Int("max", 2000, "messages kept (the oldest go first)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	c, err := start(*smtpAddr, *httpAddr, *keep)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "mailcatcher: SMTP on %s, messages at %s\n", c.smtpAddr, c.webURL())
	<-ctx.Done()
	c.close()
	return nil
}

// catcher is a running mail catcher.
type catcher struct {
	box      *box
	smtp     *smtp.Server
	web      *http.Server
	smtpAddr string
	httpAddr string
}

func (c *catcher) webURL() string { return "http://" + c.httpAddr + "/" }

func (c *catcher) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = c.web.Shutdown(ctx)
	_ = c.smtp.Close()
}

// start listens on both addresses (":0" picks a free port) and serves.
func start(smtpAddr, httpAddr string, keep int) (*catcher, error) {
	sl, err := net.Listen("tcp", smtpAddr)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	hl, err := net.Listen("tcp", httpAddr)
	if err != nil {
		sl.Close()
		return nil, fmt.Errorf("web: %w", err)
	}
	b := &box{max: keep}
	s := smtp.NewServer(backend{b})
	s.Domain = "localhost"
	s.AllowInsecureAuth = true // a catcher on this machine: any login is accepted
	s.ReadTimeout, s.WriteTimeout = 30*time.Second, 30*time.Second
	s.MaxMessageBytes = 10 << 20
	s.ErrorLog = log.New(io.Discard, "", 0)
	web := &http.Server{Handler: b.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.Serve(sl) }()
	go func() { _ = web.Serve(hl) }()
	return &catcher{box: b, smtp: s, web: web, smtpAddr: sl.Addr().String(), httpAddr: hl.Addr().String()}, nil
}

// message is one caught email.
type message struct {
	ID         int               `json:"id"`
	ReceivedAt time.Time         `json:"received_at"`
	From       string            `json:"from"`
	To         []string          `json:"to"`
	Subject    string            `json:"subject"`
	Headers    map[string]string `json:"headers"`
	Text       string            `json:"text"`
	HTML       string            `json:"html"`
	raw        []byte
}

// box holds the messages, the newest last.
type box struct {
	mu   sync.Mutex
	max  int
	next int
	msgs []*message
}

func (b *box) add(m *message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	m.ID = b.next
	b.msgs = append(b.msgs, m)
	if len(b.msgs) > b.max {
		b.msgs = b.msgs[len(b.msgs)-b.max:]
	}
}

// list is the messages newest first, to one recipient when to is set.
func (b *box) list(to string) []*message {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]*message, 0, len(b.msgs))
	for i := len(b.msgs) - 1; i >= 0; i-- {
		m := b.msgs[i]
		if to == "" || containsFold(m.To, to) {
			out = append(out, m)
		}
	}
	return out
}

func (b *box) get(id int) *message {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.msgs {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func (b *box) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// The SMTP side: every session may log in with any credentials (or none).

type backend struct{ b *box }

func (be backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: be.b}, nil }

type session struct {
	b    *box
	from string
	to   []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(string, string, string) error { return nil }), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := parse(raw)
	m.From, m.To, m.ReceivedAt = s.from, s.to, time.Now().UTC()
	s.b.add(m)
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// parse reads the subject, headers and the text and HTML parts; a message
// it cannot read is kept raw (its text is the whole message).
func parse(raw []byte) *message {
	m := &message{raw: raw, Headers: map[string]string{}}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		m.Text = string(raw)
		return m
	}
	for k, v := range msg.Header {
		m.Headers[k] = strings.Join(v, ", ")
	}
	dec := new(mime.WordDecoder)
	if m.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		m.Subject = msg.Header.Get("Subject")
	}
	readPart(m, msg.Header, msg.Body)
	return m
}

// header is a message's or a part's header.
type header interface{ Get(string) string }

// readPart walks a (possibly multipart) body and keeps its text/plain and
// text/html parts, decoded.
func readPart(m *message, h header, body io.Reader) {
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart() // decodes quoted-printable itself
			if err != nil {
				return
			}
			readPart(m, p.Header, p)
		}
	}
	r := body
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &stripSpace{r: body})
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	switch mt {
	case "text/plain":
		if m.Text == "" {
			m.Text = string(data)
		}
	case "text/html":
		if m.HTML == "" {
			m.HTML = string(data)
		}
	}
}

// stripSpace drops line breaks from base64 text.
type stripSpace struct{ r io.Reader }

func (s *stripSpace) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	j := 0
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			p[j] = c
			j++
		}
	}
	return j, err
}

// The web side.

func (b *box) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /api/messages", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(b.list(r.URL.Query().Get("to")))
	})
	mux.HandleFunc("DELETE /api/messages", func(w http.ResponseWriter, _ *http.Request) {
		b.clear()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		page(w, listPage, map[string]any{"Messages": b.list(r.URL.Query().Get("to")), "To": r.URL.Query().Get("to")})
	})
	mux.HandleFunc("GET /messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, eml := strings.CutSuffix(r.PathValue("id"), ".eml")
		n, err := strconv.Atoi(id)
		m := b.get(n)
		if err != nil || m == nil {
			http.NotFound(w, r)
			return
		}
		if eml {
			w.Header().Set("Content-Type", "message/rfc822")
			_, _ = w.Write(m.raw)
			return
		}
		page(w, messagePage, m)
	})
	return mux
}

func page(w http.ResponseWriter, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The HTML part is shown in a sandboxed frame; nothing else runs.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:")
	_, _ = w.Write(buf.Bytes())
}

const style = `<style>body{font-family:system-ui,sans-serif;margin:1rem 2rem;color:#1b1f24}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d5dae1;vertical-align:top}
a{color:#1d4e89}pre{white-space:pre-wrap;background:#f6f7f9;padding:1rem;border:1px solid #d5dae1}
iframe{width:100%;height:32rem;border:1px solid #d5dae1}dt{font-weight:700}dd{margin:0 0 .4rem 0}</style>`

var funcs = template.FuncMap{
	"when": func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") },
	"join": func(s []string) string { return strings.Join(s, ", ") },
}

var listPage = template.Must(template.New("list").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mail catcher</title>` + style + `</head><body>
<h1>Mail catcher</h1>
<p>Every email the app sent to this catcher (kept in memory, newest first). Nothing is delivered anywhere.
{{if .To}} Showing the messages to {{.To}}: <a href="/">show all</a>.{{end}}</p>
{{if .Messages}}<table><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>
{{range .Messages}}<tr><td>{{when .ReceivedAt}}</td><td><a href="/?to={{join .To}}">{{join .To}}</a></td><td><a href="/messages/{{.ID}}">{{or .Subject "(no subject)"}}</a></td></tr>
{{end}}</tbody></table>{{else}}<p>No messages yet.</p>{{end}}
</body></html>`))

var messagePage = template.Must(template.New("message").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}} – Mail catcher</title>` + style + `</head><body>
<p><a href="/">All messages</a> · <a href="/messages/{{.ID}}.eml">Raw message</a></p>
<h1>{{or .Subject "(no subject)"}}</h1>
<dl><dt>From</dt><dd>{{.From}}</dd><dt>To</dt><dd>{{join .To}}</dd><dt>Received</dt><dd>{{when .ReceivedAt}}</dd>
{{with index .Headers "Content-Language"}}<dt>Language</dt><dd>{{.}}</dd>{{end}}
{{with index .Headers "List-Unsubscribe"}}<dt>List-Unsubscribe</dt><dd>{{.}}</dd>{{end}}</dl>
{{if .HTML}}<h2>HTML</h2><iframe title="The HTML part" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="{{.HTML}}"></iframe>{{end}}
<h2>Plain text</h2><pre>{{.Text}}</pre>
</body></html>`))
