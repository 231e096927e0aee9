package separation

import "github.com/masarhr/masar-go/i18n"

var causeLabels = i18n.Labels[Cause]{
	CauseResignation:           {AR: "الاستقالة", EN: "Resignation"},
	CauseEarlyRetirement:       {AR: "التقاعد المبكر", EN: "Early retirement"},
	CauseStatutoryAge:          {AR: "بلوغ السن النظامية", EN: "Statutory retirement age"},
	CauseMedical:               {AR: "عدم اللياقة الصحية", EN: "Medical incapacity"},
	CauseTransferNotExecuted:   {AR: "عدم تنفيذ النقل", EN: "Transfer not executed"},
	CauseAbsence:               {AR: "الغياب", EN: "Absence"},
	CauseDismissal:             {AR: "الفصل التأديبي", EN: "Disciplinary dismissal"},
	CauseRoyalOrder:            {AR: "أمر ملكي", EN: "Royal order"},
	CauseNationalityLoss:       {AR: "فقد الجنسية", EN: "Loss of nationality"},
	CauseUnsatisfactoryRatings: {AR: "تقويم غير مرض ثلاث سنوات", EN: "Three unsatisfactory ratings"},
	CauseDeath:                 {AR: "الوفاة", EN: "Death"},
}

// Label returns c's display name in lang.
func (c Cause) Label(lang i18n.Lang) string { return causeLabels.Label(c, lang) }

// Valid reports whether c is a known cause.
func (c Cause) Valid() bool { _, ok := causeLabels[c]; return ok }

var stateLabels = i18n.Labels[State]{
	Submitted: {AR: "مقدم", EN: "Submitted"},
	Postponed: {AR: "مؤجل", EN: "Postponed"},
	Accepted:  {AR: "مقبول", EN: "Accepted"},
	Ended:     {AR: "منتهية الخدمة", EN: "Ended"},
	Withdrawn: {AR: "مسحوب", EN: "Withdrawn"},
	Rejected:  {AR: "مرفوض", EN: "Rejected"},
}

// Label returns s's display name in lang.
func (s State) Label(lang i18n.Lang) string { return stateLabels.Label(s, lang) }

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateLabels[s]; return ok }

var regimeLabels = i18n.Labels[Regime]{
	RegimeLegacy:     {AR: "نظام التقاعد المدني", EN: "Civil Retirement Law"},
	RegimeTransition: {AR: "المرحلة الانتقالية", EN: "Transition (Decree item V)"},
	RegimeSIL:        {AR: "نظام التأمينات الاجتماعية 1445هـ", EN: "Social Insurance Law 1445H"},
}

// Regimes lists every regime in a stable order.
var Regimes = []Regime{RegimeLegacy, RegimeTransition, RegimeSIL}

// Label returns r's display name in lang.
func (r Regime) Label(lang i18n.Lang) string { return regimeLabels.Label(r, lang) }

// Valid reports whether r is a known regime.
func (r Regime) Valid() bool { _, ok := regimeLabels[r]; return ok }

var roleLabels = i18n.Labels[Role]{
	RoleEmployee: {AR: "الموظف", EN: "Employee"},
	RoleHR:       {AR: "الموارد البشرية", EN: "Human resources"},
	RoleSystem:   {AR: "النظام", EN: "System"},
}

// Label returns r's display name in lang.
func (r Role) Label(lang i18n.Lang) string { return roleLabels.Label(r, lang) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }
