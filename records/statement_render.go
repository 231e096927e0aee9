package records

import (
	"bytes"
	"embed"
	"encoding/base64"
	"errors"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"net/url"
	"strings"
	texttemplate "text/template"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// MaxStatementLogo is the largest logo a StatementLayout takes, in bytes.
const MaxStatementLogo = 512 << 10

// StatementLayout is how a host's service statements look: its letterhead,
// logo, signatory and verification page, or templates of its own. The zero
// value gives the default layout: a letterhead of the Kingdom, the issuing
// agency (the agency of the job on the statement) and its human resources,
// no logo, and a QR code carrying the verification code alone.
type StatementLayout struct {
	// VerifyURL is the absolute http(s) address of the host's page that
	// verifies a statement by its code, such as
	// "https://hr.example.gov.sa/verify". The statement prints it with the
	// code as its "code" query parameter and carries it as a QR code.
	// Without it the QR code carries the code alone.
	VerifyURL string
	// Letterhead replaces the default letterhead lines (the Kingdom, the
	// agency, its human resources), one Text per line.
	Letterhead []i18n.Text
	// LetterheadHTML, when set, replaces the whole letterhead block (lines
	// and logo) with the host's own markup. It is trusted: it is inserted
	// unescaped, so it must never hold text from users.
	LetterheadHTML htmltemplate.HTML
	// Logo is an image shown in the middle of the letterhead, of media type
	// LogoType: image/png, image/jpeg, image/webp or image/svg+xml, at most
	// MaxStatementLogo bytes.
	Logo     []byte
	LogoType string
	// Signatory is the title printed under the signature line (default
	// "مدير إدارة الموارد البشرية" / "Director of Human Resources").
	Signatory i18n.Text
	// HTML and Text, when set, replace the default templates; they are
	// executed with a StatementView. DefaultStatementTemplates gives the
	// default ones to start from.
	HTML *htmltemplate.Template
	Text *texttemplate.Template
}

// clone returns a deep copy of l (templates are shared: they are safe for
// concurrent execution).
func (l StatementLayout) clone() StatementLayout {
	l.Letterhead = append([]i18n.Text(nil), l.Letterhead...)
	l.Logo = append([]byte(nil), l.Logo...)
	return l
}

// ErrStatementLayout is returned by rendering when the StatementLayout is
// unusable: a VerifyURL that is not an absolute http(s) address, or a logo
// of an unknown type or too large.
var ErrStatementLayout = errors.New("records: invalid statement layout")

//go:embed templates/*.tmpl
var templateFS embed.FS

var (
	textTmpl = texttemplate.Must(texttemplate.New("statement.txt.tmpl").ParseFS(templateFS, "templates/statement.txt.tmpl"))
	htmlTmpl = htmltemplate.Must(htmltemplate.New("statement.html.tmpl").ParseFS(templateFS, "templates/statement.html.tmpl"))
)

// DefaultStatementTemplates returns the default templates
// (statement.html.tmpl, statement.txt.tmpl) for a host that writes its own
// from them: parse them with html/template or text/template, change what it
// needs, and set StatementLayout.HTML or Text.
func DefaultStatementTemplates() fs.FS {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		panic(err) // the embedded directory exists
	}
	return sub
}

// RenderText renders s as plain text in lang (Arabic or English) in the
// default layout.
func (s *Statement) RenderText(lang i18n.Lang) (string, error) {
	return s.RenderTextWith(lang, nil)
}

