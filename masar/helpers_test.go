package masar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/masar/masartest"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/promotion/promotiontest"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/txn"
)

// start is the fixture clock's first instant: Sunday 14 September 2025,
// 09:00 in Riyadh, which is 22 Rabi' al-Awwal 1447.
var start = time.Date(2025, 9, 14, 9, 0, 0, 0, hijri.SaudiTime())

// worldSeed seeds the fixture's identity generator: every world built by
// newClient has the same people.
const worldSeed = 1447

// The agencies of the fixture.
const (
	moh      = "moh"  // Ministry of Health
	moe      = "moe"  // Ministry of Education
	ministry = "hrsd" // the Ministry of Human Resources, whose auditor reads every agency's trail
	gosi     = "gosi" // a consent-grantee agency (social insurance)
)

// person is a civil servant with an employee file, and the Actor of them
// acting on their own file.
type person struct {
	ID    identity.NationalID
	File  records.Employee
	Input records.NewEmployee
	Actor masar.Actor
}

// agency is one agency of the fixture: two employees and its staff.
type agency struct {
	Code       string
	Emp, Peer  person
	Specialist masar.Actor // an HR specialist
	Manager    masar.Actor // an HR manager
	Committee  masar.Actor // a member of the grievance committee
}

// world is a Client over a Store with a seeded world of people and the fakes
// behind the identity ports.
type world struct {
	T      testing.TB
	Ctx    context.Context
	Client *masar.Client
	Store  allStore
	Clock  *masartest.Clock
	Gen    *identitytest.Generator

	Registry *identitytest.Registry
	Accounts *identitytest.Accounts
	SMS      *identitytest.SMS
	Mail     *identitytest.Mail
	Auth     *identitytest.Authenticator
	Notified *notifications

	MOH, MOE *agency
	Auditor  masar.Actor // a ministry auditor
	Grantee  masar.Actor // acting for the consent-grantee agency gosi

	ids []identity.NationalID // every national ID the world generated
	// secrets are other strings the trail must not hold: statement
	// verification codes, which fetch a statement holding the national ID.
	secrets []string
}

// The Client's keys: 32 bytes each, distinct.
var (
	auditKey     = bytes.Repeat([]byte("A"), masar.MinKeyLen)
	statementKey = bytes.Repeat([]byte("S"), masar.MinKeyLen)
	otpKey       = bytes.Repeat([]byte("O"), masar.MinKeyLen)
)

// allServices are the Masar services an employee's agency gave them a
// permission on in the fixture.
var allServices = identity.MasarServices()

// newClient returns a world over store: a Client on a fixed, movable clock
// (start), with the identitytest fakes as its identity ports and a recording
// Notifier, and a seeded world: in each of moh and moe two employees with
// realistic files (created by the agency's HR specialist through the
// Client), an HR specialist, an HR manager and a committee member; a ministry
// auditor; a consent-grantee actor. Every ID comes from
// identitytest.NewGenerator(worldSeed), so every world has the same people.
func newClient(t testing.TB, store allStore) *world {
	t.Helper()
	return newClientWith(t, store, nil)
}

// newClientWith is newClient with cfg changed by mod (nil: unchanged)
// before the Client is built: a pension agency, an event bus, relay options.
func newClientWith(t testing.TB, store allStore, mod func(*masar.Config)) *world {
	t.Helper()
	clk := masartest.NewClock(start)
	w := &world{
		T: t, Ctx: context.Background(), Store: store, Clock: clk,
		Gen:      identitytest.NewGenerator(worldSeed),
		Registry: identitytest.NewRegistry(),
		Accounts: identitytest.NewAccounts(),
		SMS:      &identitytest.SMS{},
		Mail:     &identitytest.Mail{},
		Auth:     identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: clk.Now}),
		Notified: &notifications{store: store},
	}
	cfg := masar.Config{
		Stores: storesOf(store), AuditKey: auditKey,
		Records:  records.Options{StatementKey: statementKey, Notifier: w.Notified},
		Identity: identity.Options{OTPKey: otpKey},
		Ports:    identity.Ports{Registry: w.Registry, Accounts: w.Accounts, SMS: w.SMS, Mail: w.Mail, Authenticator: w.Auth},
		Now:      clk.Now,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := masar.New(cfg)
	if err != nil {
		t.Fatalf("masar.New: %v", err)
	}
	w.Client = c
	w.MOH = w.newAgency(moh)
	w.MOE = w.newAgency(moe)
	w.Auditor = masar.Actor{NationalID: w.newID(), Roles: []masar.Role{masar.RoleAuditor}, Agency: ministry}
	w.Grantee = masar.Actor{NationalID: w.newID(), Roles: []masar.Role{masar.RoleConsentGrantee}, Agency: gosi}
	return w
}

