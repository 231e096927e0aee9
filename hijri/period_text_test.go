package hijri

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

func TestPeriodTextAgreement(t *testing.T) {
	for _, c := range []struct {
		p      Period
		ar, en string
	}{
		{Period{2, 3, 10}, "سنتان و٣ أشهر و١٠ أيام", "2 years, 3 months and 10 days"},
		{Period{0, 6, 23}, "٦ أشهر و٢٣ يوماً", "6 months and 23 days"},
		{Period{16, 0, 7}, "١٦ سنة و٧ أيام", "16 years and 7 days"},
		{Period{}, "٠ يوم", "0 days"},
		{Period{0, -1, -25}, "-شهر و٢٥ يوماً", "-1 month and 25 days"},
	} {
		assert.Equal(t, c.ar, c.p.Text(i18n.Arabic), c.p.String())
		assert.Equal(t, c.en, c.p.Text(i18n.English), c.p.String())
	}
}
