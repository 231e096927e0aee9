package masartest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/adapters/sqlstore/sqlstoretest"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/records"
)

// sameNames checks that claims name the person of the file.
func sameNames(t *testing.T, file records.Names, c identity.Claims) {
	t.Helper()
	assert.Equal(t, file.AR.First, c.FirstNameAR)
	assert.Equal(t, file.AR.Father, c.FatherNameAR)
	assert.Equal(t, file.AR.Grandfather, c.GrandNameAR)
	assert.Equal(t, file.AR.Family, c.FamilyNameAR)
	assert.Equal(t, file.EN.First, c.FirstNameEN)
	assert.Equal(t, file.EN.Family, c.FamilyNameEN)
}

// genderCode is the file's gender as Nafath spells it.
func genderCode(g records.Gender) string {
	if g == records.Female {
		return "F"
	}
	return "M"
}

// Issue 13 item 19: for the same ID, the employee file, the civil registry,
// the fake authenticator and nafathtest tell of one person: the same names,
// birth date and gender.
func TestOnePersonInEveryFake(t *testing.T) {
	w := masartest.New(t)
	for range 20 {
		p := w.Employee()
		f := p.File

		reg, err := w.Registry.LookUp(w.Ctx, p.ID)
		require.NoError(t, err)
		assert.Equal(t, f.BirthDate, reg.BirthDate, "registry birth date")
		assert.Equal(t, f.Name.AR.Full(), reg.NameAR)
		assert.Equal(t, f.Name.EN.Full(), reg.NameEN)
		assert.Equal(t, f.Nationality, reg.Nationality)

		// Registering with the file's birth date passes the registry check,
		// and the sign-in proves the person of the file.
		w.Register(p)
		s := w.SignIn(p)
		assert.Equal(t, p.ID, s.NationalID)
		sameNames(t, f.Name, s.Claims)
		assert.Equal(t, f.BirthDate, s.Claims.DateOfBirth)
		assert.Equal(t, genderCode(f.Gender), s.Claims.Gender)
	}
}

// nafathtest signs the same person data as the fake authenticator.
func TestNafathtestProvesThePersonOfTheFile(t *testing.T) {
	w := masartest.New(t)
	srv := nafathtest.NewServer(t, nil)
	client, err := nafath.New(srv.ClientOptions())
	require.NoError(t, err)
	ctx := context.Background()
	for range 5 {
		p := w.Employee()
		ch, err := client.StartSignIn(ctx, p.ID)
		require.NoError(t, err)
		cb, err := srv.Approve(ch.TransID)
		require.NoError(t, err)
		claims, err := client.VerifyCallback(ctx, cb)
		require.NoError(t, err)
		sameNames(t, p.File.Name, claims)
		assert.Equal(t, p.File.BirthDate, claims.DateOfBirth)
		assert.Equal(t, genderCode(p.File.Gender), claims.Gender)
		assert.Equal(t, p.Profile, identitytest.DefaultProfile(p.ID))
	}
}

// The same seed makes the same people; another seed others.
func TestWorldsAreDeterministic(t *testing.T) {
	a, b := masartest.New(t), masartest.New(t)
	pa, pb := a.Employee(), b.Employee()
	assert.Equal(t, pa.ID, pb.ID)
	assert.Equal(t, pa.File.Name, pb.File.Name)
	c := masartest.New(t, masartest.WithSeed(7))
	assert.NotEqual(t, pa.ID, c.Employee().ID)
}

// The helpers' actors work through the Client: the employee reads their
// file, the agency's HR reads it too, the trail names both by reference.
func TestActorsAndTrail(t *testing.T) {
	w := masartest.New(t)
	p := w.Employee()
	hr := w.Agency(p.File.Job.Agency.ID).Specialist
	assert.Equal(t, hr, w.Agency(p.File.Job.Agency.ID).Specialist, "one staff per agency")
	_, err := w.Client.EmployeeFile(w.Ctx, p.Actor, p.ID)
	require.NoError(t, err)
	_, err = w.Client.EmployeeFile(w.Ctx, hr, p.ID)
	require.NoError(t, err)
	other := w.Person()
	_, err = w.Client.EmployeeFile(w.Ctx, other.Actor, p.ID)
	assert.Error(t, err, "someone else is refused")

	entries, err := w.Store.ListAudit(w.Ctx, audit.Filter{Subject: w.Ref(p.ID), Action: string(masar.UseViewFile)})
	require.NoError(t, err)
	assert.Len(t, entries, 3)
}

// Options reach the Client, and the World runs on another store.
func TestOptions(t *testing.T) {
	w := masartest.New(t, masartest.WithConfig(func(c *masar.Config) { c.Identity.SignInWithoutRegistration = true }))
	p := w.Person()
	s := w.SignIn(p) // not registered: allowed by the option
	assert.Equal(t, p.ID, s.NationalID)

	for _, target := range sqlstoretest.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			st, _ := target.Open(t)
			w := masartest.New(t, masartest.WithStores(masar.Stores{Records: st, Grievances: st, Promotions: st, Leaves: st, Separations: st, CVs: st, JobAudit: st, Outbox: st,
				Identity: st, Audit: st, Tx: st}))
			assert.Nil(t, w.Store)
			p := w.Employee()
			w.Register(p)
			assert.Equal(t, p.ID, w.SignIn(p).NationalID)
		})
	}
}

// The Notifier hears of a decision once the outbox is drained.
func TestDrainTellsTheNotifier(t *testing.T) {
	w := masartest.New(t)
	p := w.Employee()
	r, err := w.Client.RequestCorrection(w.Ctx, p.Actor, masar.CorrectionInput{
		Changes:       []records.ProposedChange{{Field: records.FieldAddress, New: "جدة، حي الروضة"}},
		Justification: "انتقلت إلى عنوان جديد", AcceptTerms: true, TermsVersion: "1.0"})
	require.NoError(t, err)
	_, err = w.Client.ApproveCorrection(w.Ctx, w.Agency(p.File.Job.Agency.ID).Specialist, masar.CorrectionAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	assert.Empty(t, w.Notifications.Decisions(), "not before the outbox is drained")
	assert.Equal(t, 1, w.Drain())
	require.Len(t, w.Notifications.Decisions(), 1)
	assert.Equal(t, r.ID, w.Notifications.Decisions()[0].ID)
	assert.Zero(t, w.Drain(), "delivered once")
}
