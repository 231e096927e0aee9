package main

import (
	"html/template"
	"maps"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// templateFuncs are the functions every template may call: the shared ones
// below and each journey's own (employeeFuncs, correctionFuncs, …).
func templateFuncs() template.FuncMap {
	fm := template.FuncMap{
		// t is the portal's word for a key in the page's language.
		"t": func(lang i18n.Lang, key string) string { return label(key, lang) },
		// text is a bilingual text of the API in the page's language.
		"text": func(lang i18n.Lang, t i18n.Text) string { return t.In(lang) },
		// date is a Hijri date as a person reads it, with its Gregorian
		// date: "١ رمضان ١٤٤٥ هـ (١١ مارس ٢٠٢٤ م)"; "" for the zero date.
		"date": func(lang i18n.Lang, d hijri.Date) string {
			if d.IsZero() {
				return ""
			}
			if lang == i18n.English {
				return d.Format(hijri.EnglishLong) + " (" + d.Format(hijri.GregorianEnglishLong) + ")"
			}
			return d.Format(hijri.ArabicLong) + " (" + d.Format(hijri.GregorianArabicLong) + ")"
		},
	}
	for _, more := range []template.FuncMap{employeeFuncs, correctionFuncs, grievanceFuncs, roundFuncs} {
		maps.Copy(fm, more)
	}
	return fm
}
