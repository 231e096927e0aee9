package main

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/masar"
)

// The grievance journey: an employee files a grievance with a document,
// gets its tracking number, lists and follows their grievances and
// answers a request for information; HR works the agency's inbox (review,
// return for information, answer); the committee decides the
// performance-rating grievances. Every page's data and every refusal is the
// API's; the actions a page offers are the rows of the grievance state
// machine (grievance.Transitions) for the grievance's status and the
// person's roles, and the API decides.

// grievanceLabels are the grievance journey's words.
var grievanceLabels = i18n.Labels[string]{
	"grievance.menu.mine":           {AR: "تظلماتي", EN: "My grievances"},
	"grievance.menu.new":            {AR: "تقديم تظلم", EN: "File a grievance"},
	"grievance.menu.follow":         {AR: "متابعة تظلم برقم التتبع", EN: "Follow a grievance by its tracking number"},
	"grievance.menu.inbox":          {AR: "صندوق التظلمات", EN: "Grievance inbox"},
	"grievance.menu.committee":      {AR: "تظلمات تقويم الأداء (اللجنة)", EN: "Performance-rating grievances (committee)"},
	"grievance.mine.title":          {AR: "تظلماتي", EN: "My grievances"},
	"grievance.new.title":           {AR: "تقديم تظلم", EN: "File a grievance"},
	"grievance.follow.title":        {AR: "متابعة تظلم", EN: "Follow a grievance"},
	"grievance.show.title":          {AR: "تفاصيل التظلم", EN: "Grievance details"},
	"grievance.inbox.title":         {AR: "صندوق تظلمات الجهة", EN: "The agency's grievance inbox"},
	"grievance.committee.title":     {AR: "تظلمات تقويم الأداء الوظيفي أمام اللجنة", EN: "Performance-rating grievances before the committee"},
	"grievance.none":                {AR: "لا توجد تظلمات.", EN: "There are no grievances."},
	"grievance.field.kind":          {AR: "نوع التظلم", EN: "Kind of grievance"},
	"grievance.field.agency":        {AR: "الجهة المتظلم منها", EN: "Agency the grievance is against"},
	"grievance.field.agency_code":   {AR: "رمز الجهة المتظلم منها", EN: "Code of the agency the grievance is against"},
	"grievance.field.number":        {AR: "رقم القرار", EN: "Decision number"},
	"grievance.field.date":          {AR: "تاريخ القرار", EN: "Decision date"},
	"grievance.field.learnt":        {AR: "تاريخ العلم بالقرار", EN: "Date you learnt of the decision"},
	"grievance.field.date_hint":     {AR: "هجري (مثل 1447-05-10) أو ميلادي (مثل 2025-11-01)", EN: "Hijri (e.g. 1447-05-10) or Gregorian (e.g. 2025-11-01)"},
	"grievance.field.subject":       {AR: "موضوع التظلم", EN: "Subject"},
	"grievance.field.description":   {AR: "وصف التظلم وأسبابه", EN: "Description and grounds"},
	"grievance.field.document":      {AR: "مستند داعم (PDF أو صورة)", EN: "Supporting document (PDF or image)"},
	"grievance.field.document_more": {AR: "مستند إضافي (اختياري)", EN: "Another document (optional)"},
	"grievance.submit.file":         {AR: "تقديم التظلم", EN: "File the grievance"},
	"grievance.filed":               {AR: "تم تقديم تظلمك. رقم التتبع:", EN: "Your grievance was filed. Tracking number:"},
	"grievance.tn":                  {AR: "رقم التتبع", EN: "Tracking number"},
	"grievance.follow.submit":       {AR: "عرض التظلم", EN: "Show the grievance"},
	"grievance.follow.hint":         {AR: "مثل GRV-1447-000123، بالأرقام العربية أو الهندية", EN: "e.g. GRV-1447-000123"},
	"grievance.kind":                {AR: "النوع", EN: "Kind"},
	"grievance.subject":             {AR: "الموضوع", EN: "Subject"},
	"grievance.description":         {AR: "الوصف", EN: "Description"},
	"grievance.decision":            {AR: "القرار المتظلم منه", EN: "Contested decision"},
	"grievance.status":              {AR: "الحالة", EN: "Status"},
	"grievance.filer":               {AR: "المتظلم", EN: "Filer"},
	"grievance.filed_on":            {AR: "تاريخ التقديم", EN: "Filed on"},
	"grievance.answer_due":          {AR: "آخر موعد للإفادة", EN: "Answer due by"},
	"grievance.outcome":             {AR: "النتيجة", EN: "Outcome"},
	"grievance.response":            {AR: "الإفادة", EN: "Answer"},
	"grievance.attachments":         {AR: "المرفقات", EN: "Attachments"},
	"grievance.no_attachments":      {AR: "لا توجد مرفقات.", EN: "No attachments."},
	"grievance.history":             {AR: "سجل الإجراءات", EN: "History of steps"},
	"grievance.history.on":          {AR: "التاريخ", EN: "Date"},
	"grievance.history.action":      {AR: "الإجراء", EN: "Step"},
	"grievance.history.status":      {AR: "الحالة بعده", EN: "Status after"},
	"grievance.history.by":          {AR: "بواسطة", EN: "By"},
	"grievance.history.note":        {AR: "الملاحظة", EN: "Note"},
	"grievance.info_asked":          {AR: "طلبت الجهة استكمال البيانات:", EN: "The agency asked for information:"},
	"grievance.note":                {AR: "ملاحظة (اختيارية)", EN: "Note (optional)"},
	"grievance.act.review":          {AR: "بدء دراسة التظلم", EN: "Start the review"},
	"grievance.act.info_request":    {AR: "إعادة التظلم لاستكمال البيانات", EN: "Return for information"},
	"grievance.act.info_needed":     {AR: "المعلومات المطلوبة من المتظلم", EN: "Information needed from the filer"},
	"grievance.act.info":            {AR: "استكمال البيانات المطلوبة", EN: "Provide the information asked for"},
	"grievance.act.info_note":       {AR: "المعلومات المطلوبة", EN: "The information asked for"},
	"grievance.act.answer":          {AR: "الإفادة على التظلم", EN: "Answer the grievance"},
	"grievance.act.decide":          {AR: "قرار اللجنة", EN: "The committee's decision"},
	"grievance.act.outcome":         {AR: "النتيجة", EN: "Outcome"},
	"grievance.act.response":        {AR: "الإفادة وأسبابها", EN: "Answer and its reasons"},
	"grievance.act.send":            {AR: "إرسال", EN: "Send"},
	"grievance.done":                {AR: "تم تسجيل الإجراء:", EN: "Step recorded:"},
	"grievance.actions":             {AR: "الإجراءات المتاحة", EN: "Available steps"},
	"grievance.next":                {AR: "الصفحة التالية", EN: "Next page"},
	"grievance.filter.status":       {AR: "الحالة", EN: "Status"},
	"grievance.filter.all":          {AR: "كل الحالات", EN: "All statuses"},
	"grievance.filter.submit":       {AR: "تصفية", EN: "Filter"},
	"grievance.back.mine":           {AR: "العودة إلى تظلماتي", EN: "Back to my grievances"},
	"grievance.back.inbox":          {AR: "العودة إلى صندوق التظلمات", EN: "Back to the grievance inbox"},
}

