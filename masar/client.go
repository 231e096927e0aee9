package masar

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// Store is everything the Client persists: every domain's Store contract,
// the audit trail, and transactions across them. adapters/memstore and
// adapters/sqlstore implement it; so can a host's own adapter, proven by the
// conformance suites (recordstest, grievancetest, promotiontest,
// identitytest, audittest).
type Store interface {
	records.Store
	grievance.Store
	promotion.Store
	identity.Store
	audit.Store
	// InTx runs fn atomically: every Store call made with the context fn
	// receives joins one transaction, committed if fn returns nil and rolled
	// back otherwise.
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// MinKeyLen is the least length of the Client's secret keys, in bytes.
const MinKeyLen = 32

// Config wires a Client. Store and the three keys are required; every other
// field has a documented default.
type Config struct {
	// Store persists everything (required).
	Store Store
	// AuditKey keys the hashes under which the audit trail refers to people
	// (audit.NewRef): at least MinKeyLen secret bytes, stable for the life of
	// the trail (required).
	AuditKey []byte
	// StatementKey signs service statements' verification codes: at least
	// MinKeyLen secret bytes, stable (required).
	StatementKey []byte
	// OTPKey keys the stored hashes of mobile codes and email tokens: at
	// least MinKeyLen secret bytes (required).
	OTPKey []byte

	// Identity holds the identity ports: Registry, Accounts, SMS, Mail,
	// Authenticator. Each is needed only by the use cases that use it; the
	// Employment port is the Client's own (it reads the employee file).
	Identity identity.Ports
	// SignInWithoutRegistration lets anyone the Authenticator proves sign
	// in, as Masar's own portal does (Nafath only); by default only people
	// with an active registration may.
	SignInWithoutRegistration bool
	// Policies are the services' eligibility conditions. Default identity.DefaultPolicies().
	Policies identity.Policies
	// GrievanceRules are the grievance kinds and their periods. Default grievance.DefaultRules().
	GrievanceRules grievance.Rules
	// Calendar says which days are working days, for grievance deadlines.
	// Default grievance.DefaultCalendar() (Friday and Saturday off).
	Calendar grievance.Calendar
	// Regulation is the promotion regulation new rounds apply. Default promotion.DefaultRegulation().
	Regulation *promotion.Regulation
	// Scale is the salary scale for promotion placement. Default promotion.GeneralScale().
	Scale *promotion.Scale
	// RecordsRules are the exclusion rules of service duration. Default records.DefaultRules().
	RecordsRules *records.Rules
	// Notifier is told of decisions on correction requests. Default: none.
	Notifier records.Notifier

	// Now returns the current instant; each use case reads it once. Default time.Now.
	Now func() time.Time
	// Location is the time zone of civil dates ("today"). Default Saudi
	// Arabia's fixed UTC+03:00.
	Location *time.Location
	// Logger receives operational messages (audit write failures after a
	// failed call). Nil discards them.
	Logger *slog.Logger
}

// Client is the facade: one object whose every call names its actor,
// enforces who may do what (Permissions), and leaves an audit trail. It is
// safe for concurrent use.
type Client struct {
	store    Store
	auditKey []byte
	now      func() time.Time
	loc      *time.Location
	log      *slog.Logger

	records    *records.Service
	grievances *grievance.Service
	promotions *promotion.Service
	identity   *identity.Service
	permits    map[UseCase][]Permit
}

// ErrConfig is returned by New for a missing or malformed Config field.
var ErrConfig = fault.New(fault.Internal, "masar.config", "the SDK is not configured correctly", "إعدادات المنصة غير صحيحة")

// New returns a Client wired from cfg.
func New(cfg Config) (*Client, error) {
	if cfg.Store == nil {
		return nil, ErrConfig.Because("masar.config.store", "Config.Store is required", "مخزن البيانات مطلوب")
	}
	for name, k := range map[string][]byte{"AuditKey": cfg.AuditKey, "StatementKey": cfg.StatementKey, "OTPKey": cfg.OTPKey} {
		if len(k) < MinKeyLen {
			return nil, ErrConfig.Because("masar.config.key", "Config."+name+" must be at least 32 secret bytes", "يجب ألا يقل طول المفتاح "+name+" عن 32 بايت")
		}
	}
	c := &Client{
		store:    cfg.Store,
		auditKey: append([]byte(nil), cfg.AuditKey...),
		now:      cfg.Now,
		loc:      cfg.Location,
		log:      cfg.Logger,
		permits:  Permissions(),
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
	var notifier records.Notifier
	if cfg.Notifier != nil {
		notifier = commitNotifier{next: cfg.Notifier, log: c.log}
	}
	c.records = records.New(cfg.Store, &records.Options{
		Now: c.now, Location: c.loc, Rules: cfg.RecordsRules, StatementKey: cfg.StatementKey,
		Notifier: notifier, Logger: cfg.Logger,
	})
	c.grievances = grievance.New(cfg.Store, &grievance.Options{
		Now: c.now, Location: c.loc, Calendar: cfg.Calendar, Rules: cfg.GrievanceRules,
	})
	c.promotions = promotion.New(cfg.Store, &promotion.Options{
		Now: c.now, Location: c.loc, Regulation: cfg.Regulation, Scale: cfg.Scale,
	})
	ports := cfg.Identity
	ports.Employment = employmentLookup{c.records}
	id, err := identity.New(cfg.Store, ports, &identity.Options{
		Now: c.now, OTPKey: cfg.OTPKey, Policies: cfg.Policies, SignInWithoutRegistration: cfg.SignInWithoutRegistration,
	})
	if err != nil {
		return nil, err
	}
	c.identity = id
	return c, nil
}

// call is one use case in progress: who, what, and — once the use case has
// loaded it — whose data, for the authorization check and the audit entry.
type call struct {
	c          *Client
	actor      Actor
	uc         UseCase
	at         time.Time
	tg         target
	authorized bool
	role       Role // the role whose permit allowed the call
	resource   string
	changes    []audit.Change
}

// errNotAuthorized guards against a use case that forgot its check: it fails
// closed.
var errNotAuthorized = fault.ErrInternal.Because("masar.unchecked", "internal error", "خطأ داخلي")

// do runs one use case: fn loads what it needs, calls cl.authorize before it
// returns data or changes anything, and does the work. On success the audit
// entry is appended in the same transaction as the change; on failure
// nothing is kept but an entry saying who was denied or failed.
func (c *Client) do(ctx context.Context, actor Actor, uc UseCase, fn func(ctx context.Context, cl *call) error) error {
	cl := &call{c: c, actor: actor, uc: uc, at: c.now().UTC().Truncate(time.Microsecond)}
	after := &pending{}
	err := c.store.InTx(ctx, func(ctx context.Context) error {
		ctx = context.WithValue(ctx, pendingKey{}, after)
		if err := fn(ctx, cl); err != nil {
			return err
		}
		if !cl.authorized {
			return errNotAuthorized
		}
		return c.store.AppendAudit(ctx, cl.entry(audit.Succeeded, ""))
	})
	if err == nil {
		for _, fn := range after.fns {
			fn(ctx)
		}
		return nil
	}
	outcome := audit.Failed
	if fault.CodeOf(err) == fault.PermissionDenied {
		outcome = audit.Denied
	}
	if ctx.Err() == nil {
		if aerr := c.store.AppendAudit(ctx, cl.entry(outcome, string(fault.CodeOf(err)))); aerr != nil {
			c.log.ErrorContext(ctx, "masar: audit entry for a failed call not written", "action", string(uc), "error", aerr)
			return errors.Join(err, aerr)
		}
	}
	return err
}

// today returns the call's instant in the civil time zone.
func (cl *call) today() time.Time { return cl.at.In(cl.c.loc) }

func (cl *call) entry(o audit.Outcome, code string) audit.Entry {
	e := audit.Entry{
		ID: ids.New(), At: cl.at,
		Actor: audit.NewRef(cl.c.auditKey, cl.actor.NationalID.String()), ActorMasked: cl.actor.NationalID.Masked(),
		ActorRoles: cl.actor.roleNames(), ActorAgency: cl.actor.Agency,
		Action: string(cl.uc), Agency: cl.tg.agency, Resource: cl.resource, Outcome: o, Code: code,
	}
	if !cl.tg.subject.IsZero() {
		e.Subject = audit.NewRef(cl.c.auditKey, cl.tg.subject.String())
		e.SubjectMasked = cl.tg.subject.Masked()
	}
	if o == audit.Succeeded {
		e.Changes = cl.changes
	}
	return e
}

// authorize checks the actor may perform the call's use case on tg, and
// records tg for the audit entry. Denials match ErrPermissionDenied.
func (cl *call) authorize(ctx context.Context, tg target) error {
	cl.tg = tg
	for _, p := range cl.c.permits[cl.uc] {
		if !cl.actor.Has(p.Role) {
			continue
		}
		ok, err := cl.c.inScope(ctx, cl.actor, p, tg)
		if err != nil {
			return err
		}
		if ok {
			cl.authorized = true
			cl.role = p.Role
			return nil
		}
	}
	return ErrDenied.Because("masar.permission_denied",
		"you do not have permission to do this", "ليست لديك صلاحية للقيام بهذا الإجراء")
}

func (c *Client) inScope(ctx context.Context, a Actor, p Permit, tg target) (bool, error) {
	if p.NotSelf && !tg.subject.IsZero() && a.NationalID == tg.subject {
		return false, nil
	}
	switch p.Scope {
	case ScopeAll:
		return true, nil
	case ScopeSelf:
		return !a.NationalID.IsZero() && a.NationalID == tg.subject, nil
	case ScopeAgency:
		return a.Agency != "" && a.Agency == tg.agency, nil
	case ScopeCommittee:
		return a.Agency != "" && a.Agency == tg.agency && tg.committee, nil
	case ScopeConsent:
		if a.Agency == "" || tg.subject.IsZero() {
			return false, nil
		}
		return c.identity.ConsentAllowed(ctx, a.Agency, tg.subject, p.Part)
	}
	return false, nil
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