// RenderTextWith renders s as plain text in lang with layout (nil: the
// default layout).
func (s *Statement) RenderTextWith(lang i18n.Lang, layout *StatementLayout) (string, error) {
	v, err := s.View(lang, layout)
	if err != nil {
		return "", err
	}
	t := textTmpl
	if layout != nil && layout.Text != nil {
		t = layout.Text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// RenderHTML writes s as a print-ready A4 HTML page in lang, in the default
// layout: right to left with lang="ar" for Arabic; a letterhead; the
// statement number and page numbers on every page; a signature and stamp
// area; the verification code and its QR code. Every value is escaped.
func (s *Statement) RenderHTML(w io.Writer, lang i18n.Lang) error {
	return s.RenderHTMLWith(w, lang, nil)
}

// RenderHTMLWith is RenderHTML with layout (nil: the default layout). It
// fails with ErrStatementLayout for an unusable layout.
func (s *Statement) RenderHTMLWith(w io.Writer, lang i18n.Lang, layout *StatementLayout) error {
	v, err := s.View(lang, layout)
	if err != nil {
		return err
	}
	t := htmlTmpl
	if layout != nil && layout.HTML != nil {
		t = layout.HTML
	}
	return t.Execute(w, v)
}

// RenderStatementHTML writes st as RenderHTMLWith does, in the layout of the
// Service's Options.StatementLayout.
func (s *Service) RenderStatementHTML(w io.Writer, st Statement, lang i18n.Lang) error {
	return st.RenderHTMLWith(w, lang, &s.layout)
}

// RenderStatementText renders st as RenderTextWith does, in the layout of
// the Service's Options.StatementLayout.
func (s *Service) RenderStatementText(st Statement, lang i18n.Lang) (string, error) {
	return st.RenderTextWith(lang, &s.layout)
}

// StatementView is what a statement template sees: every value formatted
// for one language, labels instead of codes. Text fields are plain text
// (html/template escapes them); LetterheadHTML, QR and Logo are trusted.
type StatementView struct {
	// Statement is the statement itself, for a template that needs a raw field.
	Statement *Statement
	// Lang is "ar" or "en"; Dir "rtl" or "ltr".
	Lang, Dir string
	// L holds the default layout's labels in Lang, by key ("title", "name", ...).
	L map[string]string
	// Letterhead is the letterhead's lines; LetterheadHTML the host's own
	// letterhead markup, which replaces them when set; Logo a data: URL.
	Letterhead     []string
	LetterheadHTML htmltemplate.HTML
	Logo           htmltemplate.URL
	// Issuer is the issuing agency's name; Signatory the signing officer's title.
	Issuer, Signatory string
	// Number is the statement number (the statement's ID); Code its
	// verification code; VerifyURL the address that verifies it ("" without
	// StatementLayout.VerifyURL); QR an inline SVG QR code of VerifyURL, or
	// of the code without one.
	Number, Code, VerifyURL string
	QR                      htmltemplate.HTML
	// The employee.
	Name, NationalID, BirthDate, Gender, Nationality, System string
	// The job held on the as-of date.
	Agency, JobTitle, Classification, JobNumber, RankStep, JobStart string
	// Dates: long Hijri with the Gregorian equivalent. ServiceStart is the
	// first day of service of the first spell; ServiceEnd and EndReason
	// those of the last spell, when the employee is out of service on AsOf.
	ServiceStart, AsOf, IssuedOn, ServiceEnd, EndReason string
	// InService reports whether the employee is in service on AsOf; Status
	// says it in words (in service, or service ended).
	InService bool
	Status    string
	// Spells are the spells of service and the gaps between them (CSL art
	// 18(c)), in order, when the file holds more than one spell; nil
	// otherwise (ServiceStart and ServiceEnd say it all).
	Spells []StatementSpellView
	// Lines is the history; Counted and Excluded the periods of service.
	Lines             []StatementLineView
	Counted, Excluded []StatementSpanView
	// Totals: days as numbers, the same counted in words ("٥٧٦٧ يوماً",
	// "5767 days"), and periods in words, with plural agreement.
	GrossDays, ExcludedDays, NetDays             string
	GrossDaysText, ExcludedDaysText, NetDaysText string
	Gross, ExcludedPeriod, Net                   string
}

// StatementLineView is one history line of a StatementView.
type StatementLineView struct {
	// N is the line number; Kind the event's name.
	N, Kind string
	// From and To are Hijri dates; FromGregorian and ToGregorian their
	// Gregorian equivalents. To is "ongoing" for an open job or period.
	From, FromGregorian, To, ToGregorian string
	// Job describes the job the event gives; Detail the event's other
	// fields, and DetailParts the same one field a part (each may be in
	// either language: a template isolates them, as the default one does
	// with <bdi>).
	Job, Detail string
	DetailParts []string
	// DecisionNumber and DecisionDate are the decision's; Decision both in a phrase.
	DecisionNumber, DecisionDate, Decision string
}

// StatementSpellView is one spell of service of a StatementView, from its
// appointment to its end of service, or the gap between two spells (Gap),
// which is not service for any purpose.
type StatementSpellView struct {
	// N is the spell's number ("" for a gap); Gap marks a gap.
	N   string
	Gap bool
	// From and To are Hijri dates, FromGregorian and ToGregorian their
	// Gregorian equivalents; To is "in service" for the current spell.
	From, FromGregorian, To, ToGregorian string
	// Days is the length in days as a number, DaysText in words; Period in
	// years, months and days (a gap's from its first to its last day).
	Days, DaysText, Period string
	// Detail is the end of service's reason for a spell that ended, or
	// that a gap is not service; Appointment and End are the decisions
	// (number and date) of its appointment and of its end of service.
	Detail, Appointment, End string
}

// StatementSpanView is one counted or excluded period of a StatementView.
type StatementSpanView struct {
	// Label names the row: the gross duration, or the spell it counts when
	// the service has several.
	Label string
	// From and To are Hijri dates, FromGregorian and ToGregorian their
	// Gregorian equivalents; Days the legal days as a number, DaysText
	// counted in words, Period in words.
	From, FromGregorian, To, ToGregorian, Days, DaysText, Period string
	// Causes says why an excluded period is excluded, with its legal basis.
	Causes string
}

var viewLabels = map[i18n.Lang]map[string]string{
	i18n.Arabic: {
		"sep": "، ", "kingdom": "المملكة العربية السعودية", "hr": "الموارد البشرية", "signatory": "مدير إدارة الموارد البشرية",
		"title": "بيان خدمة", "number": "رقم البيان", "issued_on": "تاريخ الإصدار", "page": "صفحة", "of": "من",
		"intro":    "تفيد %s بأن بيانات الموظف وسجله الوظيفي ومدة خدمته حتى التاريخ المبين أدناه هي كما يلي، وفق ملفه لديها:",
		"employee": "بيانات الموظف", "name": "الاسم", "national_id": "رقم الهوية",
		"birth_date": "تاريخ الميلاد", "gender": "الجنس", "nationality": "الجنسية", "system": "نظام التوظيف",
		"job": "الوظيفة الحالية", "agency": "الجهة", "job_title": "مسمى الوظيفة", "classification": "رمز التصنيف",
		"job_number": "رقم الوظيفة", "rank_step": "المرتبة / الدرجة", "job_start": "تاريخ المباشرة في الوظيفة", "history": "السجل الوظيفي",
		"kind": "الحدث", "from": "من", "to": "إلى", "details": "التفاصيل", "decision": "القرار",
		"decision_no": "رقم", "decision_date": "وتاريخ",
		"service": "مدة الخدمة", "service_start": "تاريخ مباشرة الخدمة", "as_of": "حتى تاريخ", "service_end": "تاريخ انتهاء الخدمة",
		"end_reason": "سبب انتهاء الخدمة", "gross": "المدة الإجمالية", "excluded": "مدة مستبعدة", "excluded_total": "المدد المستبعدة", "net": "مدة الخدمة المحتسبة",
		"days_label": "الأيام", "period": "المدة", "cause": "السبب", "none": "لا يوجد", "ongoing": "مستمر",
		"code": "رمز التحقق", "verify_at": "للتحقق من صحة البيان",
		"verify":    "يمكن التحقق من صحة هذا البيان برمز التحقق لدى الجهة المصدرة، وأي تعديل في محتواه يبطل الرمز.",
		"note":      "لا تشمل الأيام تاريخ \"حتى تاريخ\" نفسه؛ السنة ١٢ شهراً هجرياً والشهر ٣٠ يوماً (المادة ١ من اللائحة التنفيذية للموارد البشرية في الخدمة المدنية).",
		"signature": "التوقيع", "stamp": "الختم الرسمي", "sign_name": "الاسم",
		"status": "الحالة الوظيفية", "in_service": "على رأس العمل", "out_of_service": "انتهت الخدمة",
		"spells": "فترات الخدمة", "spell": "فترة الخدمة", "gap": "انقطاع عن الخدمة", "appointment": "قرار التعيين", "end_decision": "قرار انتهاء الخدمة",
		"gap_note": "لا تحتسب خدمة لأي غرض (المادة ١٨/ج من نظام الخدمة المدنية)",
	},
	i18n.English: {
		"sep": ", ", "kingdom": "Kingdom of Saudi Arabia", "hr": "Human Resources", "signatory": "Director of Human Resources",
		"title": "Service Statement", "number": "Statement No.", "issued_on": "Issued on", "page": "Page", "of": "of",
		"intro":    "%s certifies that the employee's particulars, job history and service up to the date below are as follows, according to the employee's file.",
		"employee": "Employee", "name": "Name", "national_id": "National ID",
		"birth_date": "Date of birth", "gender": "Gender", "nationality": "Nationality", "system": "Employment system",
		"job": "Current job", "agency": "Agency", "job_title": "Job title", "classification": "Classification code",
		"job_number": "Job number", "rank_step": "Rank / step", "job_start": "Started in the job", "history": "Job history",
		"kind": "Event", "from": "From", "to": "To", "details": "Details", "decision": "Decision",
		"decision_no": "No.", "decision_date": "of",
		"service": "Service duration", "service_start": "Start of service", "as_of": "As of", "service_end": "End of service",
		"end_reason": "Reason for end of service", "gross": "Gross duration", "excluded": "Excluded", "excluded_total": "Excluded periods", "net": "Service counted",
		"days_label": "Days", "period": "Period", "cause": "Cause", "none": "None", "ongoing": "ongoing",
		"code": "Verification code", "verify_at": "Verify this statement at",
		"verify":    "The issuing agency can verify this statement by its verification code. Any change to its content voids the code.",
		"note":      "Days exclude the \"as of\" date itself; a year is 12 Hijri months and a month 30 days (Implementing Regulation for HR, art 1).",
		"signature": "Signature", "stamp": "Official stamp", "sign_name": "Name",
		"status": "Status", "in_service": "In service", "out_of_service": "Service ended",
		"spells": "Spells of service", "spell": "Spell of service", "gap": "Break in service", "appointment": "Appointment decision", "end_decision": "End-of-service decision",
		"gap_note": "Not counted as service for any purpose (CSL art 18(c))",
	},
}

// formatDate renders a civil date, with its Gregorian equivalent, for lang.
func formatDate(d hijri.Date, lang i18n.Lang) string {
	if d.IsZero() || !d.IsValid() {
		return ""
	}
	h, g := shortDate(d, lang)
	return h + " (" + g + ")"
}

// shortDate renders d as a long Hijri date and its Gregorian date for lang.
func shortDate(d hijri.Date, lang i18n.Lang) (hijriText, gregorian string) {
	if d.IsZero() || !d.IsValid() {
		return "", ""
	}
	if lang == i18n.English {
		return d.Format(hijri.EnglishLong), d.Format(hijri.GregorianEnglishLong)
	}
	return d.Format(hijri.ArabicLong), d.Format(hijri.GregorianArabicLong)
}

// verifyAddress returns base with code as its "code" query parameter.
func verifyAddress(base, code string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" || u.User != nil {
		return "", ErrStatementLayout
	}
	q := u.Query()
	q.Set("code", code)
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.String(), nil
}

var logoTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/webp": true, "image/svg+xml": true}

// View returns what a template sees of s in lang with layout (nil: the
// default layout). It fails with ErrStatementLayout for an unusable layout.
func (s *Statement) View(lang i18n.Lang, layout *StatementLayout) (StatementView, error) {
	if lang != i18n.English {
		lang = i18n.Arabic
	}
	if layout == nil {
		layout = &StatementLayout{}
	}
	L := viewLabels[lang]
	v := StatementView{
		Statement: s, Lang: string(lang), Dir: "ltr", L: L,
		Issuer: s.Job.Agency.Name.In(lang), Signatory: layout.Signatory.In(lang), Number: s.ID, Code: s.Code,
		Name: s.Name.In(lang), NationalID: s.NationalID, BirthDate: formatDate(s.BirthDate, lang),
		Gender: s.Gender.Label(lang), Nationality: i18n.CountryName(s.Nationality, lang), System: s.EmploymentSystem.Label(lang),
		Agency: s.Job.Agency.Name.In(lang), JobTitle: s.Job.Title.In(lang), Classification: s.Job.ClassificationCode, JobNumber: s.Job.JobNumber,
		RankStep: i18n.Digits(s.Job.Rank, lang) + " / " + i18n.Digits(s.Job.Step, lang), JobStart: formatDate(s.Job.StartDate, lang),
		ServiceStart: formatDate(s.Service.Start, lang), AsOf: formatDate(s.AsOf, lang), IssuedOn: formatDate(s.IssuedOn, lang),
		ServiceEnd: formatDate(s.ServiceEnd, lang), GrossDays: i18n.Digits(s.Service.GrossDays, lang), ExcludedDays: i18n.Digits(s.Service.ExcludedDays, lang),
		NetDays: i18n.Digits(s.Service.Days, lang), Gross: s.Service.Gross.Text(lang), ExcludedPeriod: s.Service.ExcludedPeriod.Text(lang),
		Net: s.Service.Period.Text(lang), LetterheadHTML: layout.LetterheadHTML,
		GrossDaysText: i18n.Count(s.Service.GrossDays, i18n.Day, lang), ExcludedDaysText: i18n.Count(s.Service.ExcludedDays, i18n.Day, lang),
		NetDaysText: i18n.Count(s.Service.Days, i18n.Day, lang),
	}
	if lang == i18n.Arabic {
		v.Dir = "rtl"
	}
	if v.Signatory == "" {
		v.Signatory = L["signatory"]
	}
	if err := v.letterhead(layout, L, lang); err != nil {
		return StatementView{}, err
	}
	if err := v.verification(layout, s.Code); err != nil {
		return StatementView{}, err
	}
	if s.EndReason != "" {
		v.EndReason = s.EndReason.Label(lang)
	}
	v.InService = s.ServiceEnd.IsZero()
	v.Status = L["out_of_service"]
	if v.InService {
		v.Status = L["in_service"]
	}
	for i := range s.Lines {
		v.Lines = append(v.Lines, lineView(&s.Lines[i], i, lang, L))
	}
	v.spans(s, lang)
	v.spells(s, lang, L)
	return v, nil
}

// spells sets v.Spells from the appointment and end-of-service lines of s
// when there are several spells.
func (v *StatementView) spells(s *Statement, lang i18n.Lang, L map[string]string) {
	type spell struct{ from, to *StatementLine }
	var sps []spell
	for i := range s.Lines {
		l := &s.Lines[i]
		switch {
		case l.Kind == KindAppointment && (len(sps) == 0 || sps[len(sps)-1].to != nil):
			sps = append(sps, spell{from: l})
		case l.Kind == KindEndOfService && len(sps) > 0 && sps[len(sps)-1].to == nil:
			sps[len(sps)-1].to = l
		}
	}
	if len(sps) < 2 {
		return
	}
	for i, sp := range sps {
		if i > 0 {
			v.Spells = append(v.Spells, gapView(sps[i-1].to.From, sp.from.From, lang, L))
		}
		sv := StatementSpellView{N: i18n.Digits(i+1, lang), Appointment: decisionPhrase(sp.from.Decision, lang, L), To: L["in_service"]}
		sv.From, sv.FromGregorian = shortDate(sp.from.From, lang)
		if sp.to != nil {
			sv.To, sv.ToGregorian = shortDate(sp.to.From, lang)
			sv.Detail, sv.End = sp.to.Detail.In(lang), decisionPhrase(sp.to.Decision, lang, L)
		}
		for _, c := range s.Service.Counted { // the spell's counted span, as the duration has it
			if c.From == sp.from.From {
				sv.Days, sv.DaysText, sv.Period = i18n.Digits(c.Days, lang), i18n.Count(c.Days, i18n.Day, lang), c.Period.Text(lang)
			}
		}
		v.Spells = append(v.Spells, sv)
	}
}

// gapView is the gap between a spell whose last day is end and the next
// one, starting on next.
func gapView(end, next hijri.Date, lang i18n.Lang, L map[string]string) StatementSpellView {
	g := StatementSpellView{Gap: true, Detail: L["gap_note"]}
	first, err1 := end.AddDays(1)
	last, err2 := next.AddDays(-1)
	if err1 != nil || err2 != nil || last.Before(first) {
		return g
	}
	days := hijri.DaysBetween(first, next)
	g.From, g.FromGregorian = shortDate(first, lang)
	g.To, g.ToGregorian = shortDate(last, lang)
	g.Days, g.DaysText, g.Period = i18n.Digits(days, lang), i18n.Count(days, i18n.Day, lang), hijri.Between(first, next).Text(lang)
	return g
}

// decisionPhrase is a decision's number and date in one phrase.
func decisionPhrase(d Decision, lang i18n.Lang, L map[string]string) string {
	var parts []string
	if d.Number != "" {
		parts = append(parts, L["decision_no"]+" "+d.Number)
	}
	if !d.Date.IsZero() && d.Date.IsValid() {
		h, _ := shortDate(d.Date, lang)
		parts = append(parts, L["decision_date"]+" "+h)
	}
	return strings.Join(parts, " ")
}

func (v *StatementView) letterhead(layout *StatementLayout, L map[string]string, lang i18n.Lang) error {
	if len(layout.Letterhead) > 0 {
		for _, t := range layout.Letterhead {
			v.Letterhead = append(v.Letterhead, t.In(lang))
		}
	} else {
		v.Letterhead = []string{L["kingdom"], v.Issuer, L["hr"]}
	}
	if len(layout.Logo) > 0 {
		if !logoTypes[layout.LogoType] || len(layout.Logo) > MaxStatementLogo {
			return ErrStatementLayout
		}
		v.Logo = htmltemplate.URL("data:" + layout.LogoType + ";base64," + base64.StdEncoding.EncodeToString(layout.Logo)) //nolint:gosec // a data URL of an image type checked above
	}
	return nil
}

func (v *StatementView) verification(layout *StatementLayout, code string) error {
	payload := code
	if layout.VerifyURL != "" {
		addr, err := verifyAddress(layout.VerifyURL, code)
		if err != nil {
			return err
		}
		v.VerifyURL, payload = addr, addr
	}
	if payload == "" {
		return nil // an unsigned statement has nothing to verify
	}
	qr, err := qrSVG(payload, v.L["code"]+" "+code, 28)
	if err != nil {
		return err
	}
	v.QR = qr
	return nil
}

func lineView(l *StatementLine, i int, lang i18n.Lang, L map[string]string) StatementLineView {
	lv := StatementLineView{N: i18n.Digits(i+1, lang), Kind: l.Kind.Label(lang), Detail: l.Detail.In(lang), DecisionNumber: l.Decision.Number}
	if lv.Detail != "" {
		lv.DetailParts = strings.Split(lv.Detail, L["sep"])
	}
	lv.From, lv.FromGregorian = shortDate(l.From, lang)
	lv.To, lv.ToGregorian = shortDate(l.To, lang)
	if l.To.IsZero() && l.Kind != KindEndOfService {
		lv.To = L["ongoing"]
	}
	if l.Job != nil {
		lv.Job = l.Job.Title.In(lang) + " — " + l.Job.Agency.Name.In(lang) + " (" + i18n.Digits(l.Job.Rank, lang) + "/" + i18n.Digits(l.Job.Step, lang) + ")"
	}
	if !l.Decision.Date.IsZero() && l.Decision.Date.IsValid() {
		lv.DecisionDate, _ = shortDate(l.Decision.Date, lang)
	}
	lv.Decision = decisionPhrase(l.Decision, lang, L)
	return lv
}

func (v *StatementView) spans(s *Statement, lang i18n.Lang) {
	for i, sp := range s.Service.Counted {
		sv := StatementSpanView{Label: v.L["gross"], Days: i18n.Digits(sp.Days, lang), DaysText: i18n.Count(sp.Days, i18n.Day, lang), Period: sp.Period.Text(lang)}
		sv.From, sv.FromGregorian = shortDate(sp.From, lang)
		sv.To, sv.ToGregorian = shortDate(sp.To, lang)
		if len(s.Service.Counted) > 1 {
			sv.Label = v.L["spell"] + " " + i18n.Digits(i+1, lang)
		}
		v.Counted = append(v.Counted, sv)
	}
	sep := "; "
	if lang == i18n.Arabic {
		sep = "؛ "
	}
	for _, ex := range s.Service.Excluded {
		var causes []string
		for _, c := range ex.Causes {
			if lang == i18n.English {
				causes = append(causes, c.Reason.EN+" ["+c.Basis+"]")
			} else {
				causes = append(causes, c.Reason.In(lang))
			}
		}
		sv := StatementSpanView{Label: v.L["excluded"], Days: i18n.Digits(ex.Days, lang), DaysText: i18n.Count(ex.Days, i18n.Day, lang), Period: ex.Period.Text(lang), Causes: strings.Join(causes, sep)}
		sv.From, sv.FromGregorian = shortDate(ex.From, lang)
		sv.To, sv.ToGregorian = shortDate(ex.To, lang)
		v.Excluded = append(v.Excluded, sv)
	}
}
