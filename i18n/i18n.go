package i18n

import (
	"fmt"
	"strings"
)

// Lang selects the language of user-facing text.
type Lang string

// The supported languages.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
)

// ParseLang maps a language tag such as "ar", "ar-SA", "en" or "en-GB" to a
// supported Lang. Anything else, including "", gives Arabic, the platform's
// primary language. For an HTTP Accept-Language header, pass its first
// language range.
func ParseLang(tag string) Lang {
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "en" || strings.HasPrefix(t, "en-") || strings.HasPrefix(t, "en_") {
		return English
	}
	return Arabic
}

// Text is a user-facing text in Arabic and English.
type Text struct {
	AR string `json:"ar" validate:"max=200" ar:"النص العربي"`
	EN string `json:"en" validate:"max=200" ar:"النص الإنجليزي"`
}

// In returns the text in lang (English for English, Arabic otherwise),
// falling back to the other language when that one is empty.
func (t Text) In(lang Lang) string {
	if lang == English {
		if t.EN != "" {
			return t.EN
		}
		return t.AR
	}
	if t.AR != "" {
		return t.AR
	}
	return t.EN
}

// IsZero reports whether t has no text in either language.
func (t Text) IsZero() bool { return t.AR == "" && t.EN == "" }

// Labels maps the values of an enumerated type to their display text. It is
// the one label mechanism of masar-go: each enumerated type keeps one
// package-level table, never modified after initialisation, and a Label
// method that reads it.
type Labels[T comparable] map[T]Text

// Label returns v's text in lang; a value without a label is shown as
// itself (fmt's %v), never as an empty string.
func (l Labels[T]) Label(v T, lang Lang) string {
	if t, ok := l[v]; ok {
		return t.In(lang)
	}
	return fmt.Sprint(v)
}

// Text returns v's label in both languages and whether it has one.
func (l Labels[T]) Text(v T) (Text, bool) {
	t, ok := l[v]
	return t, ok
}

// Missing returns the values of vs that have no label in both languages,
// for tests that check a type's table is complete.
func (l Labels[T]) Missing(vs ...T) []T {
	var out []T
	for _, v := range vs {
		if t, ok := l[v]; !ok || t.AR == "" || t.EN == "" {
			out = append(out, v)
		}
	}
	return out
}
