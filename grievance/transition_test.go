package grievance_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/i18n"
)

// spec is the state machine written out independently of the package's
// table: "from action -> to : roles". "new" is a grievance not yet filed.
const spec = `
new               file            -> submitted         : filer
submitted         start_review    -> under_review      : hr_specialist hr_manager committee_member
under_review      return_for_info -> returned_for_info : hr_specialist hr_manager committee_member
returned_for_info provide_info    -> under_review      : filer
under_review      answer          -> answered          : hr_manager committee_member
submitted         withdraw        -> withdrawn         : filer
under_review      withdraw        -> withdrawn         : filer
returned_for_info withdraw        -> withdrawn         : filer
submitted         deem_reject     -> deemed_rejected   : system
under_review      deem_reject     -> deemed_rejected   : system
returned_for_info deem_reject     -> deemed_rejected   : system
answered          close           -> closed            : hr_specialist hr_manager
deemed_rejected   close           -> closed            : hr_specialist hr_manager
answered          escalate        -> escalated         : filer hr_manager
deemed_rejected   escalate        -> escalated         : filer hr_manager
closed            escalate        -> escalated         : filer hr_manager
closed            reopen          -> under_review      : filer
submitted         record_exception -> submitted        : hr_manager committee_member
under_review      record_exception -> under_review     : hr_manager committee_member
returned_for_info record_exception -> returned_for_info : hr_manager committee_member
`

type specRow struct {
	to    grievance.Status
	roles map[grievance.Role]bool
}

func parseSpec(t *testing.T) map[[2]string]specRow {
	t.Helper()
	out := map[[2]string]specRow{}
	for _, line := range strings.Split(strings.TrimSpace(spec), "\n") {
		left, roles, ok := strings.Cut(line, ":")
		require.True(t, ok, line)
		f := strings.Fields(left)
		require.Len(t, f, 4, line)
		from := f[0]
		if from == "new" {
			from = ""
		}
		r := specRow{to: grievance.Status(f[3]), roles: map[grievance.Role]bool{}}
		for _, role := range strings.Fields(roles) {
			r.roles[grievance.Role(role)] = true
		}
		out[[2]string{from, f[1]}] = r
	}
	return out
}

// Every (status, action, role), including a new grievance and an unknown
// role, gives what the spec says: the target status, permission_denied for a
// role the row does not list, invalid_transition for a pair with no row.
func TestTransitionsExhaustive(t *testing.T) {
	want := parseSpec(t)
	states := append([]grievance.Status{""}, grievance.Statuses()...)
	roles := append(grievance.Roles(), grievance.Role("auditor"), grievance.Role(""))
	n := 0
	for _, from := range states {
		for _, a := range grievance.Actions() {
			for _, r := range roles {
				n++
				got, err := grievance.Next(from, a, r)
				row, ok := want[[2]string{string(from), string(a)}]
				switch {
				case !ok:
					assert.ErrorIs(t, err, grievance.ErrInvalidTransition, "%q %s %s", from, a, r)
					assert.Empty(t, got)
				case !row.roles[r]:
					assert.ErrorIs(t, err, grievance.ErrPermissionDenied, "%q %s %s", from, a, r)
					assert.Empty(t, got)
				default:
					assert.NoError(t, err, "%q %s %s", from, a, r)
					assert.Equal(t, row.to, got, "%q %s %s", from, a, r)
				}
			}
		}
	}
	assert.Equal(t, 9*11*7, n)

	// The exported table says the same, row for row.
	table := grievance.Transitions()
	assert.Len(t, table, len(want))
	for _, tr := range table {
		row, ok := want[[2]string{string(tr.From), string(tr.Action)}]
		require.True(t, ok, "extra row %+v", tr)
		assert.Equal(t, row.to, tr.To)
		assert.Len(t, tr.Roles, len(row.roles))
		for _, r := range tr.Roles {
			assert.True(t, row.roles[r], "%s %s: role %s", tr.From, tr.Action, r)
		}
	}
	// Transitions returns a copy.
	table[0].Roles[0] = "hacker"
	assert.Equal(t, grievance.RoleFiler, grievance.Transitions()[0].Roles[0])
}

func TestTransitionErrorsAreBilingual(t *testing.T) {
	_, err := grievance.Next(grievance.StatusWithdrawn, grievance.ActionAnswer, grievance.RoleHRManager)
	fe := faultOf(t, err)
	assert.Equal(t, "grievance.invalid_transition", fe.Reason)
	assert.Contains(t, fe.Message.EN, "withdrawn")
	assert.Contains(t, fe.Message.AR, "مسحوب")
	_, err = grievance.Next(grievance.StatusUnderReview, grievance.ActionAnswer, grievance.RoleHRSpecialist)
	fe = faultOf(t, err)
	assert.Equal(t, "grievance.role_not_allowed", fe.Reason)
	assert.NotEmpty(t, fe.Message.AR)
}

func TestLabels(t *testing.T) {
	for _, s := range grievance.Statuses() {
		assert.NotEqual(t, string(s), s.Label(i18n.Arabic), s)
		assert.NotEmpty(t, s.Label(i18n.English), s)
	}
	for _, a := range grievance.Actions() {
		assert.NotEqual(t, string(a), a.Label(i18n.Arabic), a)
	}
	for k := range grievance.DefaultRules() {
		assert.NotEqual(t, string(k), k.Label(i18n.Arabic), k)
	}
	for _, o := range []grievance.Outcome{grievance.OutcomeAccepted, grievance.OutcomePartiallyAccepted, grievance.OutcomeRejected, grievance.OutcomeDeemedRejected} {
		assert.NotEqual(t, string(o), o.Label(i18n.Arabic), o)
		assert.NotEmpty(t, o.Label(i18n.English), o)
	}
	assert.Equal(t, "mystery", grievance.Outcome("mystery").Label(i18n.Arabic), "an unknown value shows as is")
}
