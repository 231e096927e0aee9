package records

import "github.com/masarhr/masar-go/i18n"

// The display names of every enumerated value, one table per type (see
// i18n.Labels). A value missing from its table shows as itself; the tests
// check every table is complete.
var (
	genderLabels = i18n.Labels[Gender]{
		Male:   {AR: "ذكر", EN: "Male"},
		Female: {AR: "أنثى", EN: "Female"},
	}
	systemLabels = i18n.Labels[EmploymentSystem]{
		CivilService: {AR: "الخدمة المدنية", EN: "Civil service"},
		Military:     {AR: "عسكري", EN: "Military"},
		Private:      {AR: "القطاع الخاص", EN: "Private sector"},
		OtherSystem:  {AR: "أخرى", EN: "Other"},
	}
	degreeLabels = i18n.Labels[DegreeLevel]{
		Secondary:     {AR: "الثانوية العامة", EN: "Secondary school"},
		Diploma:       {AR: "دبلوم", EN: "Diploma"},
		Bachelor:      {AR: "بكالوريوس", EN: "Bachelor's degree"},
		HigherDiploma: {AR: "دبلوم عالٍ", EN: "Higher diploma"},
		Master:        {AR: "ماجستير", EN: "Master's degree"},
		Doctorate:     {AR: "دكتوراه", EN: "Doctorate"},
		OtherDegree:   {AR: "مؤهل آخر", EN: "Other qualification"},
	}
	kindLabels = i18n.Labels[EventKind]{
		KindAppointment:   {AR: "تعيين", EN: "Appointment"},
		KindPromotion:     {AR: "ترقية", EN: "Promotion"},
		KindTransfer:      {AR: "نقل", EN: "Transfer"},
		KindAssignment:    {AR: "تكليف", EN: "Assignment"},
		KindSecondment:    {AR: "إعارة", EN: "Secondment"},
		KindLeave:         {AR: "إجازة", EN: "Leave"},
		KindTraining:      {AR: "تدريب", EN: "Training"},
		KindScholarship:   {AR: "ابتعاث أو إيفاد", EN: "Scholarship"},
		KindSuspension:    {AR: "كف اليد", EN: "Suspension from duty"},
		KindAbsence:       {AR: "غياب بدون سند نظامي", EN: "Unexcused absence"},
		KindPenalty:       {AR: "عقوبة تأديبية", EN: "Disciplinary penalty"},
		KindEndOfService:  {AR: "انتهاء الخدمة", EN: "End of service"},
		KindTrialReferral: {AR: "إحالة إلى المحاكمة", EN: "Referral to trial"},
		KindImprisonment:  {AR: "سجن أو توقيف", EN: "Imprisonment"},
		KindDeFacto:       {AR: "عمل بصفة موظف فعلي", EN: "De facto employee period"},
	}
	leaveLabels = i18n.Labels[LeaveType]{
		AnnualLeave:          {AR: "إجازة عادية", EN: "Annual leave"},
		ExceptionalLeave:     {AR: "إجازة استثنائية (بدون راتب)", EN: "Exceptional (unpaid) leave"},
		StudyLeave:           {AR: "إجازة دراسية", EN: "Study leave"},
		SickLeave:            {AR: "إجازة مرضية", EN: "Sick leave"},
		CompanionLeave:       {AR: "إجازة مرافق مريض", EN: "Leave to accompany a patient"},
		MaternityLeave:       {AR: "إجازة وضع", EN: "Maternity leave"},
		MotherhoodLeave:      {AR: "إجازة أمومة", EN: "Motherhood leave"},
		PaternityLeave:       {AR: "إجازة مولود", EN: "Paternity leave"},
		BereavementLeave:     {AR: "إجازة وفاة", EN: "Bereavement leave"},
		EmergencyLeave:       {AR: "إجازة اضطرارية", EN: "Emergency leave"},
		ExamLeave:            {AR: "إجازة امتحان", EN: "Exam leave"},
		CompensationLeave:    {AR: "إجازة تعويضية", EN: "Compensatory leave"},
		DisabilityCareLeave:  {AR: "إجازة تدريب على رعاية ذوي الإعاقة", EN: "Disability-care training leave"},
		ExcusedAbsenceLeave:  {AR: "غياب بعذر محتسب من رصيد الإجازات", EN: "Excused absence charged to leave"},
		SpouseCompanionLeave: {AR: "إجازة مرافقة الزوج", EN: "Leave to accompany a spouse abroad"},
	}
	hostLabels = i18n.Labels[HostKind]{
		HostGovernment:    {AR: "جهة حكومية", EN: "Government body"},
		HostInternational: {AR: "هيئة أو منظمة إقليمية أو دولية", EN: "Regional or international body"},
		HostNonGovernment: {AR: "جهة غير حكومية", EN: "Non-government body"},
	}
	locationLabels = i18n.Labels[Location]{
		InsideKingdom:  {AR: "داخل المملكة", EN: "Inside the Kingdom"},
		OutsideKingdom: {AR: "خارج المملكة", EN: "Outside the Kingdom"},
	}
	outcomeLabels = i18n.Labels[Outcome]{
		OutcomePending: {AR: "لم تحدد النتيجة", EN: "Outcome pending"},
		Achieved:       {AR: "تحقق الغرض", EN: "Purpose achieved"},
		NotAchieved:    {AR: "لم يتحقق الغرض", EN: "Purpose not achieved"},
		Cleared:        {AR: "انتهى دون عقوبة", EN: "Ended without a penalty"},
		Penalized:      {AR: "صدرت بحقه عقوبة", EN: "A penalty was imposed"},
		Acquitted:      {AR: "البراءة", EN: "Acquitted"},
		Convicted:      {AR: "الإدانة", EN: "Convicted"},
		Dropped:        {AR: "حفظ الدعوى أو انقضاؤها دون حكم", EN: "Case dropped"},
	}
	penaltyLabels = i18n.Labels[PenaltyType]{
		PenaltyWarning:              {AR: "الإنذار", EN: "Warning"},
		PenaltyReprimand:            {AR: "اللوم", EN: "Reprimand"},
		PenaltyDeduction:            {AR: "الحسم من الراتب", EN: "Salary deduction"},
		PenaltyIncrementDeprivation: {AR: "الحرمان من العلاوة السنوية", EN: "Deprivation of the annual increment"},
		PenaltyPromotionBar:         {AR: "عدم النظر في الترقية", EN: "No promotion consideration"},
		PenaltyDismissal:            {AR: "الفصل", EN: "Dismissal"},
	}
	endLabels = i18n.Labels[EndReason]{
		EndRetirement:      {AR: "التقاعد لبلوغ السن النظامية", EN: "Retirement at the statutory age"},
		EndEarlyRetirement: {AR: "التقاعد المبكر", EN: "Early retirement"},
		EndResignation:     {AR: "الاستقالة", EN: "Resignation"},
		EndMedical:         {AR: "عدم اللياقة الصحية", EN: "Medical incapacity"},
		EndDismissal:       {AR: "الفصل", EN: "Dismissal"},
		EndJobAbolition:    {AR: "إلغاء الوظيفة", EN: "Job abolition"},
		EndDeath:           {AR: "الوفاة", EN: "Death"},
		EndOther:           {AR: "سبب آخر", EN: "Other reason"},
	}
	purposeLabels = i18n.Labels[Purpose]{
		PurposeTotal:        {AR: "مدة الخدمة الفعلية", EN: "Total service"},
		PurposePromotion:    {AR: "الخبرة لغرض الترقية", EN: "Experience for promotion"},
		PurposeLeaveAccrual: {AR: "الخدمة لغرض استحقاق الإجازة العادية", EN: "Service for annual-leave accrual"},
	}
	noteLabels = i18n.Labels[statementNote]{
		noteReappointment: {AR: "إعادة تعيين بعد انتهاء الخدمة (المادة ١٨/ج من نظام الخدمة المدنية)", EN: "Re-appointment after an end of service (CSL art 18(c))"},
		noteExceptional:   {AR: "ترقية استثنائية (المادة ٥٤ من اللائحة)", EN: "Exceptional promotion (Reg art 54)"},
		noteImprisonment:  {AR: "لا تستحق عنها إجازة عادية (المادة ١٣٥/و من اللائحة)", EN: "Earns no annual leave (Reg art 135(f))"},
		noteDeFacto:       {AR: "لا تحتسب خدمة لأي غرض (المادة ٢٢٢ من اللائحة)", EN: "Not counted as service for any purpose (Reg art 222)"},
	}
	statusLabels = i18n.Labels[CorrectionStatus]{
		CorrectionPending:   {AR: "قيد المراجعة", EN: "Pending review"},
		CorrectionApproved:  {AR: "مقبول", EN: "Approved"},
		CorrectionRejected:  {AR: "مرفوض", EN: "Rejected"},
		CorrectionWithdrawn: {AR: "مسحوب", EN: "Withdrawn"},
	}
)

