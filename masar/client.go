package masar

import (
	"context"
	"errors"
	"github.com/masarhr/masar-go/calendar"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/leave"
	"log/slog"
	"runtime"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
	"github.com/masarhr/masar-go/txn"
)

// Stores are the stores the Client persists to: one per domain contract,
// the audit trail, and the transactions across them. Each field is required.
// adapters/memstore and adapters/sqlstore implement every contract, so a
// host passes the same adapter in every field; a host's own adapter for one
// contract is proven by that contract's conformance suite (recordstest,
// grievancetest, promotiontest, identitytest, audittest) and implements
// nothing else, so a service added later does not change it.
//
// The stores must share Tx's transactions: every call of a store made with
// the context Tx hands over joins the transaction (txntest proves it).
type Stores struct {
	// Records persists employee files, corrections and statements.
	Records records.Store
	// Grievances persists grievances.
	Grievances grievance.Store
	// Promotions persists promotion rounds and decisions.
	Promotions promotion.Store
	// Leaves persists leaves, medical reports and accrued balances; it must
	// share Tx's transactions with Records (one adapter).
	Leaves leave.Store
	// Separations persists end-of-service cases and retirement dates; it
	// must share Tx's transactions with Records (one adapter).
	Separations separation.Store
	// JobAudit persists job variables and qualification requests; it must
	// share Tx's transactions with Records (one adapter).
	JobAudit jobaudit.Store
	// CVs persists the employees' own CV sections and their shares.
	CVs cv.Store
	// Identity persists registrations, sign-ins and consents.
	Identity identity.Store
	// Outbox holds the domain events and the pension packages written in
	// the use cases' transactions until a relay delivers them (RunOutbox);
	// it must share Tx's transactions (one adapter).
	Outbox outbox.Store
	// Audit is the audit trail.
	Audit audit.Store
	// Tx runs one use case's writes across the stores, with its audit
	// entry, as one transaction.
	Tx txn.Transactor
}

// check reports the first missing store.
func (s Stores) check() error {
	for name, ok := range map[string]bool{
		"Records": s.Records != nil, "Grievances": s.Grievances != nil, "Promotions": s.Promotions != nil, "Leaves": s.Leaves != nil, "Separations": s.Separations != nil, "CVs": s.CVs != nil, "JobAudit": s.JobAudit != nil,
		"Identity": s.Identity != nil, "Outbox": s.Outbox != nil, "Audit": s.Audit != nil, "Tx": s.Tx != nil,
	} {
		if !ok {
			return ErrConfig.Because("masar.config.store", "Config.Stores."+name+" is required", "مخزن البيانات "+name+" مطلوب")
		}
	}
	return nil
}

// MinKeyLen is the least length of the Client's secret keys, in bytes.
const MinKeyLen = 32

