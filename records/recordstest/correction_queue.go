package recordstest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
)

// testCorrectionsByFileAgency: CorrectionFilter.FileAgencyID selects the
// requests by their file's agency when the list is read, not by the agency
// stored on the request, so a request follows its file on transfer.
func testCorrectionsByFileAgency(t *testing.T, s records.Store) {
	ctx := context.Background()
	gen := identitytest.NewGenerator(31)
	e1, h1 := fixture(gen, "emp-1", 0)
	e2, h2 := fixture(gen, "emp-2", 1)
	create(t, s, e1, h1)
	create(t, s, e2, h2)
	home := e1.Job.Agency.ID
	require.NotEmpty(t, home)
	for _, c := range []records.Correction{
		correction("c-1", "emp-1", home, 1), correction("c-2", "emp-2", home, 2), correction("c-3", "emp-1", home, 3),
	} {
		require.NoError(t, errOf(s.CreateCorrection(ctx, c)))
	}
	list := func(f records.CorrectionFilter) []string {
		t.Helper()
		cs, err := s.ListCorrections(ctx, f)
		require.NoError(t, err)
		return cids(cs)
	}
	require.Equal(t, home, e2.Job.Agency.ID, "the fixture's files share an agency")
	assert.Equal(t, []string{"c-1", "c-2", "c-3"}, list(records.CorrectionFilter{FileAgencyID: home}))

	// emp-1 moves to another agency: its requests leave home's queue and
	// join the new agency's; the stored AgencyID is unchanged.
	moved, err := s.GetEmployee(ctx, "emp-1")
	require.NoError(t, err)
	moved.Job.Agency.ID = "agency-after-transfer"
	_, err = s.UpdateEmployee(ctx, moved)
	require.NoError(t, err)
	assert.Equal(t, []string{"c-2"}, list(records.CorrectionFilter{FileAgencyID: home}))
	assert.Equal(t, []string{"c-1", "c-3"}, list(records.CorrectionFilter{FileAgencyID: "agency-after-transfer"}))
	assert.Equal(t, []string{"c-3"}, list(records.CorrectionFilter{FileAgencyID: "agency-after-transfer", After: "c-1", Limit: 5}))
	assert.Equal(t, []string{"c-1"}, list(records.CorrectionFilter{FileAgencyID: "agency-after-transfer", Limit: 1}))
	assert.Equal(t, []string{"c-1", "c-2", "c-3"}, list(records.CorrectionFilter{AgencyID: home}), "AgencyID is the request's record")
	assert.Empty(t, list(records.CorrectionFilter{FileAgencyID: "agency-after-transfer", AgencyID: "elsewhere"}))
	got, err := s.GetCorrection(ctx, "c-1")
	require.NoError(t, err)
	assert.Equal(t, home, got.AgencyID)
}
