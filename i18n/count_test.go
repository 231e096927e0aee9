package i18n_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
)

func TestCountArabicAgreement(t *testing.T) {
	for _, c := range []struct {
		n    int
		u    i18n.Unit
		want string
	}{
		{0, i18n.Day, "٠ يوم"},
		{1, i18n.Day, "يوم"},
		{2, i18n.Day, "يومان"},
		{3, i18n.Day, "٣ أيام"},
		{10, i18n.Day, "١٠ أيام"},
		{11, i18n.Day, "١١ يوماً"},
		{60, i18n.Day, "٦٠ يوماً"},
		{99, i18n.Day, "٩٩ يوماً"},
		{100, i18n.Day, "١٠٠ يوم"},
		{102, i18n.Day, "١٠٢ يوم"},
		{103, i18n.Day, "١٠٣ أيام"},
		{5767, i18n.Day, "٥٧٦٧ يوماً"},
		{1, i18n.Month, "شهر"},
		{2, i18n.Month, "شهران"},
		{3, i18n.Month, "٣ أشهر"},
		{11, i18n.Month, "١١ شهراً"},
		{1, i18n.Year, "سنة"},
		{2, i18n.Year, "سنتان"},
		{5, i18n.Year, "٥ سنوات"},
		{15, i18n.Year, "١٥ سنة"},
		{-3, i18n.Day, "-٣ أيام"},
	} {
		assert.Equal(t, c.want, i18n.Count(c.n, c.u, i18n.Arabic), "%d %d", c.n, c.u)
	}
}

func TestCountEnglish(t *testing.T) {
	assert.Equal(t, "1 day", i18n.Count(1, i18n.Day, i18n.English))
	assert.Equal(t, "0 days", i18n.Count(0, i18n.Day, i18n.English))
	assert.Equal(t, "2 months", i18n.Count(2, i18n.Month, i18n.English))
	assert.Equal(t, "1 year", i18n.Count(1, i18n.Year, i18n.English))
	assert.Equal(t, "-1 year", i18n.Count(-1, i18n.Year, i18n.English))
	assert.Equal(t, "5767 days", i18n.Count(5767, i18n.Day, i18n.English))
}

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		ar, en  string
	}{
		{15, 3, 16, "١٥ سنة و٣ أشهر و١٦ يوماً", "15 years, 3 months and 16 days"},
		{2, 0, 0, "سنتان", "2 years"},
		{0, 6, 23, "٦ أشهر و٢٣ يوماً", "6 months and 23 days"},
		{5, 0, 1, "٥ سنوات ويوم", "5 years and 1 day"},
		{0, 0, 0, "٠ يوم", "0 days"},
		{0, -1, -25, "-شهر و٢٥ يوماً", "-1 month and 25 days"},
	} {
		assert.Equal(t, c.ar, i18n.Duration(c.y, c.m, c.d, i18n.Arabic))
		assert.Equal(t, c.en, i18n.Duration(c.y, c.m, c.d, i18n.English))
	}
}

func TestDigits(t *testing.T) {
	assert.Equal(t, "١٤٤٧", i18n.Digits(1447, i18n.Arabic))
	assert.Equal(t, "-٥", i18n.Digits(-5, i18n.Arabic))
	assert.Equal(t, "1447", i18n.Digits(1447, i18n.English))
}

func TestCountry(t *testing.T) {
	sa, ok := i18n.Country("sa")
	assert.True(t, ok)
	assert.Equal(t, "المملكة العربية السعودية", sa.AR)
	assert.Equal(t, "Saudi Arabia", sa.EN)
	assert.Equal(t, "Egypt", i18n.CountryName("EG", i18n.English))
	assert.Equal(t, "ZZ", i18n.CountryName("ZZ", i18n.Arabic), "an unknown code shows as itself")
	_, ok = i18n.Country("ZZ")
	assert.False(t, ok)
}
