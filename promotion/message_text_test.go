package promotion_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/promotion"
)

// Durations in reasons read as a person says them, with Arabic plural
// agreement (issue 13, item 20), not "0y 6m 23d" or "٣ شهر".
func TestReasonDurationsReadNaturally(t *testing.T) {
	c, v := baseCandidate(), baseVacancy()
	exceptional(&c, &v)
	c.Promotions = []promotion.PastPromotion{{Date: d(1446, 2, 22), Exceptional: true}}
	dec := promotion.Eligibility(&c, &v, asOf)
	var msg *promotion.Reason
	for i := range dec.Reasons {
		if dec.Reasons[i].Code == "promotion.exceptional_spacing" {
			msg = &dec.Reasons[i]
		}
	}
	require.NotNil(t, msg, "%+v", dec.Reasons)
	assert.Contains(t, msg.Message.EN, ", 6 months and 23 days ago; 3 years must pass")
	assert.Contains(t, msg.Message.AR, "قبل ٦ أشهر و٢٣ يوماً، ويلزم مضي ٣ سنوات")
	assert.NotContains(t, msg.Message.EN, "0y 6m 23d")

	c, v = baseCandidate(), baseVacancy()
	c.RankDays[6] = 390 // 1y 1m 0d
	dec = promotion.Eligibility(&c, &v, asOf)
	require.Len(t, dec.Reasons, 1)
	assert.Contains(t, dec.Reasons[0].Message.AR, "هي سنة وشهر، والمطلوب سنتان")
	assert.Contains(t, dec.Reasons[0].Message.EN, "is 1 year and 1 month; 2 years is required")
}
