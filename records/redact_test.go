package records_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

func TestRedact(t *testing.T) {
	b := recordstest.NewEmployee(identitytest.NewGenerator(40)).
		Training(records.InsideKingdom, hijri.MustNew(1440, 1, 1), hijri.MustNew(1440, 1, 20), records.Achieved).
		Scholarship(records.OutsideKingdom, hijri.MustNew(1441, 1, 1), hijri.MustNew(1442, 12, 29), records.Achieved)
	e, h := b.Employee("emp-1", time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)), b.History()
	require.NotEmpty(t, e.Qualifications)
	require.NotEmpty(t, e.Contact.Address)
	var jobEvents []records.HistoryEvent
	for _, ev := range h {
		if ev.Kind != records.KindTraining && ev.Kind != records.KindScholarship {
			jobEvents = append(jobEvents, ev)
		}
	}
	require.Less(t, len(jobEvents), len(h), "the fixture has training to withhold")

	withoutPersonal := e.Clone()
	withoutPersonal.Name, withoutPersonal.BirthDate, withoutPersonal.Gender = records.Names{}, hijri.Date{}, ""
	withoutPersonal.Nationality, withoutPersonal.Contact = "", records.Contact{}
	withoutQuals := e.Clone()
	withoutQuals.Qualifications = nil

	for _, tc := range []struct {
		name     string
		withheld []identity.Part
		e        records.Employee
		h        []records.HistoryEvent
	}{
		{"nothing", nil, e, h},
		{"personal", []identity.Part{identity.PartPersonal}, withoutPersonal, h},
		{"history", []identity.Part{identity.PartHistory}, e, nil},
		{"qualifications", []identity.Part{identity.PartQualifications}, withoutQuals, h},
		{"training", []identity.Part{identity.PartTraining}, e, jobEvents},
		{"history and training", []identity.Part{identity.PartHistory, identity.PartTraining}, e, nil},
		{"parts that are not fields", []identity.Part{identity.PartJob, identity.PartServiceDuration, identity.PartStatement}, e, h},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, beforeH := e.Clone(), records.CloneHistory(h)
			gotE, gotH := records.Redact(e, h, tc.withheld)
			assert.Equal(t, tc.e, gotE)
			assert.Equal(t, tc.h, gotH)
			assert.Equal(t, before, e, "the file given is not modified")
			assert.Equal(t, beforeH, h, "the history given is not modified")
			if len(gotE.Qualifications) > 0 {
				gotE.Qualifications[0].Specialization = "changed"
				assert.NotEqual(t, "changed", e.Qualifications[0].Specialization, "the results share no memory")
			}
			if len(gotH) > 0 {
				gotH[0].Note = "changed"
				assert.NotEqual(t, "changed", h[0].Note, "the results share no memory")
			}
		})
	}
	assert.Equal(t, []identity.Part{identity.PartPersonal, identity.PartHistory, identity.PartQualifications, identity.PartTraining}, records.RedactableParts())
}
