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
