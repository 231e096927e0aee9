package validation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/internal/validation"
)

func TestHijriDateTag(t *testing.T) {
	type In struct {
		Text     string     `json:"text" validate:"omitempty,hijri_date" ar:"التاريخ"`
		Date     hijri.Date `json:"date" validate:"required,hijri_date" ar:"تاريخ القرار"`
		Optional hijri.Date `json:"optional" validate:"omitempty,hijri_date"`
	}
	v := validation.Default()
	ok := hijri.MustNew(1445, 9, 1)
	for _, s := range []string{"", "1445-09-01", "1/9/1445", "١٤٤٥/٩/١ هـ", "2024-03-11", "11/3/2024"} {
		assert.NoError(t, v.Struct(In{Text: s, Date: ok}), s)
	}
	for _, s := range []string{"1445-13-01", "1410-08-30", "1355-12-01", "2077-11-17", "yesterday"} {
		err := v.Struct(In{Text: s, Date: ok})
		require.Error(t, err, s)
		msgs := validation.Messages(err, i18n.Arabic)
		assert.Contains(t, msgs["text"], "تقويم أم القرى", s)
		assert.Contains(t, validation.Messages(err, i18n.English)["text"], "Hijri or Gregorian", s)
	}
	err := v.Struct(In{})
	require.Error(t, err, "a zero Date is missing")
	assert.Contains(t, validation.Messages(err, i18n.Arabic)["date"], "تاريخ القرار")
}
