package grievance_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
)

// The closed-window message reads as a sentence in both languages, the
// period counted with plural agreement (issue 13, item 20), not "(60d)".
func TestFilingWindowMessageReadsNaturally(t *testing.T) {
	rules := grievance.DefaultRules()[grievance.KindDecision]
	d := grievance.Decision{Number: "1", Date: h(1446, 8, 20), LearntOn: h(1446, 8, 29)}
	_, err := grievance.CheckFilingWindow(rules, d, h(1446, 11, 2), nil)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	msg := faultOf(t, err).Fields[0].Message
	assert.Equal(t, "the period for filing the grievance (60 days) ended on 1 Dhu al-Qadah 1446 AH (1446-11-01)", msg.EN)
	assert.Equal(t, "انتهت المدة النظامية لتقديم التظلم (٦٠ يوماً) في ١ ذو القعدة ١٤٤٦ هـ (1446-11-01)", msg.AR)

	rules.Filing = grievance.Term{Years: 1, Days: 15}
	_, err = grievance.CheckFilingWindow(rules, d, h(1448, 1, 1), nil)
	require.ErrorIs(t, err, grievance.ErrFilingWindowClosed)
	msg = faultOf(t, err).Fields[0].Message
	assert.Contains(t, msg.EN, "(1 year and 15 days)")
	assert.Contains(t, msg.AR, "(سنة و١٥ يوماً)")
}
