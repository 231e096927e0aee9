package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// The stored JSON types mirror the grievance types field for field (same
// names, in the same order), so that a field added to one is not silently
// dropped by the database.
func TestGrievanceStoredJSONMirrorsDomain(t *testing.T) {
	for _, pair := range [][2]any{
		{grievance.Attachment{}, storedAttachment{}},
		{grievance.Actor{}, storedActor{}},
		{grievance.StatusChange{}, storedChange{}},
		{grievance.Limitation{}, storedLimitation{}},
	} {
		dom, st := reflect.TypeOf(pair[0]), reflect.TypeOf(pair[1])
		require.Equal(t, dom.NumField(), st.NumField(), "%s vs %s", dom, st)
		for i := range dom.NumField() {
			assert.Equal(t, dom.Field(i).Name, st.Field(i).Name, "%s field %d", dom, i)
		}
	}
}

// The history column's format is the one earlier versions wrote: rows they
// stored read back whole.
func TestGrievanceStoredJSONFormat(t *testing.T) {
	at := time.Date(2025, 7, 1, 9, 0, 0, 123456000, time.UTC)
	h := []grievance.StatusChange{{
		Action: grievance.ActionFile, To: grievance.StatusSubmitted, At: at, On: hijri.MustNew(1447, 1, 6),
		Actor:       grievance.Actor{NationalID: identity.MustParseNationalID("1000000008"), Role: grievance.RoleFiler},
		Attachments: []grievance.Attachment{{Name: "a.pdf", MediaType: "application/pdf", Size: 1, Ref: "f/1"}},
	}}
	const old = `[{"action":"file","from":"","to":"submitted","actor":{"nationalId":"1000000008","role":"filer"},` +
		`"at":"2025-07-01T09:00:00.123456Z","on":"1447-01-06",` +
		`"attachments":[{"name":"a.pdf","mediaType":"application/pdf","size":1,"ref":"f/1"}]}]`
	b, err := json.Marshal(storeHistory(h).V)
	require.NoError(t, err)
	assert.JSONEq(t, old, string(b))
	var back jsonValue[[]storedChange]
	require.NoError(t, back.Scan(old))
	assert.Equal(t, h, loadHistory(back.V))
}
