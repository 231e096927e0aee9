package masartest

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// Start is the first instant of a World's clock unless WithStart says
// otherwise: Sunday 14 September 2025, 09:00 in Riyadh (22 Rabi' al-Awwal
// 1447).
var Start = time.Date(2025, 9, 14, 6, 0, 0, 0, time.UTC)

// DefaultSeed seeds a World's generator unless WithSeed says otherwise.
const DefaultSeed = 1447

// The World's secret keys: test values, MinKeyLen bytes each, distinct. They
// are not secret; never use them outside tests.
var (
	AuditKey     = bytes.Repeat([]byte("a"), masar.MinKeyLen)
	StatementKey = bytes.Repeat([]byte("s"), masar.MinKeyLen)
	OTPKey       = bytes.Repeat([]byte("o"), masar.MinKeyLen)
)

// Clock is a World's clock: fixed until the test moves it. It is safe for
// concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock stopped at at.
func NewClock(at time.Time) *Clock { return &Clock{now: at} }

// Now returns the current instant.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Today returns the current civil date in Saudi Arabia.
func (c *Clock) Today() hijri.Date {
	d, err := hijri.Today(c.Now(), hijri.SaudiTime())
	if err != nil {
		panic(err) // the clock is inside the Umm al-Qura table
	}
	return d
}

// Option adjusts a World before its Client is built.
type Option func(*settings)

// settings are the Options applied.
type settings struct {
	seed   uint64
	start  time.Time
	stores *masar.Stores
	config []func(*masar.Config)
}

// WithSeed seeds the World's generator (default DefaultSeed): the same seed
// gives the same people.
func WithSeed(seed uint64) Option { return func(s *settings) { s.seed = seed } }

// WithStart sets the clock's first instant (default Start).
func WithStart(t time.Time) Option { return func(s *settings) { s.start = t } }

// WithStores runs the World on stores instead of a fresh memstore.Store
// (World.Store is then nil).
func WithStores(stores masar.Stores) Option { return func(s *settings) { s.stores = &stores } }

// WithConfig lets fn change the Client's configuration (service options,
// policies, rules) after the World has filled it in and before the Client
// is built. Options apply in order.
func WithConfig(fn func(*masar.Config)) Option {
	return func(s *settings) { s.config = append(s.config, fn) }
}

// World is a Client with its fakes, clock and keys. Its helpers fail the test
// on any error.
type World struct {
	// T is the test the World fails on error.
	T testing.TB `json:"-"`
	// Ctx is the context the helpers call the Client with.
	Ctx context.Context `json:"-"`
	// Client is the facade under test.
	Client *masar.Client `json:"-"`
	// Store is the memstore behind every contract (nil under WithStores).
	Store *memstore.Store `json:"-"`
	// Clock is the clock of the Client and of every fake.
	Clock *Clock `json:"-"`
	// Gen generates the World's identity numbers and contact details.
	Gen *identitytest.Generator `json:"-"`

	// Registry is the fake civil registry; the World adds every person it makes.
	Registry *identitytest.Registry `json:"-"`
	// Accounts is the fake account directory: every person has Absher and Nafath.
	Accounts *identitytest.Accounts `json:"-"`
	// SMS keeps the text messages sent (read codes with LastCode).
	SMS *identitytest.SMS `json:"-"`
	// Mail keeps the emails sent (read tokens with LastToken).
	Mail *identitytest.Mail `json:"-"`
	// Auth is the fake authenticator; approve a sign-in with Auth.Approve.
	Auth *identitytest.Authenticator `json:"-"`
	// Notifications records the correction decisions the Client
	// announces: the Notifier consumes the outbox's events, so a decision
	// is recorded once the outbox is drained (Drain).
	Notifications *recordstest.Notifications `json:"-"`

	mu       sync.Mutex
	agencies map[string]*Agency
}

// Person is someone the World made: known to the civil registry and the
// account directory (Absher and Nafath), with Profile the data every fake
// tells about them. File and Input are set for an employee.
type Person struct {
	ID identity.NationalID `json:"id"`
	// Profile is identitytest.DefaultProfile(ID): the names, birth date and
	// gender of the registry, the authenticator and the file alike.
	Profile identitytest.Profile `json:"profile"`
	// File is the employee file as created (zero for a person with none).
	File records.Employee `json:"file"`
	// Input is what created File.
	Input records.NewEmployee `json:"input"`
	// Actor is the person acting on their own behalf (RoleEmployee, a
	// permission on every Masar service).
	Actor masar.Actor `json:"actor"`
}