// Label returns g's display name in lang.
func (g Gender) Label(lang i18n.Lang) string { return genderLabels.Label(g, lang) }

// Valid reports whether g is a defined gender.
func (g Gender) Valid() bool { _, ok := genderLabels[g]; return ok }

// Label returns s's display name in lang.
func (s EmploymentSystem) Label(lang i18n.Lang) string { return systemLabels.Label(s, lang) }

// Valid reports whether s is a defined employment system.
func (s EmploymentSystem) Valid() bool { _, ok := systemLabels[s]; return ok }

// Label returns d's display name in lang.
func (d DegreeLevel) Label(lang i18n.Lang) string { return degreeLabels.Label(d, lang) }

// Valid reports whether d is a defined degree level.
func (d DegreeLevel) Valid() bool { _, ok := degreeLabels[d]; return ok }

// Label returns k's display name in lang.
func (k EventKind) Label(lang i18n.Lang) string { return kindLabels.Label(k, lang) }

// Valid reports whether k is a defined event kind.
func (k EventKind) Valid() bool { return k.IsJob() || k.IsPeriod() || k == KindEndOfService }

// Label returns t's display name in lang.
func (t LeaveType) Label(lang i18n.Lang) string { return leaveLabels.Label(t, lang) }

// Valid reports whether t is a defined leave type.
func (t LeaveType) Valid() bool { _, ok := leaveLabels[t]; return ok }

