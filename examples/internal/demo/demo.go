package demo

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"gocloud.dev/pubsub"

	"github.com/masarhr/masar-go/adapters/documents"
	"github.com/masarhr/masar-go/adapters/eventbus"
	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/adapters/httpapi/httpapitest"
	"github.com/masarhr/masar-go/adapters/nafath"
	"github.com/masarhr/masar-go/adapters/nafath/nafathtest"
	"github.com/masarhr/masar-go/adapters/pension"
	"github.com/masarhr/masar-go/adapters/pension/pensiontest"
	"github.com/masarhr/masar-go/adapters/sqlstore"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/identity/identitytest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/records/recordstest"
)

// Options configure a World.
type Options struct {
	// Store is the migrated store every service keeps its data in.
	Store *sqlstore.Store
	// Documents keeps uploaded documents.
	Documents *documents.Store
	// CallbackURL is where the fake Nafath posts its signed callbacks: the
	// API's POST /v1/sign-ins/callback.
	CallbackURL string
	// Out receives the outbox's messages as they are "sent"; nil for none.
	Out io.Writer
	// Seed seeds the identity generator; 0 means the current time.
	Seed uint64
	// EmailLinkBase, if set, is the portal's address: the confirmation
	// email then ends with the link that confirms it,
	// EmailLinkBase/register/email?token=….
	EmailLinkBase string
}

// People are the seeded demo people of one agency, by national ID.
type People struct {
	// Agency is the demo agency's code.
	Agency string `json:"agency"`
	// Employee has a file with a history; BirthDate is their Hijri birth
	// date, as registration asks it.
	Employee  identity.NationalID `json:"employee"`
	BirthDate string              `json:"birth_date"`
	// EmployeeName is the employee's full name in Arabic and English.
	EmployeeName records.Names `json:"employee_name"`
	// HR is the agency's HR specialist, Manager its HR manager.
	HR      identity.NationalID `json:"hr"`
	Manager identity.NationalID `json:"manager"`
	// Committee is a member of the agency's grievance committee.
	Committee identity.NationalID `json:"committee"`
	// Auditor is a ministry auditor.
	Auditor identity.NationalID `json:"auditor"`
	// Colleagues are two more employees of the agency with files: with
	// Employee, the candidates a demo promotion round can rank.
	Colleagues []identity.NationalID `json:"colleagues"`
}

// World is the demo's client, fakes and people.
type World struct {
	// Client is the facade.
	Client *masar.Client
	// Directory says who the demo people act as.
	Directory *httpapitest.Directory
	// Nafath is the fake Nafath; Close closes it.
	Nafath *nafathtest.Server
	// Pension is the fake pension agency end-of-service packages are
	// handed over to; Close closes it.
	Pension *pensiontest.Server
	// Events is the in-memory topic the domain events are published to
	// (Client.RunOutbox delivers them): subscribe with
	// mempubsub.NewSubscription.
	Events *pubsub.Topic
	// Outbox holds the SMS and email "sent".
	Outbox *Outbox
	// People are the seeded people.
	People People
	// Generator makes more identity numbers, mobiles and emails.
	Generator *identitytest.Generator

	store *sqlstore.Store
	docs  *documents.Store
}

// ErrOptions is New's refusal of Options without a Store or Documents.
var ErrOptions = errors.New("demo: Options.Store and Options.Documents are required")

// key derives a DEMO key from a label: the same on every run.
func key(label string) []byte {
	k := sha256.Sum256([]byte("masar-go server DEMO KEY, not for production: " + label))
	return k[:]
}