// newID returns a new citizen ID, remembered for the clear-ID scan.
func (w *world) newID() identity.NationalID {
	id := w.Gen.Citizen()
	w.ids = append(w.ids, id)
	return id
}

// newAgency seeds an agency: its staff, then two employees hired by its
// HR specialist.
func (w *world) newAgency(code string) *agency {
	a := &agency{Code: code}
	staff := func(r masar.Role) masar.Actor {
		id := w.newID()
		// Staff are Saudi nationals with a Nafath account and a permission
		// on every Masar service: the job-data audit's policy asks it.
		w.Registry.Add(identity.Person{NationalID: id, Nationality: "SA"})
		w.Accounts.Set(id, identity.Accounts{Absher: true, Nafath: true})
		return masar.Actor{NationalID: id, Roles: []masar.Role{r}, Agency: code, Services: allServices}
	}
	a.Specialist = staff(masar.RoleHRSpecialist)
	a.Manager = staff(masar.RoleHRManager)
	a.Committee = staff(masar.RoleCommittee)
	a.Emp = w.hire(a, w.career(code))
	a.Peer = w.hire(a, w.career(code))
	return a
}

// career returns a realistic career (recordstest.NewEmployee: appointed in
// 1432, promoted twice, leaves and courses) ending in agency code; a moh
// employee transferred there from moe on 1 Muharram 1446.
func (w *world) career(code string) *recordstest.Builder {
	b := recordstest.NewEmployee(w.Gen)
	w.ids = append(w.ids, b.NationalID())
	if code == moh {
		b.Transfer(hijri.MustNew(1446, 1, 1), recordstest.MinistryOfHealth)
	}
	return b
}

// hire creates the file b describes through the Client, as a's HR
// specialist, and registers the person with the civil registry (a Saudi
// national) and the account directory (Absher and Nafath).
func (w *world) hire(a *agency, b *recordstest.Builder) person {
	w.T.Helper()
	in := b.Input()
	e, err := w.Client.CreateEmployee(w.Ctx, a.Specialist, in)
	if err != nil {
		w.T.Fatalf("hire %s in %s: %v", in.NationalID.Masked(), a.Code, err)
	}
	w.Registry.Add(identity.Person{NationalID: in.NationalID, BirthDate: in.BirthDate, Nationality: "SA",
		NameAR: in.Name.AR.Full(), NameEN: in.Name.EN.Full()})
	w.Accounts.Set(in.NationalID, identity.Accounts{Absher: true, Nafath: true})
	return person{ID: in.NationalID, File: e, Input: in, Actor: employee(in.NationalID)}
}

// employee returns the Actor of id acting on their own file, with a
// permission on every Masar service.
func employee(id identity.NationalID) masar.Actor {
	return masar.Actor{NationalID: id, Roles: []masar.Role{masar.RoleEmployee}, Services: allServices}
}

// must fails the test on err.
func (w *world) must(err error) {
	w.T.Helper()
	if err != nil {
		w.T.Fatal(err)
	}
}

// file reads id's file straight from the Store (no audit entry).
// notices delivers the outbox's events due now, then returns what the
// Notifier was told: the Notifier consumes the committed decisions' events.
func (w *world) notices() []notice {
	w.T.Helper()
	if _, err := w.Client.DrainOutbox(w.Ctx); err != nil {
		w.T.Fatalf("DrainOutbox: %v", err)
	}
	return w.Notified.Notices()
}

func (w *world) file(id identity.NationalID) records.Employee {
	w.T.Helper()
	e, err := w.Store.GetEmployeeByNationalID(w.Ctx, id)
	w.must(err)
	return e
}

// fileGrievance files a grievance of kind by p against p's agency code,
// about a decision p learnt of three days ago.
func (w *world) fileGrievance(p person, code string, kind grievance.Kind) grievance.Grievance {
	w.T.Helper()
	g, err := w.Client.FileGrievance(w.Ctx, p.Actor, w.grievanceInput(code, kind))
	w.must(err)
	return g
}

