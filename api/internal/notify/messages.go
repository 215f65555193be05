package notify

import "kulttuurisilta/api/internal/l10n"

// The texts of every kind in Finnish, Swedish and English. Subjects and
// bodies are text/template over Params (see render.go for the functions);
// they name titles, units, months and counts, never a person.

// Languages are the languages texts exist in (l10n's); Finnish is the
// fallback.
var Languages = func() []string {
	out := make([]string, len(l10n.Langs))
	for i, l := range l10n.Langs {
		out[i] = string(l)
	}
	return out
}()

type kindText struct {
	Name    string // the kind's name in settings and footers
	Subject string
	Body    string
}

type langText struct {
	code                                              string
	Hello, Open, Footer, Settings, Unsubscribe, Empty string
	Statuses                                          map[string]string
	Fields                                            map[string]string
	Changes                                           map[string]string
	Kinds                                             map[Kind]kindText
}

var texts = map[string]langText{
	"fi": {
		Hello:       "Hei,",
		Open:        "Avaa Kulttuurisillassa",
		Footer:      "Saat tämän viestin, koska sähköposti-ilmoitukset aiheesta ”%s” ovat päällä.",
		Settings:    "Ilmoitusasetukset",
		Unsubscribe: "Lopeta nämä viestit",
		Empty:       "Ei tapahtumia.",
		Statuses: map[string]string{"new": "uusi", "planned": "suunniteltu", "done": "toteutettu", "declined": "hylätty",
			"proposed": "ehdotettu", "confirmed": "vahvistettu", "completed": "pidetty", "cancelled": "peruttu"},
		Fields: map[string]string{"time": "aika", "status": "tila", "units": "yksiköt", "title": "nimi",
			"partners": "kumppanit", "description": "kuvaus", "occurrence": "yksittäisen kerran aika"},
		Changes: map[string]string{
			"cost_created":   `kuukauteen lisättiin kustannus ”{{.Description}}” ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"cost_updated":   `kustannusta ”{{.Description}}” muutettiin ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"cost_deleted":   `kustannus ”{{.Description}}” poistettiin ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"costs_imported": `kuukauteen tuotiin {{.Count}} kustannusta`,
			"shares_changed": `sopimuksen osuuksia muutettiin`,
		},
		Kinds: map[Kind]kindText{
			KindMonthReady: {Name: "Kuukausi odottaa hyväksyntää",
				Subject: `{{month .Month}} odottaa hyväksyntääsi – {{.Agreement}}`,
				Body:    `Kuukauden {{month .Month}} kustannusjako sopimuksessa {{.Agreement}} odottaa osastosi ({{.Department}}) hyväksyntää. Tarkista kuukauden kustannukset ja hyväksy kuukausi.`},
			KindApprovalWithdrawn: {Name: "Hyväksyntä peruuntui",
				Subject: `Hyväksyntäsi kuukaudelle {{month .Month}} peruuntui – {{.Agreement}}`,
				Body:    `Hyväksyntäsi kuukaudelle {{month .Month}} sopimuksessa {{.Agreement}} peruuntui, koska {{change .Change}}. Tarkista muutos ja hyväksy kuukausi uudelleen.`},
			KindMonthApproved: {Name: "Kuukausi hyväksytty",
				Subject: `{{month .Month}} on hyväksytty – {{.Agreement}}`,
				Body:    `Kaikki osastot ovat hyväksyneet kuukauden {{month .Month}} sopimuksessa {{.Agreement}}. Kuukausi on valmis lukittavaksi.`},
			KindMonthLocked: {Name: "Kuukausi lukittu",
				Subject: `{{month .Month}} on lukittu – {{.Agreement}}`,
				Body:    `Kuukausi {{month .Month}} sopimuksessa {{.Agreement}} on lukittu. Sen kustannukset eivät enää muutu.`},
			KindMonthUnlocked: {Name: "Kuukauden lukitus avattu",
				Subject: `{{month .Month}} avattiin – {{.Agreement}}`,
				Body:    `Ylläpitäjä avasi kuukauden {{month .Month}} lukituksen sopimuksessa {{.Agreement}}. Syy: {{.Reason}}. Hyväksynnät peruuntuivat, joten kuukausi on hyväksyttävä uudelleen.`},
			KindAttendanceMissing: {Name: "Osallistujat kirjaamatta",
				Subject: `Osallistujat kirjaamatta – {{.Unit}} ({{len .Items}})`,
				Body:    `Näistä yksikön {{.Unit}} tapahtumista ei ole vielä kirjattu osallistujia:`},
			KindActivityChanged: {Name: "Yksikön toiminta muuttui tai peruttiin",
				Subject: `{{if eq .Status "cancelled"}}Peruttu{{else}}Muutos{{end}}: {{.Title}} ({{datetime .When}})`,
				Body:    `{{if eq .Status "cancelled"}}Yksikkösi toiminta ”{{.Title}}” ({{datetime .When}}) on peruttu.{{else}}Yksikkösi toimintaa ”{{.Title}}” ({{datetime .When}}) on muutettu: {{fields .Fields}}.{{end}}`},
			KindWeeklyProgramme: {Name: "Viikon ohjelma (maanantaisin)",
				Subject: `Viikon ohjelma – {{.Unit}} ({{date .From}}–{{date .To}})`,
				Body:    `Yksikön {{.Unit}} ohjelma {{date .From}}–{{date .To}}:`},
			KindIdeaStatus: {Name: "Idean tila muuttui",
				Subject: `Idean tila muuttui: {{.Title}}`,
				Body:    `Toimikunnan {{.Committee}} ({{.Unit}}) idean ”{{.Title}}” tila muuttui: {{status .PrevStatus}} → {{status .Status}}.`},
		},
	},
	"sv": {
		Hello:       "Hej,",
		Open:        "Öppna i Kulttuurisilta",
		Footer:      "Du får detta meddelande eftersom e-postaviseringar om ”%s” är påslagna.",
		Settings:    "Aviseringsinställningar",
		Unsubscribe: "Avsluta dessa meddelanden",
		Empty:       "Inga evenemang.",
		Statuses: map[string]string{"new": "ny", "planned": "planerad", "done": "genomförd", "declined": "avböjd",
			"proposed": "föreslagen", "confirmed": "bekräftad", "completed": "genomförd", "cancelled": "inställd"},
		Fields: map[string]string{"time": "tid", "status": "status", "units": "enheter", "title": "namn",
			"partners": "partner", "description": "beskrivning", "occurrence": "tiden för ett enskilt tillfälle"},
		Changes: map[string]string{
			"cost_created":   `kostnaden ”{{.Description}}” ({{money .AmountCents}}, {{date .IncurredOn}}) lades till`,
			"cost_updated":   `kostnaden ”{{.Description}}” ändrades ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"cost_deleted":   `kostnaden ”{{.Description}}” togs bort ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"costs_imported": `{{.Count}} kostnader importerades till månaden`,
			"shares_changed": `avtalets andelar ändrades`,
		},
		Kinds: map[Kind]kindText{
			KindMonthReady: {Name: "Månaden väntar på godkännande",
				Subject: `{{month .Month}} väntar på ditt godkännande – {{.Agreement}}`,
				Body:    `Kostnadsfördelningen för {{month .Month}} i avtalet {{.Agreement}} väntar på godkännande av din avdelning ({{.Department}}). Granska månadens kostnader och godkänn månaden.`},
			KindApprovalWithdrawn: {Name: "Godkännandet föll bort",
				Subject: `Ditt godkännande av {{month .Month}} föll bort – {{.Agreement}}`,
				Body:    `Ditt godkännande av {{month .Month}} i avtalet {{.Agreement}} föll bort eftersom {{change .Change}}. Granska ändringen och godkänn månaden på nytt.`},
			KindMonthApproved: {Name: "Månaden godkänd",
				Subject: `{{month .Month}} är godkänd – {{.Agreement}}`,
				Body:    `Alla avdelningar har godkänt {{month .Month}} i avtalet {{.Agreement}}. Månaden är klar att låsas.`},
			KindMonthLocked: {Name: "Månaden låst",
				Subject: `{{month .Month}} är låst – {{.Agreement}}`,
				Body:    `Månaden {{month .Month}} i avtalet {{.Agreement}} är låst. Dess kostnader ändras inte längre.`},
			KindMonthUnlocked: {Name: "Månaden upplåst",
				Subject: `{{month .Month}} har låsts upp – {{.Agreement}}`,
				Body:    `En administratör låste upp {{month .Month}} i avtalet {{.Agreement}}. Orsak: {{.Reason}}. Godkännandena föll bort, så månaden måste godkännas på nytt.`},
			KindAttendanceMissing: {Name: "Deltagare inte registrerade",
				Subject: `Deltagare inte registrerade – {{.Unit}} ({{len .Items}})`,
				Body:    `För dessa evenemang i {{.Unit}} har deltagarna inte registrerats än:`},
			KindActivityChanged: {Name: "Enhetens verksamhet ändrad eller inställd",
				Subject: `{{if eq .Status "cancelled"}}Inställt{{else}}Ändring{{end}}: {{.Title}} ({{datetime .When}})`,
				Body:    `{{if eq .Status "cancelled"}}Aktiviteten ”{{.Title}}” ({{datetime .When}}) i din enhet är inställd.{{else}}Aktiviteten ”{{.Title}}” ({{datetime .When}}) i din enhet har ändrats: {{fields .Fields}}.{{end}}`},
			KindWeeklyProgramme: {Name: "Veckans program (på måndagar)",
				Subject: `Veckans program – {{.Unit}} ({{date .From}}–{{date .To}})`,
				Body:    `Programmet för {{.Unit}} {{date .From}}–{{date .To}}:`},
			KindIdeaStatus: {Name: "Idéns status ändrad",
				Subject: `Idéns status ändrades: {{.Title}}`,
				Body:    `Status för idén ”{{.Title}}” i kommittén {{.Committee}} ({{.Unit}}) ändrades: {{status .PrevStatus}} → {{status .Status}}.`},
		},
	},
	"en": {
		Hello:       "Hello,",
		Open:        "Open in Kulttuurisilta",
		Footer:      "You get this message because email notifications about “%s” are on.",
		Settings:    "Notification settings",
		Unsubscribe: "Stop these emails",
		Empty:       "Nothing planned.",
		Statuses: map[string]string{"new": "new", "planned": "planned", "done": "done", "declined": "declined",
			"proposed": "proposed", "confirmed": "confirmed", "completed": "completed", "cancelled": "cancelled"},
		Fields: map[string]string{"time": "time", "status": "status", "units": "units", "title": "title",
			"partners": "partners", "description": "description", "occurrence": "the time of one occurrence"},
		Changes: map[string]string{
			"cost_created":   `the cost “{{.Description}}” ({{money .AmountCents}}, {{date .IncurredOn}}) was added`,
			"cost_updated":   `the cost “{{.Description}}” was changed ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"cost_deleted":   `the cost “{{.Description}}” was deleted ({{money .AmountCents}}, {{date .IncurredOn}})`,
			"costs_imported": `{{.Count}} costs were imported into the month`,
			"shares_changed": `the agreement's shares were changed`,
		},
		Kinds: map[Kind]kindText{
			KindMonthReady: {Name: "A month awaits approval",
				Subject: `{{month .Month}} awaits your approval – {{.Agreement}}`,
				Body:    `The cost split of {{month .Month}} under {{.Agreement}} awaits the approval of your department ({{.Department}}). Review the month's costs and approve the month.`},
			KindApprovalWithdrawn: {Name: "Approval withdrawn",
				Subject: `Your approval of {{month .Month}} was withdrawn – {{.Agreement}}`,
				Body:    `Your approval of {{month .Month}} under {{.Agreement}} fell away because {{change .Change}}. Review the change and approve the month again.`},
			KindMonthApproved: {Name: "Month approved",
				Subject: `{{month .Month}} is approved – {{.Agreement}}`,
				Body:    `Every department has approved {{month .Month}} under {{.Agreement}}. The month is ready to lock.`},
			KindMonthLocked: {Name: "Month locked",
				Subject: `{{month .Month}} is locked – {{.Agreement}}`,
				Body:    `{{month .Month}} under {{.Agreement}} is locked. Its costs no longer change.`},
			KindMonthUnlocked: {Name: "Month unlocked",
				Subject: `{{month .Month}} was unlocked – {{.Agreement}}`,
				Body:    `An administrator unlocked {{month .Month}} under {{.Agreement}}. Reason: {{.Reason}}. The approvals fell away, so the month needs approving again.`},
			KindAttendanceMissing: {Name: "Attendance not recorded",
				Subject: `Attendance not recorded – {{.Unit}} ({{len .Items}})`,
				Body:    `Attendance has not been recorded yet for these activities in {{.Unit}}:`},
			KindActivityChanged: {Name: "An activity in my units changed or was cancelled",
				Subject: `{{if eq .Status "cancelled"}}Cancelled{{else}}Changed{{end}}: {{.Title}} ({{datetime .When}})`,
				Body:    `{{if eq .Status "cancelled"}}The activity “{{.Title}}” ({{datetime .When}}) in your unit is cancelled.{{else}}The activity “{{.Title}}” ({{datetime .When}}) in your unit changed: {{fields .Fields}}.{{end}}`},
			KindWeeklyProgramme: {Name: "The week's programme (on Mondays)",
				Subject: `This week's programme – {{.Unit}} ({{date .From}}–{{date .To}})`,
				Body:    `The programme of {{.Unit}} for {{date .From}}–{{date .To}}:`},
			KindIdeaStatus: {Name: "An idea's status changed",
				Subject: `Idea status changed: {{.Title}}`,
				Body:    `The idea “{{.Title}}” of the committee {{.Committee}} ({{.Unit}}) changed status: {{status .PrevStatus}} → {{status .Status}}.`},
		},
	},
}

func init() {
	for code, lt := range texts {
		lt.code = code
		texts[code] = lt
	}
}

func (lt langText) lang() l10n.Lang { return l10n.Lang(lt.code) }
