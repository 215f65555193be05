package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"

	"kulttuurisilta/api/internal/l10n"
)

// Rendered are a notification's texts in one language.
type Rendered struct {
	Lang    string
	Subject string
	Body    string
	Items   []RenderedItem
}

// RenderedItem is one digest line: its text and the SPA path it links to.
type RenderedItem struct {
	Text string
	Link string
}

// langOf picks the language texts exist in, Finnish by default.
func langOf(locale string) string { return string(l10n.Lang(locale).Or(l10n.FI)) }

// KindName is a kind's name in a language (settings, footers).
func KindName(k Kind, locale string) string { return texts[langOf(locale)].Kinds[k].Name }

// Render builds a notification's subject, body and items in locale, times
// in zone.
func Render(k Kind, raw json.RawMessage, locale string, zone *time.Location) (Rendered, error) {
	lang := langOf(locale)
	var p Params
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &p); err != nil {
			return Rendered{}, fmt.Errorf("render %s: %w", k, err)
		}
	}
	lt := texts[lang]
	kt, ok := lt.Kinds[k]
	if !ok {
		return Rendered{}, fmt.Errorf("render: unknown kind %q", k)
	}
	f := funcs(lt, zone)
	subject, err := execText(kt.Subject, f, p)
	if err != nil {
		return Rendered{}, fmt.Errorf("render %s subject: %w", k, err)
	}
	body, err := execText(kt.Body, f, p)
	if err != nil {
		return Rendered{}, fmt.Errorf("render %s body: %w", k, err)
	}
	r := Rendered{Lang: lang, Subject: oneLine(subject), Body: body}
	for _, it := range p.Items {
		r.Items = append(r.Items, RenderedItem{Text: dayAndTime(lt.lang(), it.StartsAt, zone) + " " + it.Title, Link: it.Link})
	}
	if (k == KindWeeklyProgramme || k == KindAttendanceMissing) && len(r.Items) == 0 {
		r.Body += "\n" + lt.Empty
	}
	return r, nil
}

// Text is the inbox body: the body and the digest's lines.
func (r Rendered) Text() string {
	var b strings.Builder
	b.WriteString(r.Body)
	for _, it := range r.Items {
		b.WriteString("\n- " + it.Text)
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func execText(src string, f template.FuncMap, data any) (string, error) {
	t, err := template.New("t").Funcs(f).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

func funcs(lt langText, zone *time.Location) template.FuncMap {
	l := lt.lang()
	f := template.FuncMap{
		"month": func(ym string) string {
			t, err := time.Parse("2006-01", ym)
			if err != nil {
				return ym
			}
			return l10n.Month(t, l)
		},
		"date": func(ymd string) string {
			t, err := time.Parse("2006-01-02", ymd)
			if err != nil {
				return ymd
			}
			return l10n.Date(t, l)
		},
		"datetime": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return dayAndTime(l, *t, zone)
		},
		"money": func(c *int64) string {
			if c == nil {
				return ""
			}
			return l10n.Euros(*c, l)
		},
		"status": func(s string) string {
			if v, ok := lt.Statuses[s]; ok {
				return v
			}
			return s
		},
		"fields": func(fs []string) string {
			out := make([]string, len(fs))
			for i, x := range fs {
				out[i] = lt.Fields[x]
				if out[i] == "" {
					out[i] = x
				}
			}
			return strings.Join(out, ", ")
		},
	}
	f["change"] = func(c *Change) (string, error) {
		if c == nil {
			return "", nil
		}
		src, ok := lt.Changes[c.What]
		if !ok {
			return c.What, nil
		}
		return execText(src, f, c)
	}
	return f
}

// dayAndTime is the weekday, the date and the time in zone:
// "tiistai 1.12.2026 klo 18.00", "tisdag 1.12.2026 kl. 18.00",
// "Tuesday 1 Dec 2026 18:00".
func dayAndTime(l l10n.Lang, t time.Time, zone *time.Location) string {
	return l10n.Weekday(t.In(zone).Weekday(), l) + " " + l10n.DateTime(t, l, zone)
}

// Email is a rendered notification as a message: plain text and HTML.
type Email struct {
	Subject, Text, HTML string
}

// emailLinks are the absolute URLs an email carries.
type emailLinks struct {
	Open, Settings, Unsubscribe string
	Items                       []string
}

var htmlEmail = htmltemplate.Must(htmltemplate.New("email").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{.Subject}}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f0;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;line-height:1.5">
<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px">
<p style="margin:0 0 16px">{{.Hello}}</p>
<p style="margin:0 0 16px;font-size:16px">{{.Body}}</p>
{{if .Items}}<ul style="margin:0 0 16px;padding-left:20px">{{range .Items}}<li style="margin:4px 0"><a href="{{.URL}}" style="color:#0b5394">{{.Text}}</a></li>{{end}}</ul>{{end}}
<p style="margin:24px 0"><a href="{{.Open}}" style="display:inline-block;background:#0b5394;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold">{{.OpenLabel}}</a></p>
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">
<p style="margin:0;font-size:12px;color:#555">{{.Footer}}<br><a href="{{.Unsubscribe}}" style="color:#555">{{.UnsubscribeLabel}}</a> · <a href="{{.Settings}}" style="color:#555">{{.SettingsLabel}}</a></p>
</div></body></html>
`))

// buildEmail lays a rendered notification out as plain text and HTML.
func buildEmail(k Kind, r Rendered, l emailLinks) (Email, error) {
	lt := texts[r.Lang]
	footer := fmt.Sprintf(lt.Footer, lt.Kinds[k].Name)
	var t strings.Builder
	t.WriteString(lt.Hello + "\n\n" + r.Body + "\n")
	type item struct{ Text, URL string }
	var items []item
	for i, it := range r.Items {
		t.WriteString("\n- " + it.Text + "\n  " + l.Items[i])
		items = append(items, item{it.Text, l.Items[i]})
	}
	if len(r.Items) > 0 {
		t.WriteString("\n")
	}
	t.WriteString("\n" + lt.Open + ":\n" + l.Open + "\n\n-- \n" + footer + "\n" +
		lt.Unsubscribe + ": " + l.Unsubscribe + "\n" + lt.Settings + ": " + l.Settings + "\n")
	var h bytes.Buffer
	err := htmlEmail.Execute(&h, map[string]any{
		"Lang": r.Lang, "Subject": r.Subject, "Hello": lt.Hello, "Body": r.Body, "Items": items,
		"Open": l.Open, "OpenLabel": lt.Open, "Footer": footer, "Unsubscribe": l.Unsubscribe,
		"UnsubscribeLabel": lt.Unsubscribe, "Settings": l.Settings, "SettingsLabel": lt.Settings,
	})
	if err != nil {
		return Email{}, err
	}
	return Email{Subject: r.Subject, Text: t.String(), HTML: h.String()}, nil
}