func (w *world) grievanceInput(code string, kind grievance.Kind) masar.FileGrievanceInput {
	today := w.Clock.Today()
	decided, _ := today.AddDays(-10)
	learnt, _ := today.AddDays(-3)
	return masar.FileGrievanceInput{
		Kind: kind, Agency: code,
		Decision:    grievance.Decision{Number: "1447/4471", Date: decided, LearntOn: learnt},
		Subject:     "الحسم من الراتب",
		Description: "تم الحسم من راتبي دون إبلاغي بقرار الحسم",
	}
}

// roundInput is a draft promotion round of agency code: one rank-9
// information systems post, judged today, under promotiontest.Settings.
func (w *world) roundInput(code string) promotion.RoundInput {
	return promotion.RoundInput{
		AgencyID:          code,
		Title:             i18n.Text{AR: "دورة الترقيات لعام ١٤٤٧ هـ", EN: "Promotion round 1447"},
		ConsiderationDate: w.Clock.Today(),
		Settings:          promotiontest.Settings(),
		Vacancies: []promotion.Vacancy{{
			ID: "V-9-2512", JobCode: "2512", Rank: 9, Positions: 1, MinQualification: promotion.Bachelor,
			Title:              i18n.Text{AR: "أخصائي أول نظم معلومات", EN: "Senior Information Systems Specialist"},
			RequiredExperience: hijri.Period{Years: 1},
		}},
	}
}

// candidate is p applying for the fixture round's post with rating and
// scores; a higher strength gives higher scores.
func candidate(p person, rating int, strength int64) masar.CandidateInput {
	return masar.CandidateInput{
		NationalID: p.ID, VacancyID: "V-9-2512", Rating: rating, RatingDate: hijri.MustNew(1446, 8, 1),
		Scores: promotion.Scores{
			Initiatives: decimal.NewFromInt(10 + strength), Training: decimal.NewFromInt(60 + strength),
			Interview: decimal.NewFromInt(5 + strength/2), Test: decimal.NewFromInt(70 + strength),
		},
	}
}

