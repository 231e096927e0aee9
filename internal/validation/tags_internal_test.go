package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every custom tag has a message in both languages, with its field and, for
// parameterised tags, its parameter.
func TestEveryCustomTagIsTranslated(t *testing.T) {
	v := New()
	require.NotEmpty(t, customTags)
	seen := map[string]bool{}
	for _, ct := range customTags {
		assert.False(t, seen[ct.tag], "duplicate tag %s", ct.tag)
		seen[ct.tag] = true
		for lang, tr := range map[string]interface {
			T(key any, params ...string) (string, error)
		}{"ar": v.ar, "en": v.en} {
			msg, err := tr.T(ct.tag, "FIELD", "PARAM")
			require.NoError(t, err, "%s has no %s translation", ct.tag, lang)
			assert.Contains(t, msg, "FIELD", "%s/%s", ct.tag, lang)
			if ct.tag[0] == 'd' {
				assert.Contains(t, msg, "PARAM", "%s/%s", ct.tag, lang)
			}
		}
		assert.NotEqual(t, ct.ar, ct.en, ct.tag)
	}
	for _, tag := range []string{"sa_id", "sa_citizen_id", "sa_mobile", "dgt", "dgte", "dlt", "dlte"} {
		assert.True(t, seen[tag], "tag %s is not registered", tag)
	}
}

func TestSubstituteLabel(t *testing.T) {
	for _, tc := range []struct{ msg, field, label, want string }{
		{"حقل id مطلوب", "id", "الهوية", "حقل الهوية مطلوب"},
		{"x id_2 id", "id", "L", "x id_2 L"},
		{"aid id", "id", "L", "aid L"},
		{"id", "id", "L", "L"},
		{"حقل tags[1] مطلوب", "tags[1]", "الوسم", "حقل الوسم[1] مطلوب"},
		{"no match", "id", "L", "no match"},
		{"حقل  مطلوب", "", "L", "حقل  مطلوب"},
	} {
		assert.Equal(t, tc.want, substituteLabel(tc.msg, tc.field, tc.label), tc.msg)
	}
}
