package records

import "github.com/masarhr/masar-go/i18n"

// labels maps every enumerated value, prefixed by its type, to its display text.
var labels = map[string]i18n.Text{
	"gender:male":   {AR: "ذكر", EN: "Male"},
	"gender:female": {AR: "أنثى", EN: "Female"},

	"system:civil_service": {AR: "الخدمة المدنية", EN: "Civil service"},
	"system:military":      {AR: "عسكري", EN: "Military"},
	"system:private":       {AR: "القطاع الخاص", EN: "Private sector"},
	"system:other":         {AR: "أخرى", EN: "Other"},

	"degree:secondary":      {AR: "الثانوية العامة", EN: "Secondary school"},
	"degree:diploma":        {AR: "دبلوم", EN: "Diploma"},
	"degree:bachelor":       {AR: "بكالوريوس", EN: "Bachelor's degree"},
	"degree:higher_diploma": {AR: "دبلوم عالٍ", EN: "Higher diploma"},
	"degree:master":         {AR: "ماجستير", EN: "Master's degree"},
	"degree:doctorate":      {AR: "دكتوراه", EN: "Doctorate"},
	"degree:other":          {AR: "مؤهل آخر", EN: "Other qualification"},

	"kind:appointment":    {AR: "تعيين", EN: "Appointment"},
	"kind:promotion":      {AR: "ترقية", EN: "Promotion"},
	"kind:transfer":       {AR: "نقل", EN: "Transfer"},
	"kind:assignment":     {AR: "تكليف", EN: "Assignment"},
	"kind:secondment":     {AR: "إعارة", EN: "Secondment"},
	"kind:leave":          {AR: "إجازة", EN: "Leave"},
	"kind:training":       {AR: "تدريب", EN: "Training"},
	"kind:scholarship":    {AR: "ابتعاث أو إيفاد", EN: "Scholarship"},
	"kind:suspension":     {AR: "كف اليد", EN: "Suspension from duty"},
	"kind:absence":        {AR: "غياب بدون سند نظامي", EN: "Unexcused absence"},
	"kind:penalty":        {AR: "عقوبة تأديبية", EN: "Disciplinary penalty"},
	"kind:end_of_service": {AR: "انتهاء الخدمة", EN: "End of service"},

	"leave:annual":      {AR: "إجازة عادية", EN: "Annual leave"},
	"leave:exceptional": {AR: "إجازة استثنائية (بدون راتب)", EN: "Exceptional (unpaid) leave"},
	"leave:study":       {AR: "إجازة دراسية", EN: "Study leave"},

	"host:government":     {AR: "جهة حكومية", EN: "Government body"},
	"host:international":  {AR: "هيئة أو منظمة إقليمية أو دولية", EN: "Regional or international body"},
	"host:non_government": {AR: "جهة غير حكومية", EN: "Non-government body"},

	"location:inside":  {AR: "داخل المملكة", EN: "Inside the Kingdom"},
	"location:outside": {AR: "خارج المملكة", EN: "Outside the Kingdom"},

	"outcome:":             {AR: "لم تحدد النتيجة", EN: "Outcome pending"},
	"outcome:achieved":     {AR: "تحقق الغرض", EN: "Purpose achieved"},
	"outcome:not_achieved": {AR: "لم يتحقق الغرض", EN: "Purpose not achieved"},
	"outcome:cleared":      {AR: "انتهى دون عقوبة", EN: "Ended without a penalty"},
	"outcome:penalized":    {AR: "صدرت بحقه عقوبة", EN: "A penalty was imposed"},

	"penalty:warning":               {AR: "الإنذار", EN: "Warning"},
	"penalty:reprimand":             {AR: "اللوم", EN: "Reprimand"},
	"penalty:deduction":             {AR: "الحسم من الراتب", EN: "Salary deduction"},
	"penalty:increment_deprivation": {AR: "الحرمان من العلاوة السنوية", EN: "Deprivation of the annual increment"},
	"penalty:promotion_bar":         {AR: "عدم النظر في الترقية", EN: "No promotion consideration"},
	"penalty:dismissal":             {AR: "الفصل", EN: "Dismissal"},

	"end:retirement":       {AR: "التقاعد لبلوغ السن النظامية", EN: "Retirement at the statutory age"},
	"end:early_retirement": {AR: "التقاعد المبكر", EN: "Early retirement"},
	"end:resignation":      {AR: "الاستقالة", EN: "Resignation"},
	"end:medical":          {AR: "عدم اللياقة الصحية", EN: "Medical incapacity"},
	"end:dismissal":        {AR: "الفصل", EN: "Dismissal"},
	"end:job_abolition":    {AR: "إلغاء الوظيفة", EN: "Job abolition"},
	"end:death":            {AR: "الوفاة", EN: "Death"},
	"end:other":            {AR: "سبب آخر", EN: "Other reason"},

	"purpose:total":         {AR: "مدة الخدمة الفعلية", EN: "Total service"},
	"purpose:promotion":     {AR: "الخبرة لغرض الترقية", EN: "Experience for promotion"},
	"purpose:leave_accrual": {AR: "الخدمة لغرض استحقاق الإجازة العادية", EN: "Service for annual-leave accrual"},

	"status:pending":   {AR: "قيد المراجعة", EN: "Pending review"},
	"status:approved":  {AR: "مقبول", EN: "Approved"},
	"status:rejected":  {AR: "مرفوض", EN: "Rejected"},
	"status:withdrawn": {AR: "مسحوب", EN: "Withdrawn"},
}