// New builds the demo world on o.Store and seeds its people.
func New(ctx context.Context, o Options) (*World, error) {
	if o.Store == nil || o.Documents == nil {
		return nil, ErrOptions
	}
	if o.Seed == 0 {
		o.Seed = uint64(time.Now().UnixNano())
	}
	fake := nafathtest.New(&nafathtest.Options{CallbackURL: o.CallbackURL})
	nc, err := nafath.New(fake.ClientOptions())
	if err != nil {
		fake.Close()
		return nil, err
	}
	agency := pensiontest.NewServer(nil)
	pc, err := pension.New(agency.URL, nil)
	if err != nil {
		fake.Close()
		agency.Close()
		return nil, err
	}
	events := eventbus.OpenMem()
	registry := &openRegistry{Registry: identitytest.NewRegistry()}
	out := &Outbox{w: o.Out}
	s := o.Store
	client, err := masar.New(masar.Config{
		Stores:   masar.Stores{Records: s, Grievances: s, Promotions: s, Leaves: s, Separations: s, CVs: s, JobAudit: s, Outbox: s, Identity: s, Audit: s, Tx: s},
		AuditKey: key("audit"),
		Records:  records.Options{StatementKey: key("statement")},
		Identity: identity.Options{OTPKey: key("otp"), SignInWithoutRegistration: true, EmailText: emailText(o.EmailLinkBase)},
		Ports: identity.Ports{Registry: registry, Accounts: openAccounts{}, SMS: smsOut{out}, Mail: mailOut{out},
			Authenticator: nc},
		Pension: pc,
		Events:  eventbus.NewSink(events),
	})
	if err != nil {
		fake.Close()
		agency.Close()
		return nil, err
	}
	w := &World{Client: client, Directory: httpapitest.NewDirectory(), Nafath: fake, Pension: agency, Events: events, Outbox: out,
		Generator: identitytest.NewGenerator(o.Seed), store: s, docs: o.Documents}
	if w.People, err = w.seed(ctx, registry); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// Close stops the fake Nafath and the fake pension agency, and shuts the
// event topic.
func (w *World) Close() {
	w.Nafath.Close()
	w.Pension.Close()
	_ = w.Events.Shutdown(context.Background())
}

// API returns the HTTP API over the world, logging to log (nil: discard),
// with the abuse limits lim (zero fields: the defaults). Its session cookie
// is not Secure: the demo serves plain HTTP on loopback.
func (w *World) API(log *slog.Logger, ready func(context.Context) error, lim httpapi.Limits) (*httpapi.API, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return httpapi.New(httpapi.Config{
		Client: w.Client, Directory: w.Directory, Idempotency: w.store, Tx: w.store, Documents: w.docs,
		Ready: ready, Logger: log, Limits: lim,
		Cookie: httpapi.CookieOptions{Insecure: true}, // plain HTTP on loopback; a real deployment is HTTPS
	})
}

// seed creates the agency's people and the employee's file.
func (w *World) seed(ctx context.Context, reg *openRegistry) (People, error) {
	gen := w.Generator
	b := recordstest.NewEmployee(gen)
	in := b.Input()
	agency := b.Employee("demo", time.Now()).Job.Agency.ID
	staff := func(roles ...masar.Role) masar.Actor {
		a := masar.Actor{NationalID: gen.Citizen(), Roles: roles, Agency: agency, Services: identity.MasarServices()}
		w.Directory.Set(a)
		reg.Add(identitytest.DefaultProfile(a.NationalID).Person(a.NationalID))
		return a
	}
	hr := staff(masar.RoleHRSpecialist)
	manager := staff(masar.RoleHRManager)
	committee := staff(masar.RoleCommittee)
	auditor := staff(masar.RoleAuditor)
	reg.Add(identitytest.DefaultProfile(in.NationalID).Person(in.NationalID))
	e, err := w.Client.CreateEmployee(ctx, hr, in)
	if err != nil {
		return People{}, fmt.Errorf("seed the demo employee: %w", err)
	}
	var colleagues []identity.NationalID
	for range 2 {
		c, err := w.Client.CreateEmployee(ctx, hr, recordstest.NewEmployee(gen).Input())
		if err != nil {
			return People{}, fmt.Errorf("seed a demo colleague: %w", err)
		}
		colleagues = append(colleagues, c.NationalID)
	}
	return People{Agency: agency, Employee: e.NationalID,
		BirthDate:    identitytest.DefaultProfile(e.NationalID).DateOfBirth.String(),
		EmployeeName: in.Name, HR: hr.NationalID, Manager: manager.NationalID,
		Committee: committee.NationalID, Auditor: auditor.NationalID, Colleagues: colleagues}, nil
}

// emailText is identity's confirmation email, ending with the portal's
// link that confirms it when base is set.
func emailText(base string) func(token string, ttl time.Duration) (string, string) {
	return func(token string, ttl time.Duration) (string, string) {
		subject, body := identity.DefaultEmailText(token, ttl)
		if base != "" {
			body += "\n" + base + "/register/email?token=" + url.QueryEscape(token) + "\n"
		}
		return subject, body
	}
}

// openRegistry is the demo's civil registry: the people it was told of,
// and anyone else with a generated ID, under their default profile.
type openRegistry struct{ *identitytest.Registry }

// LookUp implements identity.Registry.
func (r *openRegistry) LookUp(ctx context.Context, id identity.NationalID) (identity.Person, error) {
	if p, err := r.Registry.LookUp(ctx, id); err == nil {
		return p, nil
	}
	return identitytest.DefaultProfile(id).Person(id), nil
}

// openAccounts gives everyone an Absher and a Nafath account.
type openAccounts struct{}

// Accounts implements identity.AccountDirectory.
func (openAccounts) Accounts(context.Context, identity.NationalID) (identity.Accounts, error) {
	return identity.Accounts{Absher: true, Nafath: true}, nil
}

// Message is one SMS or email the demo "sent".
type Message struct {
	// Kind is "SMS" or "email".
	Kind string `json:"kind"`
	// To is the masked recipient.
	To string `json:"to"`
	// Subject is an email's subject; empty for an SMS.
	Subject string `json:"subject,omitempty"`
	// Body is the text.
	Body string `json:"body"`
	// At is when it was sent.
	At time.Time `json:"at"`
}

// String is the message as the console shows it.
func (m Message) String() string {
	if m.Kind == "email" {
		return fmt.Sprintf("email to %s: %s\n%s", m.To, m.Subject, m.Body)
	}
	return fmt.Sprintf("SMS to %s: %s", m.To, m.Body)
}

// Outbox keeps the SMS and emails the demo would send, and prints them.
type Outbox struct {
	w    io.Writer
	mu   sync.Mutex
	sent []Message
}

// smsOut is the Outbox as the SMS port.
type smsOut struct{ *Outbox }

// Send implements identity.SMSSender.
func (o smsOut) Send(_ context.Context, to identity.Mobile, text string) error {
	o.add(Message{Kind: "SMS", To: to.Masked(), Body: text})
	return nil
}

// mailOut is the Outbox as the mail port.
type mailOut struct{ *Outbox }

// Send implements identity.Mailer.
func (o mailOut) Send(_ context.Context, to identity.Email, subject, body string) error {
	o.add(Message{Kind: "email", To: to.Masked(), Subject: subject, Body: body})
	return nil
}

func (o *Outbox) add(m Message) {
	m.At = time.Now()
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent = append(o.sent, m)
	if o.w != nil {
		fmt.Fprintln(o.w, "[demo outbox] "+m.String())
	}
}

// Sent returns the messages sent, oldest first.
func (o *Outbox) Sent() []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]Message(nil), o.sent...)
}
