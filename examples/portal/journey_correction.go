package main

import (
	"html/template"
	"net/http"
	"time"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/records"
)

// The correction journey: registration (national ID or Iqama, birth date,
// mobile code, email token) in journey_correction_register.go, and an
// employee's requests to correct their file, with a supporting document,
// and HR's review of them in journey_correction_records.go.

// correctionLabels are the correction journey's words.
var correctionLabels = i18n.Labels[string]{
	// Registration.
	"correction.menu.register":        {AR: "إنشاء حساب جديد", EN: "Register"},
	"correction.register.title":       {AR: "إنشاء حساب في مسار", EN: "Register with Masar"},
	"correction.register.intro":       {AR: "أدخل بياناتك كما هي في السجل المدني، وسنرسل رمزاً إلى جوالك ورسالة إلى بريدك.", EN: "Enter your details as the civil registry holds them; we will send a code to your mobile and a message to your email."},
	"correction.register.id":          {AR: "رقم الهوية الوطنية أو الإقامة", EN: "National ID or Iqama number"},
	"correction.register.id.hint":     {AR: "عشرة أرقام تبدأ بـ 1 للمواطن أو 2 للمقيم.", EN: "Ten digits, starting with 1 for a citizen or 2 for a resident."},
	"correction.register.birth":       {AR: "تاريخ الميلاد", EN: "Date of birth"},
	"correction.register.birth.hint":  {AR: "بالتقويم الهجري، مثل 1410-07-01، أو الميلادي.", EN: "Hijri, e.g. 1410-07-01, or Gregorian."},
	"correction.register.mobile":      {AR: "رقم الجوال", EN: "Mobile number"},
	"correction.register.mobile.hint": {AR: "رقم جوال سعودي، مثل 0512345678.", EN: "A Saudi mobile number, e.g. 0512345678."},
	"correction.register.email":       {AR: "البريد الإلكتروني", EN: "Email"},
	"correction.register.submit":      {AR: "إرسال رمز التحقق", EN: "Send the verification code"},
	"correction.mobile.title":         {AR: "تأكيد رقم الجوال", EN: "Confirm your mobile number"},
	"correction.mobile.sent":          {AR: "أرسلنا رمزاً من ستة أرقام إلى الجوال", EN: "We sent a six-digit code to the mobile"},
	"correction.mobile.resent":        {AR: "أرسلنا رمزاً جديداً.", EN: "We sent a new code."},
	"correction.mobile.code":          {AR: "رمز التحقق", EN: "Verification code"},
	"correction.mobile.submit":        {AR: "تأكيد الرمز", EN: "Confirm the code"},
	"correction.mobile.resend":        {AR: "إرسال رمز جديد", EN: "Send a new code"},
	"correction.email.title":          {AR: "تأكيد البريد الإلكتروني", EN: "Confirm your email"},
	"correction.email.mobile_done":    {AR: "تم تأكيد رقم الجوال.", EN: "Your mobile number is confirmed."},
	"correction.email.intro":          {AR: "افتح الرسالة التي أرسلناها إلى بريدك، وأدخل الرمز الوارد فيها أو افتح الرابط.", EN: "Open the message we sent to your email and enter the code it holds, or open its link."},
	"correction.email.token":          {AR: "رمز تأكيد البريد", EN: "Email confirmation code"},
	"correction.email.submit":         {AR: "تأكيد البريد", EN: "Confirm the email"},
	"correction.done.title":           {AR: "حالة التسجيل", EN: "Registration status"},
	"correction.done.status":          {AR: "حالة الحساب", EN: "Account status"},
	"correction.done.active":          {AR: "اكتمل تسجيلك. يمكنك الآن الدخول عبر نفاذ.", EN: "Your registration is complete. You can now sign in with Nafath."},
	"correction.done.pending":         {AR: "تم تأكيد بريدك الإلكتروني. بقي تأكيد رقم الجوال.", EN: "Your email is confirmed. Your mobile number still needs confirming."},
	"correction.done.mobile":          {AR: "تأكيد رقم الجوال", EN: "Confirm the mobile number"},

	// Corrections.
	"correction.menu.mine":          {AR: "طلبات تصحيح بياناتي", EN: "My data correction requests"},
	"correction.menu.new":           {AR: "طلب تصحيح بيانات", EN: "Request a data correction"},
	"correction.menu.queue":         {AR: "طلبات تصحيح البيانات الواردة", EN: "Data correction requests to review"},
	"correction.list.title":         {AR: "طلبات تصحيح بياناتي", EN: "My data correction requests"},
	"correction.list.none":          {AR: "لا توجد طلبات.", EN: "There are no requests."},
	"correction.list.caption":       {AR: "الطلبات، الأقدم أولاً", EN: "The requests, oldest first"},
	"correction.list.next":          {AR: "الصفحة التالية", EN: "Next page"},
	"correction.queue.title":        {AR: "طلبات تصحيح البيانات الواردة", EN: "Data correction requests to review"},
	"correction.queue.filter":       {AR: "الحالة", EN: "Status"},
	"correction.queue.all":          {AR: "الكل", EN: "All"},
	"correction.queue.show":         {AR: "عرض", EN: "Show"},
	"correction.col.request":        {AR: "الطلب", EN: "Request"},
	"correction.col.date":           {AR: "تاريخ الطلب", EN: "Requested on"},
	"correction.col.by":             {AR: "مقدم الطلب", EN: "Requested by"},
	"correction.col.fields":         {AR: "الحقول", EN: "Fields"},
	"correction.col.status":         {AR: "الحالة", EN: "Status"},
	"correction.col.field":          {AR: "الحقل", EN: "Field"},
	"correction.col.old":            {AR: "القيمة الحالية عند الطلب", EN: "Value when requested"},
	"correction.col.new":            {AR: "القيمة المقترحة", EN: "Proposed value"},
	"correction.open":               {AR: "فتح الطلب", EN: "Open request"},
	"correction.new.title":          {AR: "طلب تصحيح بيانات الملف الوظيفي", EN: "Request a correction of your employee file"},
	"correction.new.field":          {AR: "الحقل المطلوب تصحيحه", EN: "The field to correct"},
	"correction.new.value":          {AR: "القيمة الصحيحة", EN: "The correct value"},
	"correction.new.reason":         {AR: "سبب الطلب", EN: "The reason for the request"},
	"correction.new.document":       {AR: "المستند المؤيد (PDF أو PNG أو JPEG)", EN: "Supporting document (PDF, PNG or JPEG)"},
	"correction.new.terms":          {AR: "أقر بصحة البيانات المقدمة وأوافق على شروط تصحيح البيانات.", EN: "I confirm the data given is correct and accept the data correction terms."},
	"correction.new.submit":         {AR: "إرسال الطلب", EN: "Submit the request"},
	"correction.new.current":        {AR: "بياناتك الحالية", EN: "Your current data"},
	"correction.new.too_large":      {AR: "حجم النموذج أكبر من المسموح.", EN: "The form is larger than allowed."},
	"correction.show.title":         {AR: "طلب تصحيح بيانات", EN: "Data correction request"},
	"correction.show.created":       {AR: "تم إرسال طلبك برقم", EN: "Your request was submitted with the number"},
	"correction.show.number":        {AR: "رقم الطلب", EN: "Request number"},
	"correction.show.changes":       {AR: "التعديلات المطلوبة", EN: "The changes requested"},
	"correction.show.reason":        {AR: "سبب الطلب", EN: "Reason"},
	"correction.show.documents":     {AR: "المستندات المؤيدة", EN: "Supporting documents"},
	"correction.show.download":      {AR: "تنزيل", EN: "Download"},
	"correction.show.decision":      {AR: "القرار", EN: "Decision"},
	"correction.show.decided_on":    {AR: "تاريخ القرار", EN: "Decided on"},
	"correction.show.note":          {AR: "ملاحظة القرار", EN: "Decision note"},
	"correction.show.file":          {AR: "الملف الوظيفي الآن", EN: "The employee file now"},
	"correction.show.name_ar":       {AR: "الاسم بالعربية", EN: "Name in Arabic"},
	"correction.show.name_en":       {AR: "الاسم بالإنجليزية", EN: "Name in English"},
	"correction.show.address":       {AR: "العنوان الوطني", EN: "National address"},
	"correction.show.back_mine":     {AR: "العودة إلى طلباتي", EN: "Back to my requests"},
	"correction.show.back_queue":    {AR: "العودة إلى الطلبات الواردة", EN: "Back to the requests to review"},
	"correction.show.withdraw":      {AR: "سحب الطلب", EN: "Withdraw the request"},
	"correction.show.approve":       {AR: "اعتماد التصحيح وتحديث الملف", EN: "Approve and update the file"},
	"correction.show.approve_note":  {AR: "ملاحظة (اختيارية)", EN: "Note (optional)"},
	"correction.show.reject":        {AR: "رفض الطلب", EN: "Reject the request"},
	"correction.show.reject_reason": {AR: "سبب الرفض", EN: "Reason for rejecting"},
	"correction.show.decide":        {AR: "قرار الموارد البشرية", EN: "HR decision"},
}