// Agency is an agency's staff, made on first use: an HR specialist, an HR
// manager and a grievance committee member, each a Person known to the
// fakes with a permission on every Masar service.
type Agency struct {
	// Code is the agency's code (the records.Agency ID of its files).
	Code string `json:"code"`
	// Specialist is an HR specialist of the agency.
	Specialist masar.Actor `json:"specialist"`
	// Manager is an HR manager of the agency.
	Manager masar.Actor `json:"manager"`
	// Committee is a member of the agency's grievance committee.
	Committee masar.Actor `json:"committee"`
}

// New returns a World: a Client over a fresh memstore (or WithStores), on a
// Clock at Start, with AuditKey, StatementKey and OTPKey, and the
// identitytest fakes as its Registry, Accounts, SMS, Mail and Authenticator.
// It fails t if the Client cannot be built.
func New(t testing.TB, opts ...Option) *World {
	t.Helper()
	s := settings{seed: DefaultSeed, start: Start}
	for _, o := range opts {
		o(&s)
	}
	clk := NewClock(s.start)
	w := &World{
		T: t, Ctx: context.Background(), Clock: clk,
		Gen:           identitytest.NewGenerator(s.seed),
		Registry:      identitytest.NewRegistry(),
		Accounts:      identitytest.NewAccounts(),
		SMS:           &identitytest.SMS{},
		Mail:          &identitytest.Mail{},
		Auth:          identitytest.NewAuthenticator(&identitytest.AuthenticatorOptions{Now: clk.Now}),
		Notifications: &recordstest.Notifications{},
		agencies:      map[string]*Agency{},
	}
	stores := s.stores
	if stores == nil {
		w.Store = memstore.New(nil)
		stores = &masar.Stores{Records: w.Store, Grievances: w.Store, Promotions: w.Store, Leaves: w.Store, Separations: w.Store, CVs: w.Store, JobAudit: w.Store, Outbox: w.Store, Identity: w.Store,
			Audit: w.Store, Tx: w.Store}
	}
	cfg := masar.Config{
		Stores: *stores, AuditKey: AuditKey,
		Records:  records.Options{StatementKey: StatementKey, Notifier: w.Notifications},
		Identity: identity.Options{OTPKey: OTPKey},
		Ports: identity.Ports{Registry: w.Registry, Accounts: w.Accounts, SMS: w.SMS, Mail: w.Mail,
			Authenticator: w.Auth},
		Now: clk.Now,
	}
	for _, fn := range s.config {
		fn(&cfg)
	}
	c, err := masar.New(cfg)
	if err != nil {
		t.Fatalf("masartest: masar.New: %v", err)
	}
	w.Client = c
	return w
}

// Drain delivers every outbox message due now (Client.DrainOutbox): the
// domain events to the Notifier (and Config.Events, when an option sets
// it), the pension packages to Config.Pension. It fails the test on error
// and returns how many were delivered.
func (w *World) Drain() int {
	w.T.Helper()
	n, err := w.Client.DrainOutbox(w.Ctx)
	if err != nil {
		w.T.Fatalf("masartest: DrainOutbox: %v", err)
	}
	return n
}

// Ref is the audit trail's reference to id under AuditKey, to filter the
// trail by actor or subject.
func (w *World) Ref(id identity.NationalID) audit.Ref { return audit.NewRef(AuditKey, id.String()) }

// know tells the registry and the account directory about id, with its
// default profile, and returns the profile.
func (w *World) know(id identity.NationalID) identitytest.Profile {
	p := identitytest.DefaultProfile(id)
	w.Registry.Add(p.Person(id))
	w.Accounts.Set(id, identity.Accounts{Absher: true, Nafath: true})
	return p
}

// Person returns a new citizen with no employee file, known to the registry
// and the account directory.
func (w *World) Person() Person {
	id := w.Gen.Citizen()
	return Person{ID: id, Profile: w.know(id), Actor: EmployeeActor(id)}
}