func label(typ, value string, lang i18n.Lang) string {
	if t, ok := labels[typ+":"+value]; ok {
		return t.In(lang)
	}
	return value
}

func known(typ, value string) bool {
	_, ok := labels[typ+":"+value]
	return ok
}

// Label returns g's display name in lang.
func (g Gender) Label(lang i18n.Lang) string { return label("gender", string(g), lang) }

// Valid reports whether g is a defined gender.
func (g Gender) Valid() bool { return known("gender", string(g)) }

// Label returns s's display name in lang.
func (s EmploymentSystem) Label(lang i18n.Lang) string { return label("system", string(s), lang) }

// Valid reports whether s is a defined employment system.
func (s EmploymentSystem) Valid() bool { return known("system", string(s)) }

// Label returns d's display name in lang.
func (d DegreeLevel) Label(lang i18n.Lang) string { return label("degree", string(d), lang) }

// Valid reports whether d is a defined degree level.
func (d DegreeLevel) Valid() bool { return known("degree", string(d)) }

// Label returns k's display name in lang.
func (k EventKind) Label(lang i18n.Lang) string { return label("kind", string(k), lang) }

// Valid reports whether k is a defined event kind.
func (k EventKind) Valid() bool { return k.IsJob() || k.IsPeriod() || k == KindEndOfService }

// Label returns t's display name in lang.
func (t LeaveType) Label(lang i18n.Lang) string { return label("leave", string(t), lang) }

// Valid reports whether t is a defined leave type.
func (t LeaveType) Valid() bool { return known("leave", string(t)) }

// Label returns h's display name in lang.
func (h HostKind) Label(lang i18n.Lang) string { return label("host", string(h), lang) }

// Valid reports whether h is a defined host kind.
func (h HostKind) Valid() bool { return known("host", string(h)) }

// Label returns l's display name in lang.
func (l Location) Label(lang i18n.Lang) string { return label("location", string(l), lang) }

// Valid reports whether l is a defined location.
func (l Location) Valid() bool { return known("location", string(l)) }

// Label returns o's display name in lang; the zero Outcome reads "outcome pending".
func (o Outcome) Label(lang i18n.Lang) string { return label("outcome", string(o), lang) }

// Valid reports whether o is a defined outcome (the zero Outcome is valid: pending).
func (o Outcome) Valid() bool { return known("outcome", string(o)) }

// Label returns p's display name in lang.
func (p PenaltyType) Label(lang i18n.Lang) string { return label("penalty", string(p), lang) }

// Valid reports whether p is a defined penalty type.
func (p PenaltyType) Valid() bool { return known("penalty", string(p)) }

// Label returns r's display name in lang.
func (r EndReason) Label(lang i18n.Lang) string { return label("end", string(r), lang) }

// Valid reports whether r is a defined end-of-service reason.
func (r EndReason) Valid() bool { return known("end", string(r)) }

// Label returns p's display name in lang.
func (p Purpose) Label(lang i18n.Lang) string { return label("purpose", string(p), lang) }

// Valid reports whether p is a defined purpose.
func (p Purpose) Valid() bool { return known("purpose", string(p)) }

// Label returns s's display name in lang.
func (s CorrectionStatus) Label(lang i18n.Lang) string { return label("status", string(s), lang) }

// Valid reports whether s is a defined status.
func (s CorrectionStatus) Valid() bool { return known("status", string(s)) }
