package leave

import "github.com/masarhr/masar-go/i18n"

var categoryLabels = i18n.Labels[Category]{
	Ordinary:   {AR: "مرضية عادية", EN: "Ordinary sickness"},
	Serious:    {AR: "مرض خطير", EN: "Serious illness"},
	WorkInjury: {AR: "إصابة عمل", EN: "Work injury"},
	Dialysis:   {AR: "غسيل كلوي أو علاج دوري", EN: "Dialysis or periodic therapy"},
}

// Categories lists every category in a stable order.
var Categories = []Category{Ordinary, Serious, WorkInjury, Dialysis}

// Label returns c's display name in lang.
func (c Category) Label(lang i18n.Lang) string { return categoryLabels.Label(c, lang) }

// Valid reports whether c is a known category.
func (c Category) Valid() bool { _, ok := categoryLabels[c]; return ok }

var statusLabels = i18n.Labels[Status]{
	Requested: {AR: "مقدمة", EN: "Requested"},
	Approved:  {AR: "معتمدة", EN: "Approved"},
	Rejected:  {AR: "مرفوضة", EN: "Rejected"},
	Cancelled: {AR: "ملغاة", EN: "Cancelled"},
}

// Label returns s's display name in lang.
func (s Status) Label(lang i18n.Lang) string { return statusLabels.Label(s, lang) }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

var reportStatusLabels = i18n.Labels[ReportStatus]{
	ReportApplied: {AR: "مطبق", EN: "Applied"},
	ReportRefused: {AR: "مرفوض", EN: "Refused"},
}

// Label returns s's display name in lang.
func (s ReportStatus) Label(lang i18n.Lang) string { return reportStatusLabels.Label(s, lang) }

// Valid reports whether s is a known report outcome.
func (s ReportStatus) Valid() bool { _, ok := reportStatusLabels[s]; return ok }
