package i18n_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

func TestParseLang(t *testing.T) {
	for tag, want := range map[string]i18n.Lang{
		"": i18n.Arabic, "ar": i18n.Arabic, "ar-SA": i18n.Arabic, "fr": i18n.Arabic,
		"en": i18n.English, "EN-gb": i18n.English, " en_US ": i18n.English, "eng": i18n.Arabic,
	} {
		assert.Equal(t, want, i18n.ParseLang(tag), tag)
	}
}

func TestTextIn(t *testing.T) {
	both := i18n.Text{AR: "تعيين", EN: "Appointment"}
	assert.Equal(t, "تعيين", both.In(i18n.Arabic))
	assert.Equal(t, "Appointment", both.In(i18n.English))
	assert.Equal(t, "تعيين", both.In("fr"), "unknown languages get Arabic")
	assert.Equal(t, "تعيين", i18n.Text{AR: "تعيين"}.In(i18n.English), "falls back to Arabic")
	assert.Equal(t, "Appointment", i18n.Text{EN: "Appointment"}.In(i18n.Arabic), "falls back to English")
	assert.True(t, i18n.Text{}.IsZero())
	assert.False(t, both.IsZero())
}

type color string

func TestLabels(t *testing.T) {
	l := i18n.Labels[color]{"red": {AR: "أحمر", EN: "Red"}, "blue": {AR: "أزرق"}}
	assert.Equal(t, "أحمر", l.Label("red", i18n.Arabic))
	assert.Equal(t, "Red", l.Label("red", i18n.English))
	assert.Equal(t, "green", l.Label("green", i18n.English), "an unlabelled value shows as itself")
	assert.Equal(t, []color{"blue", "green"}, l.Missing("red", "blue", "green"))
	tx, ok := l.Text("red")
	assert.True(t, ok)
	assert.Equal(t, "Red", tx.EN)
	n := i18n.Labels[int]{1: {AR: "واحد", EN: "one"}}
	assert.Equal(t, "2", n.Label(2, i18n.Arabic))
}