// roundIn drives a round of agency a, by its HR manager, to status (draft,
// announced, open with a's two employees as candidates, ranked, decided or
// closed).
func (w *world) roundIn(a *agency, status promotion.RoundStatus) promotion.Round {
	w.T.Helper()
	m := a.Manager
	r, err := w.Client.CreateRound(w.Ctx, m, w.roundInput(a.Code))
	w.must(err)
	steps := []struct {
		st promotion.RoundStatus
		do func() (promotion.Round, error)
	}{
		{promotion.RoundAnnounced, func() (promotion.Round, error) {
			return w.Client.AnnounceRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
		}},
		{promotion.RoundOpen, func() (promotion.Round, error) {
			r, err := w.Client.OpenRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			if err != nil {
				return r, err
			}
			return w.Client.AddCandidates(w.Ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(a.Emp, 5, 8), candidate(a.Peer, 4, 2)})
		}},
		{promotion.RoundRanked, func() (promotion.Round, error) {
			r, _, err := w.Client.RankRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			return r, err
		}},
		{promotion.RoundDecided, func() (promotion.Round, error) {
			r, _, err := w.Client.IssuePromotions(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			return r, err
		}},
		{promotion.RoundClosed, func() (promotion.Round, error) {
			return w.Client.CloseRound(w.Ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
		}},
	}
	for _, s := range steps {
		if r.Status == status {
			return r
		}
		r, err = s.do()
		if err != nil {
			w.T.Fatalf("round of %s to %s: %v", a.Code, s.st, err)
		}
	}
	return r
}

// trail returns every audit entry, straight from the Store.
func (w *world) trail(f audit.Filter) []audit.Entry {
	w.T.Helper()
	var out []audit.Entry
	f.Limit = audit.MaxLimit
	for {
		es, err := w.Store.ListAudit(w.Ctx, f)
		w.must(err)
		out = append(out, es...)
		if len(es) < audit.MaxLimit {
			return out
		}
		f.After = es[len(es)-1].ID
	}
}

// ref is the audit trail's reference to id.
func ref(id identity.NationalID) audit.Ref { return audit.NewRef(auditKey, id.String()) }

// assertNoClearIDs checks that no audit entry holds any national ID of the
// world in clear, in any field.
func (w *world) assertNoClearIDs() {
	w.T.Helper()
	es := w.trail(audit.Filter{})
	if len(es) == 0 {
		w.T.Fatal("the audit trail is empty")
	}
	for _, e := range es {
		b, err := json.Marshal(e)
		w.must(err)
		for _, id := range w.ids {
			if bytes.Contains(b, []byte(id.String())) {
				w.T.Errorf("audit entry %s (%s) holds national ID %s in clear: %s", e.ID, e.Action, id.Masked(), b)
			}
		}
		for _, s := range w.secrets {
			if bytes.Contains(b, []byte(s)) {
				w.T.Errorf("audit entry %s (%s) holds the secret %q: %s", e.ID, e.Action, s, b)
			}
		}
		for _, m := range []string{e.ActorMasked, e.SubjectMasked} {
			if m != "" && !strings.Contains(m, "*") {
				w.T.Errorf("audit entry %s (%s): %q is not masked", e.ID, e.Action, m)
			}
		}
	}
}

// notice is one call of the recording Notifier, with what the Store held
// when it was made.
type notice struct {
	Correction records.Correction
	// Stored is the request's status in the Store, read outside any
	// transaction while the Notifier runs: the decided status once the
	// decision is committed; "blocked" if the read could not complete (the
	// Notifier was called while the transaction held the store).
	Stored records.CorrectionStatus
}

// notifications is a records.Notifier that records its calls.
type notifications struct {
	store allStore
	mu    sync.Mutex
	got   []notice
}

// CorrectionDecided implements records.Notifier.
func (n *notifications) CorrectionDecided(_ context.Context, c records.Correction) error {
	done := make(chan records.CorrectionStatus, 1)
	go func() {
		stored, err := n.store.GetCorrection(context.Background(), c.ID)
		if err != nil {
			done <- records.CorrectionStatus("error: " + err.Error())
			return
		}
		done <- stored.Status
	}()
	st := records.CorrectionStatus("blocked")
	select {
	case st = <-done:
	case <-time.After(5 * time.Second):
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, notice{Correction: c, Stored: st})
	return nil
}

// Notices returns the calls so far.
func (n *notifications) Notices() []notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]notice(nil), n.got...)
}

// allStore is every store contract and transactions, as one adapter
// (memstore, sqlstore) implements them.
type allStore interface {
	records.Store
	grievance.Store
	promotion.Store
	leave.Store
	separation.Store
	cv.Store
	jobaudit.Store
	outbox.Store
	records.FileScanner
	identity.Store
	audit.Store
	txn.Transactor
}

// storesOf passes one adapter as every store of the Client.
func storesOf(s allStore) masar.Stores {
	return masar.Stores{Records: s, Grievances: s, Promotions: s, Leaves: s, Separations: s, CVs: s, JobAudit: s, Outbox: s, Identity: s, Audit: s, Tx: s}
}

// faultyStore is a Store whose writes can be made to fail, to prove that a
// failure rolls the whole call back.
type faultyStore struct {
	allStore
	mu sync.Mutex
	// failAudit, when set, makes AppendAudit fail for entries it matches.
	failAudit func(audit.Entry) bool
	// failHistory makes AppendHistoryEvents fail for files it matches.
	failHistory func(records.Employee) bool
}

var errInjected = errors.New("injected store failure")

func (s *faultyStore) set(fn func(*faultyStore)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s)
}

// AppendAudit implements audit.Store.
func (s *faultyStore) AppendAudit(ctx context.Context, e audit.Entry) error {
	s.mu.Lock()
	fail := s.failAudit != nil && s.failAudit(e)
	s.mu.Unlock()
	if fail {
		return errInjected
	}
	return s.allStore.AppendAudit(ctx, e)
}

// AppendHistoryEvents implements records.Store.
func (s *faultyStore) AppendHistoryEvents(ctx context.Context, e records.Employee, events []records.HistoryEvent) (records.Employee, error) {
	s.mu.Lock()
	fail := s.failHistory != nil && s.failHistory(e)
	s.mu.Unlock()
	if fail {
		return records.Employee{}, errInjected
	}
	return s.allStore.AppendHistoryEvents(ctx, e, events)
}
