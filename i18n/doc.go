// Package i18n holds masar-go's one bilingual text type and its one label
// mechanism: every user-facing string in the module (error messages, enum
// labels, job titles, agency names) is a Text in Arabic and English, and
// every enumerated type names its values through a Labels table.
//
// Arabic is the platform's primary language: ParseLang gives Arabic for any
// tag it does not recognise, and Text.In falls back to the other language
// when the requested one is empty.
//
// # Labels
//
// An enumerated type declares one table and one method:
//
//	var kindLabels = i18n.Labels[Kind]{
//		Appointment: {AR: "تعيين", EN: "Appointment"},
//	}
//
//	// Label returns the kind's name in lang.
//	func (k Kind) Label(lang i18n.Lang) string { return kindLabels.Label(k, lang) }
//
// A value missing from the table is shown as itself, so a new value never
// renders as an empty string; tests check every value has a label with
// Labels.Missing.
package i18n
