package promotion_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
)

func TestRoundStatusLabels(t *testing.T) {
	for _, s := range []promotion.RoundStatus{promotion.RoundDraft, promotion.RoundAnnounced, promotion.RoundOpen,
		promotion.RoundRanked, promotion.RoundDecided, promotion.RoundClosed, promotion.RoundCancelled} {
		assert.True(t, s.Valid(), s)
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	assert.Equal(t, "x", promotion.RoundStatus("x").Label(i18n.English))
}