// EmployeeActor returns the Actor of id acting on their own behalf, with a
// permission on every Masar service.
func EmployeeActor(id identity.NationalID) masar.Actor {
	return masar.Actor{NationalID: id, Roles: []masar.Role{masar.RoleEmployee}, Services: identity.MasarServices()}
}

// Agency returns the staff of the agency code, making them on first use.
func (w *World) Agency(code string) *Agency {
	w.mu.Lock()
	defer w.mu.Unlock()
	if a, ok := w.agencies[code]; ok {
		return a
	}
	a := &Agency{Code: code,
		Specialist: w.Staff(code, masar.RoleHRSpecialist),
		Manager:    w.Staff(code, masar.RoleHRManager),
		Committee:  w.Staff(code, masar.RoleCommittee),
	}
	w.agencies[code] = a
	return a
}

// Staff returns a new person acting for agency in role, known to the
// registry and the account directory, with a permission on every Masar
// service.
func (w *World) Staff(agency string, role masar.Role) masar.Actor {
	id := w.Gen.Citizen()
	w.know(id)
	return masar.Actor{NationalID: id, Roles: []masar.Role{role}, Agency: agency, Services: identity.MasarServices()}
}

// Employee returns a new employee of the Ministry of Education with the
// realistic career of recordstest.NewEmployee (appointed 1432-03-15,
// rank 8 since 1440), the file created through the Client by the agency's
// HR specialist.
func (w *World) Employee() Person {
	w.T.Helper()
	return w.Hire(recordstest.NewEmployee(w.Gen))
}

// Hire creates the file b describes through the Client, as the HR
// specialist of the agency the file ends in, and returns the employee. b
// must come from w.Gen (recordstest.NewBuilder(w.Gen) or NewEmployee) so
// that its person is the World's.
func (w *World) Hire(b *recordstest.Builder) Person {
	w.T.Helper()
	in := b.Input()
	agency := b.Employee("masartest", w.Clock.Now()).Job.Agency.ID
	p := w.know(in.NationalID)
	e, err := w.Client.CreateEmployee(w.Ctx, w.Agency(agency).Specialist, in)
	if err != nil {
		w.T.Fatalf("masartest: create the file of %s in %s: %v", in.NationalID.Masked(), agency, err)
	}
	return Person{ID: in.NationalID, Profile: p, File: e, Input: in, Actor: EmployeeActor(in.NationalID)}
}

// Register registers p through the Client with a generated mobile and email,
// confirming both with the code and token the fakes received, and returns
// the active registration.
func (w *World) Register(p Person) identity.Registration {
	w.T.Helper()
	mobile, email := w.Gen.Mobile(), w.Gen.Email()
	r, err := w.Client.StartRegistration(w.Ctx, identity.RegisterInput{NationalID: p.ID.String(),
		BirthDate: p.Profile.DateOfBirth.String(), Mobile: mobile.String(), Email: email.String()})
	if err != nil {
		w.T.Fatalf("masartest: register %s: %v", p.ID.Masked(), err)
	}
	code, _ := w.SMS.LastCode(mobile)
	if _, err := w.Client.VerifyMobile(w.Ctx, r.ID, code); err != nil {
		w.T.Fatalf("masartest: verify the mobile of %s: %v", p.ID.Masked(), err)
	}
	token, _ := w.Mail.LastToken(email)
	r, err = w.Client.ConfirmEmail(w.Ctx, token)
	if err != nil {
		w.T.Fatalf("masartest: confirm the email of %s: %v", p.ID.Masked(), err)
	}
	return r
}

// SignIn signs p in through the Client: it starts a sign-in, approves it in
// the fake authenticator, completes it with the signed callback and returns
// the session. p must be registered unless the Identity options set
// SignInWithoutRegistration.
func (w *World) SignIn(p Person) identity.Session {
	w.T.Helper()
	ch, err := w.Client.StartSignIn(w.Ctx, p.ID)
	if err != nil {
		w.T.Fatalf("masartest: start the sign-in of %s: %v", p.ID.Masked(), err)
	}
	cb, err := w.Auth.Approve(ch.TransID)
	if err != nil {
		w.T.Fatalf("masartest: approve the sign-in of %s: %v", p.ID.Masked(), err)
	}
	s, err := w.Client.CompleteSignIn(w.Ctx, cb)
	if err != nil {
		w.T.Fatalf("masartest: complete the sign-in of %s: %v", p.ID.Masked(), err)
	}
	return s
}
