package programme

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"kulttuurisilta/api/internal/apperr"
	"kulttuurisilta/api/internal/l10n"
)

// PublicWeeks is how far ahead the public page shows.
const PublicWeeks = 8

// ScreenRefresh is how often the info screen reloads itself (a meta
// refresh, which every TV browser knows).
const ScreenRefresh = 2 * time.Minute

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/*
var assetFS embed.FS

var templates = template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))

// langLink is one entry of the language switch.
type langLink struct {
	Code, Name, Href string
	Current          bool
}

// viewItem is an item as the templates show it.
type viewItem struct {
	Item
	Clock, CategoryName string
	Now                 bool
}

// viewDay is a day as the templates show it.
type viewDay struct {
	ID, Title string
	Items     []viewItem
}

// pageLang is the page's language: ?lang= when it names one, else the
// browser's first of fi/sv/en in Accept-Language, else Finnish. An unknown
// ?lang= falls back the same way, so a mistyped link still shows the page.
func pageLang(c echo.Context) l10n.Lang {
	if l, ok := l10n.Parse(c.QueryParam("lang")); ok && c.QueryParam("lang") != "" {
		return l
	}
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, ok := l10n.Parse(tag); ok && tag != "" {
			return l
		}
	}
	return l10n.FI
}

func (m Module) view(items []Item, lang l10n.Lang, now time.Time) []viewDay {
	var out []viewDay
	for _, d := range ByDay(items, m.Zone) {
		out = append(out, viewDay{ID: "d" + d.Date.Format("20060102"), Title: capitalise(dayTitle(d.Date, lang)),
			Items: m.viewItems(d.Items, lang, now)})
	}
	return out
}

// viewItems are items as the pages show them: clock range, category name,
// and whether each is on now.
func (m Module) viewItems(items []Item, lang l10n.Lang, now time.Time) []viewItem {
	out := make([]viewItem, 0, len(items))
	for _, it := range items {
		out = append(out, viewItem{Item: it, Clock: l10n.ClockRange(it.Start, it.End, lang, m.Zone),
			CategoryName: l10n.Category(it.Category, lang), Now: !now.Before(it.Start) && now.Before(it.End)})
	}
	return out
}

// render writes a template as HTML with the headers every programme page has.
func render(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Language", data.(interface{ language() string }).language())
	return c.HTMLBlob(status, buf.Bytes())
}

// notFound is the pages' 404: a short page in the visitor's language (the
// same for a unit that does not exist, one that does not publish its
// programme and a screen without a valid token).
func notFound(c echo.Context, lang l10n.Lang) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return render(c, http.StatusNotFound, "notfound.html", notFoundData{Lang: string(lang), W: wordsOf(lang)})
}

type notFoundData struct {
	Lang string
	W    words
}

func (d notFoundData) language() string { return d.Lang }

// pageData is the public page.
type pageData struct {
	Lang         string
	W            words
	UnitName     string
	Langs        []langLink
	Days         []viewDay
	FeedPath     string
	Webcal       template.URL
	Skip, Period string
}

func (d pageData) language() string { return d.Lang }

// publicPage serves GET /programme/{unit_id}: the unit's public activities
// of the next 8 weeks, without sign-in, when the unit publishes them.
func (m Module) publicPage(c echo.Context) error {
	lang := pageLang(c)
	id, err := uuid.Parse(c.Param("unit_id"))
	if err != nil {
		return notFound(c, lang)
	}
	ctx := c.Request().Context()
	unit, err := m.Store.Unit(ctx, id)
	if err != nil || !unit.PublicProgramme || !unit.Active {
		if err != nil && !isNotFound(err) {
			return err
		}
		return notFound(c, lang)
	}
	now := m.now()
	today := startOfDay(now, m.Zone)
	until := today.AddDate(0, 0, 7*PublicWeeks)
	items, err := m.Store.Items(ctx, id, today, until, lang, true)
	if err != nil {
		return err
	}
	feedPath := "/api/v1/calendar.ics?unit=" + id.String()
	webcal := url.URL{Scheme: "webcal", Host: c.Request().Host, Path: "/api/v1/calendar.ics", RawQuery: "unit=" + id.String()}
	data := pageData{Lang: string(lang), W: wordsOf(lang), UnitName: unit.Name, Days: m.view(items, lang, now),
		//nolint:gosec // G203: the scheme is fixed (webcal, which html/template would blank); the value is still attribute-escaped
		FeedPath: feedPath, Webcal: template.URL(webcal.String()), Skip: skipText[lang],
		Period: l10n.Date(today, lang) + "\u2013" + l10n.Date(until.AddDate(0, 0, -1), lang)}
	for _, l := range l10n.Langs {
		data.Langs = append(data.Langs, langLink{Code: string(l), Name: langNames[l], Href: "?lang=" + string(l), Current: l == lang})
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=60")
	c.Response().Header().Set("Vary", "Accept-Language")
	return render(c, http.StatusOK, "page.html", data)
}

var skipText = map[l10n.Lang]string{l10n.FI: "Siirry sisältöön", l10n.SV: "Gå till innehållet", l10n.EN: "Skip to content"}

// screenData is the info screen.
type screenData struct {
	Lang          string
	W             words
	UnitName      string
	Clock, Date   string
	Today         []viewItem
	Tomorrow      []viewItem
	TomorrowTitle string
	Refresh       int
	// OffsetMinutes is the calendar zone's offset now, for the clock script.
	OffsetMinutes int
	ClockPrefix   string
	ClockSep      string
}

func (d screenData) language() string { return d.Lang }

// screenPage serves GET /programme/{unit_id}/screen?token=: today's and
// tomorrow's activities (internal ones too) in very large text with a
// clock, for a lobby TV. Without a valid screen token of the unit: 404.
func (m Module) screenPage(c echo.Context) error {
	lang := pageLang(c)
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	id, err := uuid.Parse(c.Param("unit_id"))
	if err != nil {
		return notFound(c, lang)
	}
	ctx := c.Request().Context()
	if _, err := m.Tokens.ResolveScreen(ctx, id, c.QueryParam("token")); err != nil {
		if isNotFound(err) {
			return notFound(c, lang)
		}
		return err
	}
	unit, err := m.Store.Unit(ctx, id)
	if err != nil {
		if isNotFound(err) {
			return notFound(c, lang)
		}
		return err
	}
	now := m.now()
	today := startOfDay(now, m.Zone)
	items, err := m.Store.Items(ctx, id, today, today.AddDate(0, 0, 2), lang, false)
	if err != nil {
		return err
	}
	tomorrow := today.AddDate(0, 0, 1)
	data := screenData{Lang: string(lang), W: wordsOf(lang), UnitName: unit.Name, Clock: l10n.Clock(now, lang, m.Zone),
		Date:          capitalise(l10n.Weekday(now.In(m.Zone).Weekday(), lang)) + " " + l10n.Date(now.In(m.Zone), lang),
		TomorrowTitle: wordsOf(lang).Tomorrow + " " + dayTitle(tomorrow, lang), Refresh: int(ScreenRefresh.Seconds()),
		ClockPrefix: strings.TrimSuffix(l10n.Clock(time.Time{}, lang, nil), "00.00"), ClockSep: "."}
	if lang == l10n.EN {
		data.ClockPrefix, data.ClockSep = "", ":"
	}
	_, off := now.In(m.Zone).Zone()
	data.OffsetMinutes = off / 60
	// Today is whatever overlaps today, so an activity that began before
	// midnight and is still on shows (marked now); tomorrow is what starts
	// tomorrow.
	var todays, tomorrows []Item
	for _, it := range items {
		if it.Start.Before(tomorrow) {
			todays = append(todays, it)
		} else {
			tomorrows = append(tomorrows, it)
		}
	}
	data.Today, data.Tomorrow = m.viewItems(todays, lang, now), m.viewItems(tomorrows, lang, now)
	return render(c, http.StatusOK, "screen.html", data)
}

func startOfDay(t time.Time, zone *time.Location) time.Time {
	t = t.In(zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, zone)
}

// assetHandler serves the pages' stylesheets and script (embedded).
func assetHandler(c echo.Context) error {
	name := path.Base(c.Param("file"))
	b, err := assetFS.ReadFile("assets/" + name)
	if err != nil {
		return echo.ErrNotFound
	}
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.Blob(http.StatusOK, types[path.Ext(name)], b)
}

// pictogramHandler serves a category's pictogram.
func pictogramHandler(c echo.Context) error {
	name := strings.TrimSuffix(path.Base(c.Param("file")), ".png")
	b, err := pictogramFS.ReadFile("pictograms/" + name + ".png")
	if err != nil || !strings.HasSuffix(c.Param("file"), ".png") {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.Blob(http.StatusOK, "image/png", b)
}

func isNotFound(err error) bool { return apperr.IsKind(err, apperr.KindNotFound) }
