package main

import (
	"html/template"
	"net/http"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/records"
)

// The employee journey: a signed-in employee's own pages (the services they
// may use, their file and history, their service duration, the service
// statement, their promotion standing, their consents) and the public page
// that verifies a printed statement's code. Each page's data, and each
// refusal, is the API's; the handlers are in journey_employee_pages.go.

// employeeLabels are the employee journey's words.
var employeeLabels = i18n.Labels[string]{
	"employee.menu.services":         {AR: "الخدمات المتاحة لي", EN: "My services"},
	"employee.menu.file":             {AR: "ملفي الوظيفي وسجلي", EN: "My job file and history"},
	"employee.menu.duration":         {AR: "مدة خدمتي", EN: "My service duration"},
	"employee.menu.statement":        {AR: "بيان الخدمة", EN: "Service statement"},
	"employee.menu.promotion":        {AR: "موقفي من الترقيات", EN: "My promotion standing"},
	"employee.menu.consents":         {AR: "موافقاتي على مشاركة بياناتي", EN: "My consents"},
	"employee.menu.verify":           {AR: "التحقق من بيان خدمة", EN: "Verify a service statement"},
	"employee.menu.label":            {AR: "خدماتي", EN: "My pages"},
	"employee.back":                  {AR: "العودة إلى الرئيسية", EN: "Back to the home page"},
	"employee.services.title":        {AR: "الخدمات المتاحة لي", EN: "The services I may use"},
	"employee.services.intro":        {AR: "تحقق مسار من شروط كل خدمة عليك:", EN: "Masar checks each service's conditions for you:"},
	"employee.services.name":         {AR: "الخدمة", EN: "Service"},
	"employee.services.status":       {AR: "الحالة", EN: "Status"},
	"employee.services.why":          {AR: "السبب", EN: "Why not"},
	"employee.services.yes":          {AR: "متاحة لك", EN: "Available to you"},
	"employee.services.no":           {AR: "غير متاحة", EN: "Not available"},
	"employee.file.title":            {AR: "ملفي الوظيفي", EN: "My job file"},
	"employee.file.person":           {AR: "البيانات الشخصية والوظيفية", EN: "Personal and job data"},
	"employee.file.name":             {AR: "الاسم", EN: "Name"},
	"employee.file.id":               {AR: "رقم الهوية", EN: "ID number"},
	"employee.file.birth":            {AR: "تاريخ الميلاد", EN: "Date of birth"},
	"employee.file.agency":           {AR: "الجهة", EN: "Agency"},
	"employee.file.jobtitle":         {AR: "مسمى الوظيفة", EN: "Job title"},
	"employee.file.jobnumber":        {AR: "رقم الوظيفة", EN: "Job number"},
	"employee.file.rank":             {AR: "المرتبة", EN: "Rank"},
	"employee.file.step":             {AR: "الدرجة", EN: "Step"},
	"employee.file.started":          {AR: "تاريخ المباشرة", EN: "Start date"},
	"employee.file.system":           {AR: "نظام التوظيف", EN: "Employment system"},
	"employee.file.end":              {AR: "آخر يوم في الخدمة", EN: "Last day of service"},
	"employee.file.history":          {AR: "السجل الوظيفي", EN: "Job history"},
	"employee.file.nohistory":        {AR: "لا توجد أحداث في السجل.", EN: "The history has no event."},
	"employee.file.kind":             {AR: "الحدث", EN: "Event"},
	"employee.file.from":             {AR: "من", EN: "From"},
	"employee.file.to":               {AR: "إلى", EN: "To"},
	"employee.file.decision":         {AR: "القرار", EN: "Decision"},
	"employee.file.details":          {AR: "التفاصيل", EN: "Details"},
	"employee.file.ongoing":          {AR: "مستمر", EN: "ongoing"},
	"employee.file.decno":            {AR: "رقم", EN: "No."},
	"employee.duration.title":        {AR: "مدة خدمتي وحسابها", EN: "My service duration and its arithmetic"},
	"employee.duration.start":        {AR: "بداية الخدمة", EN: "Start of service"},
	"employee.duration.asof":         {AR: "محسوبة حتى (غير محسوب)", EN: "Counted up to (not included)"},
	"employee.duration.counted":      {AR: "المدد المحتسبة قبل الاستبعاد", EN: "Periods counted before exclusions"},
	"employee.duration.excluded":     {AR: "المدد المستبعدة", EN: "Periods excluded"},
	"employee.duration.noexcl":       {AR: "لم تُستبعد أي مدة لهذا الغرض.", EN: "No period is excluded for this purpose."},
	"employee.duration.days":         {AR: "الأيام", EN: "Days"},
	"employee.duration.period":       {AR: "المدة", EN: "Period"},
	"employee.duration.cause":        {AR: "سبب الاستبعاد", EN: "Why excluded"},
	"employee.duration.gross":        {AR: "إجمالي المدد المحتسبة", EN: "Gross service"},
	"employee.duration.minus":        {AR: "ناقصاً المدد المستبعدة", EN: "Minus the periods excluded"},
	"employee.duration.result":       {AR: "مدة الخدمة لهذا الغرض", EN: "Service for this purpose"},
	"employee.duration.sum":          {AR: "الحساب", EN: "The arithmetic"},
	"employee.duration.unit":         {AR: "يوم", EN: "days"},
	"employee.statement.title":       {AR: "طباعة بيان الخدمة", EN: "Print my service statement"},
	"employee.statement.intro":       {AR: "يصدر مسار بيان خدمتك موقعاً برمز تحقق يستطيع أي شخص التحقق منه.", EN: "Masar issues your service statement signed with a verification code anyone can check."},
	"employee.statement.asof":        {AR: "البيان حتى تاريخ (هجري، اختياري؛ اليوم إن تُرك فارغاً)", EN: "Statement as of (Hijri date, optional; today if empty)"},
	"employee.statement.issue":       {AR: "إصدار البيان", EN: "Issue the statement"},
	"employee.printed.title":         {AR: "بيان خدمة", EN: "Service statement"},
	"employee.printed.hint":          {AR: "اطبع هذه الصفحة من متصفحك، أو احفظها بصيغة PDF.", EN: "Print this page from your browser, or save it as a PDF."},
	"employee.printed.issued":        {AR: "تاريخ الإصدار", EN: "Issued on"},
	"employee.printed.asof":          {AR: "البيان حتى تاريخ", EN: "As of"},
	"employee.printed.lines":         {AR: "السجل الوظيفي في البيان", EN: "The history in the statement"},
	"employee.printed.service":       {AR: "مدة الخدمة الإجمالية", EN: "Total service"},
	"employee.printed.code":          {AR: "رمز التحقق", EN: "Verification code"},
	"employee.printed.check":         {AR: "للتحقق من هذا البيان أدخل رمزه في صفحة التحقق:", EN: "To check this statement, enter its code on the verification page:"},
	"employee.verify.title":          {AR: "التحقق من بيان خدمة", EN: "Verify a service statement"},
	"employee.verify.code":           {AR: "رمز التحقق المطبوع على البيان", EN: "The verification code printed on the statement"},
	"employee.verify.submit":         {AR: "تحقق", EN: "Verify"},
	"employee.verify.valid":          {AR: "البيان صحيح: أصدره مسار بهذه البيانات.", EN: "The statement is valid: Masar issued it with these data."},
	"employee.promotion.title":       {AR: "موقفي من الترقيات", EN: "My promotion standing"},
	"employee.promotion.none":        {AR: "لست مرشحاً في أي دورة ترقيات حالياً.", EN: "You are not a candidate in any promotion round."},
	"employee.promotion.status":      {AR: "حالة الدورة", EN: "Round status"},
	"employee.promotion.date":        {AR: "تاريخ النظر في الأهلية", EN: "Eligibility judged on"},
	"employee.promotion.vacancy":     {AR: "الوظيفة المتقدم لها", EN: "Vacancy applied for"},
	"employee.promotion.eligible":    {AR: "مستوفٍ لشروط الترقية", EN: "Eligible for promotion"},
	"employee.promotion.ineligible":  {AR: "غير مستوفٍ لشروط الترقية", EN: "Not eligible for promotion"},
	"employee.promotion.noresult":    {AR: "لم تتم المفاضلة بعد.", EN: "The round is not ranked yet."},
	"employee.promotion.position":    {AR: "الترتيب", EN: "Position"},
	"employee.promotion.total":       {AR: "مجموع النقاط", EN: "Total points"},
	"employee.promotion.winner":      {AR: "ضمن الفائزين بالوظيفة", EN: "Among the winners of the post"},
	"employee.consents.title":        {AR: "موافقاتي على مشاركة بياناتي", EN: "My consents to share my data"},
	"employee.consents.none":         {AR: "لم تمنح أي موافقة بعد.", EN: "You have not given any consent yet."},
	"employee.consents.list":         {AR: "الموافقات الممنوحة", EN: "Consents given"},
	"employee.consents.grantee":      {AR: "الجهة", EN: "Agency"},
	"employee.consents.parts":        {AR: "أجزاء الملف", EN: "Parts of the file"},
	"employee.consents.purpose":      {AR: "الغرض", EN: "Purpose"},
	"employee.consents.until":        {AR: "سارية حتى نهاية يوم", EN: "In force through"},
	"employee.consents.status":       {AR: "الحالة", EN: "Status"},
	"employee.consents.live":         {AR: "سارية", EN: "In force"},
	"employee.consents.revoked":      {AR: "ملغاة", EN: "Revoked"},
	"employee.consents.expired":      {AR: "منتهية", EN: "Expired"},
	"employee.consents.revoke":       {AR: "إلغاء الموافقة", EN: "Revoke"},
	"employee.consents.action":       {AR: "إجراء", EN: "Action"},
	"employee.consents.grant":        {AR: "منح موافقة جديدة", EN: "Give a new consent"},
	"employee.consents.grantee.hint": {AR: "رمز الجهة التي تطلع على بياناتك", EN: "The code of the agency that may read your data"},
	"employee.consents.until.hint":   {AR: "آخر يوم تسري فيه الموافقة (ميلادي)", EN: "The last day the consent is in force (Gregorian)"},
	"employee.consents.submit":       {AR: "منح الموافقة", EN: "Give the consent"},
	"employee.consents.granted":      {AR: "منحت الموافقة.", EN: "The consent was given."},
	"employee.consents.done":         {AR: "ألغيت الموافقة.", EN: "The consent was revoked."},
}

