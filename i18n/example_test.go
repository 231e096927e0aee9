package i18n_test

import (
	"fmt"

	"github.com/masarhr/masar-go/i18n"
)

type Status string

var statusLabels = i18n.Labels[Status]{
	"open":   {AR: "مفتوح", EN: "Open"},
	"closed": {AR: "مغلق", EN: "Closed"},
}

func (s Status) Label(lang i18n.Lang) string { return statusLabels.Label(s, lang) }

func Example() {
	lang := i18n.ParseLang("en-GB")
	fmt.Println(Status("open").Label(lang))
	fmt.Println(Status("closed").Label(i18n.Arabic))
	fmt.Println(i18n.Text{AR: "وزارة الموارد البشرية"}.In(i18n.English))
	// Output:
	// Open
	// مغلق
	// وزارة الموارد البشرية
}
