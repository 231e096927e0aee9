package jobaudit

import "github.com/masarhr/masar-go/i18n"

var stateLabels = i18n.Labels[State]{
	Draft:     {AR: "مسودة", EN: "Draft"},
	Submitted: {AR: "مرفوع للتدقيق", EN: "Submitted"},
	Returned:  {AR: "معاد للتصحيح", EN: "Returned"},
	Approved:  {AR: "معتمد", EN: "Approved"},
	Applied:   {AR: "مطبق على الملف", EN: "Applied"},
	Rejected:  {AR: "مرفوض", EN: "Rejected"},
}

// Label returns s's display name in lang.
func (s State) Label(lang i18n.Lang) string { return stateLabels.Label(s, lang) }

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateLabels[s]; return ok }

var requestStateLabels = i18n.Labels[RequestState]{
	RequestSubmitted:  {AR: "مقدم", EN: "Submitted"},
	RequestDocumented: {AR: "موثق", EN: "Documented"},
	RequestRejected:   {AR: "مرفوض", EN: "Rejected"},
}

// Label returns s's display name in lang.
func (s RequestState) Label(lang i18n.Lang) string { return requestStateLabels.Label(s, lang) }

// Valid reports whether s is a known request state.
func (s RequestState) Valid() bool { _, ok := requestStateLabels[s]; return ok }
