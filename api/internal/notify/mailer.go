package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Mailer sends email over SMTP with github.com/wneessen/go-mail (ADR 0091).
type Mailer struct {
	host     string
	port     int
	implicit bool // smtps://: TLS from the first byte
	user     string
	pass     string
	from     string
	tls      *tls.Config
}

// NewMailer parses SMTP_URL and MAIL_FROM:
//
//	smtp://[user:pass@]host[:port]   STARTTLS when the server offers it (port 587 by default)
//	smtps://[user:pass@]host[:port]  TLS from the start (port 465 by default)
//
// Credentials are sent only over TLS, or in the clear to a server on this
// machine (a local mail catcher).
func NewMailer(rawURL, from string, tlsConfig *tls.Config) (*Mailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("SMTP_URL: not a URL (smtp://user:pass@host:port or smtps://...)")
	}
	m := &Mailer{host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		m.port = 587
	case "smtps":
		m.port, m.implicit = 465, true
	default:
		return nil, fmt.Errorf("SMTP_URL: scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if m.host == "" {
		return nil, errors.New("SMTP_URL: no host")
	}
	if p := u.Port(); p != "" {
		if m.port, err = strconv.Atoi(p); err != nil || m.port < 1 || m.port > 65535 {
			return nil, fmt.Errorf("SMTP_URL: bad port %q", p)
		}
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
	}
	if from == "" {
		return nil, errors.New("MAIL_FROM is required when SMTP_URL is set")
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("MAIL_FROM: %w", err)
	}
	m.from = addr.String()
	if tlsConfig != nil {
		m.tls = tlsConfig.Clone()
	} else {
		m.tls = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if m.tls.ServerName == "" {
		m.tls.ServerName = m.host
	}
	return m, nil
}

// Describe names the server without the password.
func (m *Mailer) Describe() string {
	scheme := "smtp"
	if m.implicit {
		scheme = "smtps"
	}
	return fmt.Sprintf("%s://%s", scheme, net.JoinHostPort(m.host, strconv.Itoa(m.port)))
}

// fromDomain is the domain of MAIL_FROM (for Message-IDs).
func (m *Mailer) fromDomain() string {
	if a, err := mail.ParseAddress(m.from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok {
			return d
		}
	}
	return "kulttuurisilta.invalid"
}

// Message is one email.
type Message struct {
	To        string
	Subject   string
	Text      string
	HTML      string
	MessageID string // without angle brackets
	Language  string
	// Unsubscribe is the one-click unsubscribe URL (RFC 8058).
	Unsubscribe string
}

// Send delivers msg, or fails (the job retries).
func (m *Mailer) Send(ctx context.Context, msg Message) error {
	g := gomail.NewMsg()
	if err := g.From(m.from); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := g.To(msg.To); err != nil {
		return fmt.Errorf("mail to: %w", err)
	}
	g.Subject(msg.Subject)
	g.SetMessageIDWithValue(msg.MessageID)
	g.SetDate()
	g.SetGenHeader(gomail.HeaderContentLang, msg.Language)
	g.SetGenHeader("Auto-Submitted", "auto-generated")
	if msg.Unsubscribe != "" {
		g.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+msg.Unsubscribe+">")
		g.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	g.SetBodyString(gomail.TypeTextPlain, msg.Text)
	g.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)

	opts := []gomail.Option{gomail.WithPort(m.port), gomail.WithTimeout(30 * time.Second), gomail.WithTLSConfig(m.tls)}
	if m.implicit {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	switch {
	case m.user == "":
	case isLoopback(m.host):
		// A server on this machine (a mail catcher): the password never
		// leaves the machine, so PLAIN without TLS is allowed.
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
			gomail.SMTPAuthCramMD5, gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(m.user), gomail.WithPassword(m.pass))
	default:
		// The strongest mechanism offered; a cleartext one only over TLS.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.user), gomail.WithPassword(m.pass))
	}
	c, err := gomail.NewClient(m.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, g); err != nil {
		return fmt.Errorf("smtp %s: %w", m.Describe(), err)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
