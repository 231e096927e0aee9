package validation_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/internal/validation"
)

type textInner struct {
	Title string `json:"title"`
}

type textInput struct {
	Name   string            `json:"name" validate:"required,max=20"`
	Note   string            `json:"note"`
	Tags   []string          `json:"tags"`
	Inner  textInner         `json:"inner"`
	Ptr    *textInner        `json:"ptr"`
	Labels map[string]string `json:"labels"`
	Raw    []byte            `json:"raw"`
	Hidden string            `json:"-"`
	textInner
}

func reasons(t *testing.T, err error) map[string]string {
	t.Helper()
	require.ErrorIs(t, err, fault.ErrInvalidInput)
	fe, _ := fault.As(err)
	out := map[string]string{}
	for _, f := range fe.Fields {
		out[f.Field] = f.Reason
		assert.NotEmpty(t, f.Message.AR)
		assert.NotEmpty(t, f.Message.EN)
	}
	return out
}

func TestStructRefusesBadText(t *testing.T) {
	v := validation.Default()
	require.NoError(t, v.Struct(textInput{Name: "سليم", Note: "ملاحظة", Raw: []byte{0, 0xff}, Hidden: "\x00"}))

	err := v.Struct(&textInput{
		Name: "a\x00b", Note: "\xff\xfe", Tags: []string{"ok", "x\x00"},
		Inner: textInner{Title: strings.Repeat("ن", validation.MaxText)}, Ptr: &textInner{Title: "\xc3"},
		Labels: map[string]string{"k": "\x00"}, textInner: textInner{Title: "\x00"},
	})
	assert.Equal(t, map[string]string{
		"name": "text_nul", "note": "text_utf8", "tags[1]": "text_nul", "inner.title": "text_length",
		"ptr.title": "text_utf8", "labels[k]": "text_nul", "title": "text_nul",
	}, reasons(t, err))
}

func TestStructMergesTagAndTextViolations(t *testing.T) {
	err := validation.Default().Struct(textInput{Name: "", Note: "\x00"})
	assert.Equal(t, map[string]string{"name": "required", "note": "text_nul"}, reasons(t, err))
	// A field with its own max is capped by it, not by MaxText.
	err = validation.Default().Struct(textInput{Name: strings.Repeat("a", 21)})
	assert.Equal(t, map[string]string{"name": "max"}, reasons(t, err))
}

func TestID(t *testing.T) {
	assert.NoError(t, validation.ID("id", "01JABCDEF"))
	for _, bad := range []string{"a\x00", "\xff", strings.Repeat("a", validation.MaxID+1)} {
		assert.ErrorIs(t, validation.ID("id", bad), fault.ErrInvalidInput)
	}
}

func FuzzStructText(f *testing.F) {
	f.Add("سليم", "ملاحظة")
	f.Add("\x00", "\xff")
	f.Fuzz(func(t *testing.T, name, note string) {
		err := validation.Default().Struct(textInput{Name: name, Note: note})
		if err != nil {
			assert.ErrorIs(t, err, fault.ErrInvalidInput)
		}
	})
}
