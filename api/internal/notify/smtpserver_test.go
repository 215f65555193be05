package notify_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// A real SMTP server (emersion/go-smtp) for the tests: it keeps every
// message it accepts, can require a login, STARTTLS or implicit TLS, and can
// be stopped and started again on the same address.

// received is one accepted message, decoded.
type received struct {
	From    string
	To      []string
	Header  mail.Header
	Subject string
	Text    string
	HTML    string
	Raw     string
}

type smtpOpts struct {
	user, pass string
	tls        *tls.Config // offered with STARTTLS, or from the start when implicit
	implicit   bool
}

type smtpServer struct {
	t    *testing.T
	opts smtpOpts
	addr string

	mu   sync.Mutex
	msgs []received
	srv  *smtp.Server
	// Logins counts successful AUTHs; tlsSessions those over TLS.
	logins, tlsSessions int
	// delay slows each accepted message down (a busy server).
	delay time.Duration
}

func startSMTP(t *testing.T, opts smtpOpts) *smtpServer {
	t.Helper()
	s := &smtpServer{t: t, opts: opts}
	s.start("127.0.0.1:0")
	t.Cleanup(s.stop)
	return s
}

func (s *smtpServer) start(addr string) {
	s.t.Helper()
	var l net.Listener
	var err error
	// The address of a stopped server may take a moment to free.
	for i := 0; i < 50; i++ {
		if l, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("smtp listen: %v", err)
	}
	if s.opts.implicit {
		l = tls.NewListener(l, s.opts.tls)
	}
	srv := smtp.NewServer(&backend{s: s})
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.AllowInsecureAuth = s.opts.tls == nil
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	if s.opts.tls != nil && !s.opts.implicit {
		srv.TLSConfig = s.opts.tls
	}
	s.mu.Lock()
	s.srv, s.addr = srv, l.Addr().String()
	s.mu.Unlock()
	go func() { _ = srv.Serve(l) }()
}

func (s *smtpServer) stop() {
	s.mu.Lock()
	srv := s.srv
	s.srv = nil
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}

// restart starts the server again on its old address.
func (s *smtpServer) restart() { s.start(s.addr) }

// url is the SMTP_URL for the server.
func (s *smtpServer) url() string {
	scheme := "smtp"
	if s.opts.implicit {
		scheme = "smtps"
	}
	cred := ""
	if s.opts.user != "" {
		cred = s.opts.user + ":" + s.opts.pass + "@"
	}
	return scheme + "://" + cred + s.addr
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.msgs...)
}

// waitFor waits until n messages arrived and returns them.
func (s *smtpServer) waitFor(n int, timeout time.Duration) []received {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if m := s.messages(); len(m) >= n {
			return m
		}
		time.Sleep(50 * time.Millisecond)
	}
	m := s.messages()
	s.t.Fatalf("smtp: %d messages arrived, waited for %d", len(m), n)
	return nil
}

type backend struct{ s *smtpServer }

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s      *smtpServer
	conn   *smtp.Conn
	authed bool
	from   string
	to     []string
}

func (ss *session) AuthMechanisms() []string {
	if ss.s.opts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.opts.user || pass != ss.s.opts.pass {
			return errors.New("bad credentials")
		}
		ss.authed = true
		ss.s.mu.Lock()
		ss.s.logins++
		ss.s.mu.Unlock()
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opts.user != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := decode(raw)
	if err != nil {
		return err
	}
	m.From, m.To = ss.from, ss.to
	ss.s.mu.Lock()
	delay := ss.s.delay
	ss.s.mu.Unlock()
	time.Sleep(delay)
	_, isTLS := ss.conn.TLSConnectionState()
	ss.s.mu.Lock()
	ss.s.msgs = append(ss.s.msgs, m)
	if isTLS {
		ss.s.tlsSessions++
	}
	ss.s.mu.Unlock()
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// decode reads a message's subject and its text and HTML parts.
func decode(raw []byte) (received, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return received{}, err
	}
	out := received{Header: msg.Header, Raw: string(raw)}
	if out.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return received{}, err
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return received{}, err
	}
	if !strings.HasPrefix(mt, "multipart/") {
		return received{}, errors.New("not multipart: " + mt)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return received{}, err
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return received{}, err
		}
		switch ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct {
		case "text/plain":
			out.Text = string(body)
		case "text/html":
			out.HTML = string(body)
		}
	}
	return out, nil
}

// selfSigned makes a certificate for 127.0.0.1 and localhost, and a pool
// trusting it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}, pool
}