// grievanceFuncs are the grievance journey's template functions.
var grievanceFuncs = template.FuncMap{
	// grvCan reports whether the page offers action on g to the person of
	// v: a row of the state machine from g's status lists one of their
	// grievance roles (the API decides the rest).
	"grvCan": grvCan,
	// grvKinds are the kinds a person may choose when filing.
	"grvKinds": func() []grievance.Kind {
		return []grievance.Kind{grievance.KindDecision, grievance.KindRightsClaim, grievance.KindPerformanceRating}
	},
	// grvOutcomes are the outcomes an answer may give.
	"grvOutcomes": func() []grievance.Outcome {
		return []grievance.Outcome{grievance.OutcomeAccepted, grievance.OutcomePartiallyAccepted, grievance.OutcomeRejected}
	},
	// grvStatuses are the statuses the inbox filters by.
	"grvStatuses": grievance.Statuses,
	// grvLastNote is the note of the last step of g that was action.
	"grvLastNote": func(g grievance.Grievance, action grievance.Action) string {
		for _, c := range slices.Backward(g.History) {
			if c.Action == action {
				return c.Note
			}
		}
		return ""
	},
	// grvActionLabel is the name of the step a form's path names.
	"grvActionLabel": func(lang i18n.Lang, path string) string { return grvActions[path].Label(lang) },
}

// grvActions maps an action form's path (the API's, after the tracking
// number) onto the state machine's action.
var grvActions = map[string]grievance.Action{
	"review":       grievance.ActionStartReview,
	"info-request": grievance.ActionReturnForInfo,
	"info":         grievance.ActionProvideInfo,
	"answer":       grievance.ActionAnswer,
}

// grvCan reports whether the page offers action (a grievance.Action's
// value) on g to the person of v.
func grvCan(v *view, g grievance.Grievance, action string) bool {
	if v.Session == nil {
		return false
	}
	var roles []grievance.Role
	if v.Session.Actor.NationalID == g.Filer {
		roles = append(roles, grievance.RoleFiler)
	} else {
		for r, gr := range map[masar.Role]grievance.Role{masar.RoleHRSpecialist: grievance.RoleHRSpecialist,
			masar.RoleHRManager: grievance.RoleHRManager, masar.RoleCommittee: grievance.RoleCommitteeMember} {
			if v.Has(r) {
				roles = append(roles, gr)
			}
		}
	}
	for _, t := range grievance.Transitions() {
		if t.From == g.Status && t.Action == grievance.Action(action) &&
			slices.ContainsFunc(t.Roles, func(r grievance.Role) bool { return slices.Contains(roles, r) }) {
			return true
		}
	}
	return false
}

// grievanceRoutes adds the grievance journey's pages to mux.
func (p *Portal) grievanceRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /grievances", p.grvMine)
	mux.HandleFunc("GET /grievances/new", p.grvNew)
	mux.HandleFunc("POST /grievances", p.grvFile)
	mux.HandleFunc("GET /grievances/follow", p.grvFollow)
	mux.HandleFunc("GET /grievances/inbox", p.grvInbox("grievance.inbox.title"))
	mux.HandleFunc("GET /grievances/committee", p.grvInbox("grievance.committee.title"))
	mux.HandleFunc("GET /grievances/{tn}", p.grvShow)
	mux.HandleFunc("GET /grievances/{tn}/attachments/{n}", p.grvAttachment)
	mux.HandleFunc("POST /grievances/{tn}/{action}", p.grvAct)
}