// correctionFuncs are the correction journey's template functions.
var correctionFuncs = template.FuncMap{
	// correctionDay is the Saudi calendar day of an instant, for the shared
	// date function.
	"correctionDay": func(t time.Time) hijri.Date {
		if t.IsZero() {
			return hijri.Date{}
		}
		d, err := hijri.Today(t, hijri.SaudiTime())
		if err != nil {
			return hijri.Date{}
		}
		return d
	},
	// correctionRegStatus is a registration status's name in lang.
	"correctionRegStatus": func(lang i18n.Lang, s string) string {
		return identity.RegistrationStatus(s).Label(lang)
	},
	// correctionFileView is the data of the template correction-file: a
	// file shown in the page's language.
	"correctionFileView": func(lang i18n.Lang, f *records.Employee) correctionFileView {
		return correctionFileView{Lang: lang, File: f}
	},
}

// correctionFileView is a file shown in a page's language.
type correctionFileView struct {
	Lang i18n.Lang
	File *records.Employee
}

// correctionRoutes adds the correction journey's pages to mux.
func (p *Portal) correctionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /register", p.correctionRegisterForm)
	mux.HandleFunc("POST /register", p.correctionRegister)
	mux.HandleFunc("GET /register/{id}/mobile", p.correctionMobileForm)
	mux.HandleFunc("POST /register/{id}/mobile", p.correctionVerifyMobile)
	mux.HandleFunc("POST /register/{id}/resend", p.correctionResend)
	mux.HandleFunc("GET /register/email", p.correctionEmailForm)
	mux.HandleFunc("POST /register/email", p.correctionConfirmEmail)
	mux.HandleFunc("GET /register/done", p.correctionDone)

	mux.HandleFunc("GET /corrections", p.correctionList)
	mux.HandleFunc("GET /corrections/new", p.correctionNewForm)
	mux.HandleFunc("POST /corrections", p.correctionCreate)
	mux.HandleFunc("GET /corrections/{id}", p.correctionShow)
	mux.HandleFunc("GET /corrections/{id}/documents/{n}", p.correctionDocument)
	mux.HandleFunc("POST /corrections/{id}/approval", p.correctionDecide("approval"))
	mux.HandleFunc("POST /corrections/{id}/rejection", p.correctionDecide("rejection"))
	mux.HandleFunc("POST /corrections/{id}/withdrawal", p.correctionDecide("withdrawal"))
	mux.HandleFunc("GET /agency/corrections", p.correctionQueue)
}