// Config wires a Client. Stores, AuditKey, Records.StatementKey and
// Identity.OTPKey are required; every other field has a documented default.
//
// Each service's options are passed through whole, with that service's
// defaults for the fields left zero; the Client's clock and time zone (Now,
// Location) replace theirs, so that one call reads one clock.
type Config struct {
	// Stores persists everything (required).
	Stores Stores
	// AuditKey keys the hashes under which the audit trail refers to people
	// (audit.NewRef): at least MinKeyLen secret bytes, stable for the life of
	// the trail (required).
	AuditKey []byte

	// Ports are the identity ports: Registry, Accounts, SMS, Mail,
	// Authenticator. Each is needed only by the use cases that use it; the
	// Employment port is the Client's own (it reads the employee file).
	Ports identity.Ports

	// Records are the records service's options: Rules (the exclusions of
	// service duration), StatementKey (required: at least MinKeyLen secret,
	// stable bytes that sign service statements), NewID, Logger. Its
	// Notifier consumes the EventCorrectionDecided events of the outbox:
	// it is told of a decision at least once, after the decision has
	// committed (RunOutbox, DrainOutbox), never of one rolled back.
	Records records.Options
	// Grievances are the grievance service's options: Rules (kinds and
	// periods), Calendar (working days), NewID.
	Grievances grievance.Options
	// Promotions are the promotion service's options: Regulation, Scale, NewID.
	Promotions promotion.Options
	// Leaves are the leave service's options: Rules (the ledger, kinds and
	// sick-leave tranches), Reports (medical-report checks), Calendar (the
	// official holidays a leave does not count; when nil and
	// Grievances.Calendar is a *calendar.Official, that one, so that
	// deadlines and leaves read one calendar), NewID.
	Leaves leave.Options
	// Separations are the end-of-service service's options: Rules (the
	// causes' timers and thresholds, the retirement regimes, the settlement
	// caps), Scale (the last salary by rank and step; default
	// Promotions.Scale when set), Balances (default: the leave ledger), NewID.
	Separations separation.Options
	// JobAudit are the job-data audit's options: Rules (the minimum age,
	// whether documents are required, the four-eyes Policy per agency and
	// kind: default none, direct entry), Scale (default Promotions.Scale),
	// NewID. Files defaults to Stores.Records when it is a
	// records.FileScanner.
	JobAudit jobaudit.Options
	// CV are the CV service's options: ShareKey (the key of the share
	// codes' stored hashes; default: derived from Records.StatementKey),
	// ShareLifetime and MaxShareLifetime, Ratings (the host's performance
	// ratings, shown when set), Documented (which qualifications a CV
	// shows; default: the documented ones, as records.Qualification says), NewID.
	CV cv.Options
	// Identity are the identity service's options: OTPKey (required: at
	// least MinKeyLen secret bytes keying the stored hashes of mobile codes
	// and email tokens), the OTP lifetime, attempts, lock, resend cooldown
	// and send limit, the SMS and email texts, the email token lifetime,
	// Policies (the eligibility conditions of each Masar service, enforced by
	// every use case of that service), SignInWithoutRegistration,
	// CallbackGrace, NewID.
	Identity identity.Options

	// Events receives the domain events of every service (the Event…
	// kinds) from the outbox, at least once and in commit order per
	// aggregate: adapters/eventbus publishes them to a gocloud.dev/pubsub
	// topic (in memory, RabbitMQ, …). Nil: events reach only the Notifier.
	Events outbox.Sink
	// Pension is the pension agency end-of-service packages are handed
	// over to (adapters/pension over HTTP). Nil: packages wait in the
	// outbox until a Client with one drains it.
	Pension separation.PensionAgency
	// Outbox configures the relays of RunOutbox and DrainOutbox: batch,
	// lease, backoff, poll. Nil: outbox.RelayOptions' defaults, with the
	// Client's clock and logger.
	Outbox *outbox.RelayOptions

	// Now returns the current instant; each use case reads it once. Default time.Now.
	Now func() time.Time
	// Location is the time zone of civil dates ("today"). Default
	// hijri.SaudiTime().
	Location *time.Location
	// Logger receives operational messages (audit write failures after a
	// failed call, notifier failures). Nil discards them.
	Logger *slog.Logger
	// FailureAuditTimeout bounds the write of a denied or failed call's
	// audit entry when the caller's context has already ended (the entry is
	// written all the same, detached from the cancellation), and the group
	// commit of reads' entries, which is always detached. Default
	// DefaultFailureAuditTimeout.
	FailureAuditTimeout time.Duration
	// AuditCommitters is how many transactions may commit audit entries
	// written outside a call's own transaction (reads', failures') at the
	// same time, each for the entries of every call queued when it began
	// (group commit). Default 1, the right value on SQLite, which has one
	// writer at a time; on PostgreSQL a few (4, say) overlap their round
	// trips and commit flushes.
	AuditCommitters int
	// ReadConcurrency bounds the reads (IsRead use cases) running their
	// read-only transactions at once; further reads wait their turn, first
	// come, first served. Default 2 × GOMAXPROCS: reads use the CPU, and
	// more of them at once only lengthen each one and starve the commit of
	// their audit entries.
	ReadConcurrency int
}

// DefaultFailureAuditTimeout is Config.FailureAuditTimeout's default.
const DefaultFailureAuditTimeout = 5 * time.Second

// Client is the facade: one object whose every call names its actor,
// enforces who may do what (Permissions), and leaves an audit trail. It is
// safe for concurrent use.
type Client struct {
	stores   Stores
	auditKey []byte
	now      func() time.Time
	loc      *time.Location
	log      *slog.Logger
	relays   *relays
	// failureAuditTimeout bounds a detached failure entry (Config.FailureAuditTimeout).
	failureAuditTimeout time.Duration

	records     *records.Service
	grievances  *grievance.Service
	leaves      *leave.Service
	separations *separation.Service
	cvs         *cv.Service
	jobaudit    *jobaudit.Service
	promotions  *promotion.Service
	identity    *identity.Service
	rules       map[UseCase]Rule
	// group commits the entries written outside a call's transaction:
	// reads' and failures' (reads.go).
	group *groupCommit
	// readSlots bounds the reads in their read transactions (Config.ReadConcurrency).
	readSlots chan struct{}
}

// ErrConfig is returned by New for a missing or malformed Config field.
var ErrConfig = fault.New(fault.Internal, "masar.config", "the SDK is not configured correctly", "إعدادات المنصة غير صحيحة")

