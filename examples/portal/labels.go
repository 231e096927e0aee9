package main

import "github.com/masarhr/masar-go/i18n"

// labels are the portal's own words; everything about a person's records
// comes from the API.
var labels = i18n.Labels[string]{
	"app.name":                 {AR: "بوابة مسار التجريبية", EN: "Masar demo portal"},
	"skip":                     {AR: "انتقل إلى المحتوى", EN: "Skip to content"},
	"nav.main":                 {AR: "القائمة الرئيسية", EN: "Main menu"},
	"nav.home":                 {AR: "الرئيسية", EN: "Home"},
	"nav.signin":               {AR: "تسجيل الدخول", EN: "Sign in"},
	"nav.signout":              {AR: "تسجيل الخروج", EN: "Sign out"},
	"nav.nafath":               {AR: "تطبيق نفاذ (تجريبي)", EN: "Nafath app (demo)"},
	"nav.outbox":               {AR: "الرسائل المرسلة (تجريبي)", EN: "Sent messages (demo)"},
	"lang.other":               {AR: "English", EN: "العربية"},
	"home.title":               {AR: "مرحباً بك في مسار", EN: "Welcome to Masar"},
	"home.intro":               {AR: "بوابة مرجعية مبنية على واجهة masar-go البرمجية.", EN: "A reference portal built on the masar-go HTTP API."},
	"home.signedin":            {AR: "أنت مسجل الدخول برقم الهوية", EN: "You are signed in with the ID number"},
	"home.roles":               {AR: "الأدوار", EN: "Roles"},
	"home.agency":              {AR: "الجهة", EN: "Agency"},
	"home.demo":                {AR: "الأشخاص التجريبيون", EN: "Demo people"},
	"home.services":            {AR: "الخدمات", EN: "Services"},
	"signin.title":             {AR: "تسجيل الدخول عبر نفاذ", EN: "Sign in with Nafath"},
	"signin.id":                {AR: "رقم الهوية الوطنية أو الإقامة", EN: "National ID or Iqama number"},
	"signin.submit":            {AR: "متابعة", EN: "Continue"},
	"wait.title":               {AR: "أكد الدخول في تطبيق نفاذ", EN: "Confirm in the Nafath app"},
	"wait.pick":                {AR: "اختر هذا الرقم في تطبيق نفاذ:", EN: "Pick this number in the Nafath app:"},
	"wait.refresh":             {AR: "تتحدث الصفحة تلقائياً. تحقق الآن", EN: "This page refreshes itself. Check now"},
	"wait.ended":               {AR: "انتهى طلب الدخول دون موافقة. ابدأ من جديد.", EN: "The sign-in ended without approval. Start again."},
	"error.title":              {AR: "تعذر إتمام الطلب", EN: "The request could not be completed"},
	"error.code":               {AR: "الرمز", EN: "Code"},
	"error.ref":                {AR: "مرجع الطلب", EN: "Request reference"},
	"conflict.changed":         {AR: "تغيّر هذا السجل منذ فتحت الصفحة، ولم يُحفظ تعديلك.", EN: "This record changed since you opened the page; your change was not saved."},
	"conflict.reload":          {AR: "أعد تحميل أحدث نسخة", EN: "Reload the latest version"},
	"error.back":               {AR: "العودة إلى الرئيسية", EN: "Back to the home page"},
	"nafath.title":             {AR: "تطبيق نفاذ التجريبي: طلبات الدخول", EN: "Demo Nafath app: sign-in requests"},
	"nafath.none":              {AR: "لا توجد طلبات دخول بانتظار الموافقة.", EN: "No sign-in is waiting for approval."},
	"nafath.id":                {AR: "رقم الهوية", EN: "ID number"},
	"nafath.number":            {AR: "الرقم", EN: "Number"},
	"nafath.approve":           {AR: "موافقة", EN: "Approve"},
	"outbox.title":             {AR: "الرسائل المرسلة (تجريبي)", EN: "Sent messages (demo)"},
	"outbox.none":              {AR: "لم تُرسل أي رسالة بعد.", EN: "No message has been sent yet."},
	"role.employee":            {AR: "موظف", EN: "Employee"},
	"role.hr_specialist":       {AR: "أخصائي موارد بشرية", EN: "HR specialist"},
	"role.hr_manager":          {AR: "مدير موارد بشرية", EN: "HR manager"},
	"role.grievance_committee": {AR: "عضو لجنة التظلمات", EN: "Grievance committee member"},
	"role.ministry_auditor":    {AR: "مدقق الوزارة", EN: "Ministry auditor"},
}

// labelSets are the shared words and each journey's; a key is in one set.
var labelSets = []i18n.Labels[string]{labels, employeeLabels, correctionLabels, grievanceLabels, roundLabels}

// label returns the portal's word for key in lang, or key itself.
func label(key string, lang i18n.Lang) string {
	for _, set := range labelSets {
		if t, ok := set.Text(key); ok {
			return t.In(lang)
		}
	}
	return key
}