// Label returns h's display name in lang.
func (h HostKind) Label(lang i18n.Lang) string { return hostLabels.Label(h, lang) }

// Valid reports whether h is a defined host kind.
func (h HostKind) Valid() bool { _, ok := hostLabels[h]; return ok }

// Label returns l's display name in lang.
func (l Location) Label(lang i18n.Lang) string { return locationLabels.Label(l, lang) }

// Valid reports whether l is a defined location.
func (l Location) Valid() bool { _, ok := locationLabels[l]; return ok }

// Label returns o's display name in lang; the zero Outcome reads "outcome pending".
func (o Outcome) Label(lang i18n.Lang) string { return outcomeLabels.Label(o, lang) }

// Valid reports whether o is a defined outcome (the zero Outcome is valid: pending).
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok }

// Label returns p's display name in lang.
func (p PenaltyType) Label(lang i18n.Lang) string { return penaltyLabels.Label(p, lang) }

// Valid reports whether p is a defined penalty type.
func (p PenaltyType) Valid() bool { _, ok := penaltyLabels[p]; return ok }

// Label returns r's display name in lang.
func (r EndReason) Label(lang i18n.Lang) string { return endLabels.Label(r, lang) }

// Valid reports whether r is a defined end-of-service reason.
func (r EndReason) Valid() bool { _, ok := endLabels[r]; return ok }

// Label returns p's display name in lang.
func (p Purpose) Label(lang i18n.Lang) string { return purposeLabels.Label(p, lang) }

// Valid reports whether p is a defined purpose.
func (p Purpose) Valid() bool { _, ok := purposeLabels[p]; return ok }

// Label returns s's display name in lang.
func (s CorrectionStatus) Label(lang i18n.Lang) string { return statusLabels.Label(s, lang) }

// Valid reports whether s is a defined status.
func (s CorrectionStatus) Valid() bool { _, ok := statusLabels[s]; return ok }

// statementNote is a fixed phrase a statement line's details carry for an
// event whose meaning its fields alone do not say.
type statementNote string

// The statement notes.
const (
	noteReappointment statementNote = "reappointment"
	noteExceptional   statementNote = "exceptional_promotion"
	noteImprisonment  statementNote = "imprisonment"
	noteDeFacto       statementNote = "de_facto"
)

func (n statementNote) label(lang i18n.Lang) string { return noteLabels.Label(n, lang) }