// New returns a Client wired from cfg.
func New(cfg Config) (*Client, error) {
	if err := cfg.Stores.check(); err != nil {
		return nil, err
	}
	for name, k := range map[string][]byte{"AuditKey": cfg.AuditKey, "Records.StatementKey": cfg.Records.StatementKey, "Identity.OTPKey": cfg.Identity.OTPKey} {
		if len(k) < MinKeyLen {
			return nil, ErrConfig.Because("masar.config.key", "Config."+name+" must be at least 32 secret bytes", "يجب ألا يقل طول المفتاح "+name+" عن 32 بايت")
		}
	}
	c := &Client{
		stores:   cfg.Stores,
		auditKey: append([]byte(nil), cfg.AuditKey...),
		now:      cfg.Now,
		loc:      cfg.Location,
		log:      cfg.Logger,
		rules:    Permissions(),
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.loc == nil {
		c.loc = hijri.SaudiTime()
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.failureAuditTimeout = cfg.FailureAuditTimeout
	if c.failureAuditTimeout <= 0 {
		c.failureAuditTimeout = DefaultFailureAuditTimeout
	}
	c.group = &groupCommit{tx: cfg.Stores.Tx, store: cfg.Stores.Audit, timeout: c.failureAuditTimeout,
		committers: max(1, cfg.AuditCommitters)}
	if cfg.ReadConcurrency <= 0 {
		cfg.ReadConcurrency = 2 * runtime.GOMAXPROCS(0)
	}
	c.readSlots = make(chan struct{}, cfg.ReadConcurrency)
	ro := cfg.Records
	ro.Now, ro.Location, ro.Notifier = c.now, c.loc, nil // the Notifier consumes the outbox's events
	c.records = records.New(cfg.Stores.Records, &ro)
	gro := cfg.Grievances
	gro.Now, gro.Location = c.now, c.loc
	c.grievances = grievance.New(cfg.Stores.Grievances, &gro)
	lo := cfg.Leaves
	lo.Now, lo.Location = c.now, c.loc
	if oc, ok := gro.Calendar.(*calendar.Official); ok && lo.Calendar == nil {
		lo.Calendar = oc
	}
	c.leaves = leave.New(cfg.Stores.Leaves, c.records, &lo)
	so := cfg.Separations
	so.Now, so.Location = c.now, c.loc
	if so.Scale == nil {
		so.Scale = cfg.Promotions.Scale
	}
	if so.Balances == nil {
		rules := separation.DefaultRules()
		if so.Rules != nil {
			rules = *so.Rules
		}
		so.Balances = leaveBalances{leaves: c.leaves, cutoff: rules.Settlement.Cutoff}
	}
	c.separations = separation.New(cfg.Stores.Separations, c.records, &so)
	jo := cfg.JobAudit
	jo.Now, jo.Location = c.now, c.loc
	if jo.Scale == nil {
		jo.Scale = cfg.Promotions.Scale
	}
	if scan, ok := cfg.Stores.Records.(records.FileScanner); ok && jo.Files == nil {
		jo.Files = scan
	}
	c.jobaudit = jobaudit.New(cfg.Stores.JobAudit, c.records, &jo)
	co := cfg.CV
	co.Now, co.Location = c.now, c.loc
	if co.Documented == nil {
		co.Documented = func(q records.Qualification) bool { return q.IsDocumented() }
	}
	if len(co.ShareKey) == 0 {
		co.ShareKey = cvShareKey(cfg.Records.StatementKey)
	}
	cvs, err := cv.New(cfg.Stores.CVs, c.records, &co)
	if err != nil {
		return nil, err
	}
	c.cvs = cvs
	pro := cfg.Promotions
	pro.Now, pro.Location = c.now, c.loc
	c.promotions = promotion.New(cfg.Stores.Promotions, &pro)
	ports := cfg.Ports
	ports.Employment = employmentLookup{c.records}
	ido := cfg.Identity
	ido.Now = c.now
	id, err := identity.New(cfg.Stores.Identity, ports, &ido)
	if err != nil {
		return nil, err
	}
	c.identity = id
	c.relays = c.newRelays(cfg)
	return c, nil
}

// employmentLookup answers identity's eligibility question "is this person a
// civil servant" from the employee file.
type employmentLookup struct{ r *records.Service }

// EmploymentSystem implements identity.EmploymentLookup.
func (l employmentLookup) EmploymentSystem(ctx context.Context, id identity.NationalID) (identity.EmploymentSystem, error) {
	e, err := l.r.GetEmployeeByNationalID(ctx, id)
	if errors.Is(err, records.ErrNotFound) {
		return identity.UnknownSystem, nil
	}
	if err != nil {
		return "", err
	}
	return identity.EmploymentSystem(e.EmploymentSystem), nil
}