// employeeFuncs are the employee journey's template functions.
var employeeFuncs = template.FuncMap{
	// employeeDay is the civil day of instant t in Saudi Arabia, as a Hijri
	// date for the shared date function; the zero date for the zero time.
	"employeeDay": employeeDay,
	// employeeWith is a statement with the page language, for the template
	// employee-statement (in _menu_employee.html) that the printable and the
	// verification pages share.
	"employeeWith": func(lang i18n.Lang, st records.Statement) employeeStatementView {
		return employeeStatementView{Lang: lang, Statement: st}
	},
	// employeeLastDay is the last day in force of a consent lapsing at the
	// instant until (exclusive).
	"employeeLastDay": func(until time.Time) hijri.Date {
		if until.IsZero() {
			return hijri.Date{}
		}
		return employeeDay(until.Add(-time.Nanosecond))
	},
}

// employeeStatementView is a statement and the language to show it in.
type employeeStatementView struct {
	Lang      i18n.Lang
	Statement records.Statement
}

// saudiTime is Saudi Arabia's time zone (UTC+3, no daylight saving).
var saudiTime = time.FixedZone("AST", 3*3600)

// employeeDay is the civil Hijri day of t in Saudi Arabia.
func employeeDay(t time.Time) hijri.Date {
	if t.IsZero() {
		return hijri.Date{}
	}
	d, err := hijri.FromTime(t.In(saudiTime))
	if err != nil {
		return hijri.Date{}
	}
	return d
}

// employeeRoutes adds the employee journey's pages to mux.
func (p *Portal) employeeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /employee/services", p.employeeServices)
	mux.HandleFunc("GET /employee/file", p.employeeFile)
	mux.HandleFunc("GET /employee/service-duration", p.employeeDuration)
	mux.HandleFunc("GET /employee/statement", p.employeeStatementForm)
	mux.HandleFunc("POST /employee/statement", p.employeeIssueStatement)
	mux.HandleFunc("GET /employee/statements/{code}", p.employeeStatement)
	mux.HandleFunc("GET /verify", p.employeeVerify)
	mux.HandleFunc("GET /employee/promotion", p.employeePromotion)
	mux.HandleFunc("GET /employee/consents", p.employeeConsents)
	mux.HandleFunc("POST /employee/consents", p.employeeGrantConsent)
	mux.HandleFunc("POST /employee/consents/{id}/revocation", p.employeeRevokeConsent)
}
