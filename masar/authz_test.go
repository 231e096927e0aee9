package masar_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/cv"
	"github.com/masarhr/masar-go/grievance"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/outbox"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
	"github.com/masarhr/masar-go/separation"
)

// rights says who may perform a use case, written out from the issue and
// DESIGN.md ("Actors and authorization") independently of
// masar.Permissions, so that the walk catches a wrong table.
type rights struct {
	self       bool          // an employee, on their own file or grievance
	specialist bool          // an HR specialist, on their agency's data
	manager    bool          // an HR manager, on their agency's data
	committee  bool          // a committee member, on their agency's committee grievances
	auditor    bool          // a ministry auditor, on any agency
	consent    identity.Part // a grantee, under a live consent naming this part
}

var (
	hr          = rights{specialist: true, manager: true}
	managerOnly = rights{manager: true}
)

func (r rights) and(o rights) rights {
	return rights{
		self: r.self || o.self, specialist: r.specialist || o.specialist, manager: r.manager || o.manager,
		committee: r.committee || o.committee, auditor: r.auditor || o.auditor, consent: max(r.consent, o.consent),
	}
}

// want is the expected authorization table.
var want = map[masar.UseCase]rights{
	// An employee's own file; HR of the file's agency; a grantee for the part.
	masar.UseViewFile:           hr.and(rights{self: true, consent: identity.PartJob}),
	masar.UseServiceDuration:    hr.and(rights{self: true, consent: identity.PartServiceDuration}),
	masar.UsePrintStatement:     hr.and(rights{self: true, consent: identity.PartStatement}),
	masar.UseRequestCorrection:  {self: true},
	masar.UseWithdrawCorrection: {self: true},
	masar.UseViewCorrections:    {self: true},
	masar.UseViewCorrection:     hr.and(rights{self: true}),
	masar.UseCorrectionQueue:    hr,
	masar.UseDecideCorrection:   hr,
	masar.UseCreateEmployee:     hr,
	masar.UseImportEmployees:    hr,
	masar.UseRecordHistory:      hr,
	masar.UseServiceEligibility: hr.and(rights{self: true}),

	// Grievances: the filer; the agency's HR; its committee for committee kinds.
	masar.UseFileGrievance:     {self: true},
	masar.UseViewGrievance:     hr.and(rights{self: true, committee: true}),
	masar.UseWithdrawGrievance: {self: true},
	masar.UseProvideInfo:       {self: true},
	masar.UseEscalateGrievance: managerOnly.and(rights{self: true}),
	masar.UseReopenGrievance:   {self: true},
	masar.UseListGrievances:    hr.and(rights{committee: true}),
	masar.UseWorkGrievance:     hr.and(rights{committee: true}),
	masar.UseCloseGrievance:    hr, // the committee recommends; the agency closes
	masar.UseAnswerGrievance:   managerOnly.and(rights{committee: true}),
	// The body that answers records an exception to a late filing.
	masar.UseRecordGrievanceException: managerOnly.and(rights{committee: true}),

	// Promotions: HR runs its agency's rounds; only the manager issues decisions.
	masar.UseManageRound:          hr,
	masar.UseIssuePromotions:      managerOnly,
	masar.UsePromotionStanding:    hr.and(rights{self: true}),
	masar.UsePromotionEligibility: hr.and(rights{self: true}),
	masar.UseMyPromotionRounds:    {self: true},

	// Consents are the owner's own business.
	masar.UseGrantConsent:  {self: true},
	masar.UseRevokeConsent: {self: true},
	masar.UseListConsents:  {self: true},

	// Leaves: the employee's own requests; HR of the file's agency decides
	// (not on their own), and only the manager defers, recalls, extends.
	masar.UseRequestLeave:   {self: true},
	masar.UseCancelLeave:    {self: true},
	masar.UseViewLeaves:     hr.and(rights{self: true}),
	masar.UseLeaveBalance:   hr.and(rights{self: true}),
	masar.UseLeaveQueue:     hr,
	masar.UseDecideLeave:    hr,
	masar.UseManageLeave:    managerOnly,
	masar.UseMedicalReports: hr,

	// Bayan: the employee's own request; HR of the file's agency opens the
	// other causes, its manager decides and extends (not on their own file);
	// a grantee reads the pension statement under a service-duration consent.
	masar.UseRequestSeparation:  {self: true},
	masar.UseWithdrawSeparation: {self: true},
	masar.UseViewSeparation:     hr.and(rights{self: true}),
	masar.UsePensionStatement:   hr.and(rights{self: true, consent: identity.PartServiceDuration}),
	masar.UseOpenSeparation:     hr,
	masar.UseDecideSeparation:   managerOnly,
	masar.UseExtendService:      managerOnly,
	masar.UseSeparationQueue:    hr,
	masar.UseRetirementForecast: hr,

	// The job-data audit: HR of the file's agency (the domain keeps the
	// maker and the checker apart); the employee submits qualifications.
	masar.UseEnterVariable:       hr,
	masar.UseCheckVariable:       hr,
	masar.UseViewVariables:       hr,
	masar.UseAuditAgency:         hr,
	masar.UseSubmitQualification: {self: true},
	masar.UseViewQualifications:  hr.and(rights{self: true}),
	masar.UseDecideQualification: hr,

	// The CV is the employee's; a grantee reads what its consent covers.
	masar.UseEditCV:  {self: true},
	masar.UseViewCV:  {self: true, consent: identity.PartPersonal},
	masar.UseShareCV: {self: true},

	// The trail is the ministry auditor's, across agencies.
	masar.UseQueryAudit: {auditor: true},
}

// publicUseCases are the use cases made before anyone signs in: outside
// the authorization table, audited under the identity they concern.
var publicUseCases = []masar.UseCase{
	masar.UseVerifyStatement, masar.UseOpenSharedCV, masar.UseRegister, masar.UseVerifyMobile, masar.UseResendOTP,
	masar.UseConfirmEmail, masar.UseStartSignIn, masar.UseCompleteSignIn, masar.UseSignOut,
}

// systemUseCases are the scheduled jobs no person performs.
var systemUseCases = []masar.UseCase{masar.UseSweepGrievances, masar.UseReceiveReports, masar.UseAccrueLeave,
	masar.UseSweepSeparations, masar.UseRefreshRetirements, masar.UseInspectOutbox, masar.UseReplayOutbox}

// declaredUseCases returns every constant of type UseCase that package masar
// declares, read from its source, name → value.
func declaredUseCases(t *testing.T) map[string]masar.UseCase {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	out := map[string]masar.UseCase{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "UseCase" {
					continue
				}
				for i, n := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					require.True(t, ok, "UseCase %s is not a string literal", n.Name)
					v, err := strconv.Unquote(lit.Value)
					require.NoError(t, err)
					out[n.Name] = masar.UseCase(v)
				}
			}
		}
	}
	return out
}

// Every UseCase constant is in the table or a public or system flow, and the table,
// the expectation and the walk's probes name the same use cases.
func TestPermissionsCoverEveryUseCase(t *testing.T) {
	table := masar.Permissions()
	declared := declaredUseCases(t)
	require.NotEmpty(t, declared)
	for name, uc := range declared {
		_, inTable := table[uc]
		outside := slices.Contains(publicUseCases, uc) || slices.Contains(systemUseCases, uc)
		assert.True(t, inTable != outside,
			"%s (%q) must be in exactly one of Permissions() and the public or system flows", name, uc)
	}
	values := slices.Collect(maps.Values(declared))
	for uc := range table {
		assert.Contains(t, values, uc, "the table names %q, which is not a declared UseCase", uc)
	}
	assert.ElementsMatch(t, slices.Collect(maps.Keys(table)), slices.Collect(maps.Keys(want)), "Permissions() and the test's expectation")
	probed := map[masar.UseCase]bool{}
	for _, p := range probes() {
		probed[p.uc] = true
	}
	assert.ElementsMatch(t, slices.Collect(maps.Keys(table)), slices.Collect(maps.Keys(probed)), "Permissions() and the walk's probes")
	assert.ElementsMatch(t, masar.Roles(), []masar.Role{masar.RoleEmployee, masar.RoleHRSpecialist, masar.RoleHRManager,
		masar.RoleCommittee, masar.RoleAuditor, masar.RoleConsentGrantee})
	for uc, rule := range table {
		for _, p := range rule.Permits {
			assert.Contains(t, masar.Roles(), p.Role, "%s", uc)
			assert.Equal(t, p.Scope == masar.ScopeConsent, p.Part != "", "%s: a consent permit, and only one, names a part", uc)
		}
	}
}

// who is whose data a walked call touches.
type who int

const (
	whoSelf           who = iota // the acting employee's own (moh)
	whoOwn                       // a colleague's, in the acting staff's agency (moh)
	whoOther                     // an employee's of the other agency (moe)
	whoConsentLive               // a person who gave gosi a live consent naming every part
	whoConsentJobOnly            // … a live consent naming the job part only
	whoConsentNone               // … no consent
	whoConsentExpired            // … a consent that has expired
	whoConsentRevoked            // … a consent revoked
)

var whoNames = []string{"self", "own-agency", "other-agency", "consent-live", "consent-job-only", "consent-none", "consent-expired", "consent-revoked"}

func (w who) String() string {
	if w < 0 || int(w) >= len(whoNames) {
		return "own-data"
	}
	return whoNames[w]
}

var consentWhos = []who{whoConsentLive, whoConsentJobOnly, whoConsentNone, whoConsentExpired, whoConsentRevoked}

// target is what a walked call touches: whose data, and for grievances
// whether it is of a committee kind.
type target struct {
	who       who
	committee bool
}

func (tg target) String() string {
	if tg.committee {
		return tg.who.String() + "/committee-kind"
	}
	return tg.who.String()
}

// walker is an actor of the walk: the role whose rights apply ("" for an
// actor that must be denied everything) and the targets it is tried on.
type walker struct {
	name  string
	role  masar.Role
	actor func(w *walkWorld) masar.Actor
	whos  []who
}

func walkers() []walker {
	all := []who{whoSelf, whoOwn, whoOther}
	staff := []who{whoOwn, whoOther}
	return []walker{
		{"employee", masar.RoleEmployee, func(w *walkWorld) masar.Actor { return w.MOH.Emp.Actor }, all},
		{"hr_specialist", masar.RoleHRSpecialist, func(w *walkWorld) masar.Actor { return w.MOH.Specialist }, staff},
		{"hr_manager", masar.RoleHRManager, func(w *walkWorld) masar.Actor { return w.MOH.Manager }, staff},
		{"committee", masar.RoleCommittee, func(w *walkWorld) masar.Actor { return w.MOH.Committee }, staff},
		{"auditor", masar.RoleAuditor, func(w *walkWorld) masar.Actor { return w.Auditor }, staff},
		{"grantee", masar.RoleConsentGrantee, func(w *walkWorld) masar.Actor { return w.Grantee }, append(staff, consentWhos...)},
		// Denied everything: no roles (the employee's own ID, agency set), a
		// role the table does not know, HR roles without an agency.
		{"no-roles", "", func(w *walkWorld) masar.Actor {
			return masar.Actor{NationalID: w.MOH.Emp.ID, Agency: moh, Services: allServices}
		}, all},
		{"unknown-role", "", func(w *walkWorld) masar.Actor {
			return masar.Actor{NationalID: w.MOH.Manager.NationalID, Roles: []masar.Role{"superuser"}, Agency: moh}
		}, staff},
		{"hr-without-agency", "", func(w *walkWorld) masar.Actor {
			return masar.Actor{NationalID: w.MOH.Manager.NationalID, Roles: []masar.Role{masar.RoleHRSpecialist, masar.RoleHRManager, masar.RoleCommittee}}
		}, staff},
	}
}

// allowed computes the expected outcome from want.
func allowed(uc masar.UseCase, role masar.Role, tg target) bool {
	r := want[uc]
	switch role {
	case masar.RoleEmployee:
		return r.self && tg.who == whoSelf
	case masar.RoleHRSpecialist:
		return r.specialist && tg.who == whoOwn
	case masar.RoleHRManager:
		return r.manager && tg.who == whoOwn
	case masar.RoleCommittee:
		return r.committee && tg.who == whoOwn && tg.committee
	case masar.RoleAuditor:
		return r.auditor
	case masar.RoleConsentGrantee:
		return r.consent != "" && (tg.who == whoConsentLive || tg.who == whoConsentJobOnly && r.consent == identity.PartJob)
	}
	return false
}

// walkWorld is a world with what a probe acts on.
type walkWorld struct {
	*world
	consent   map[who]person    // the consent subjects (file probes only)
	consentID string            // a consent the moh employee gave
	corr      map[who]string    // a pending correction request of each subject
	grv       map[target]string // a grievance of each subject, per kind
	round     map[string]string // a round of each agency
	leaves    map[who]string    // a leave of each subject
	seps      map[who]string    // a resignation of each subject
	cvShares  map[who]cv.Share  // a CV share of each subject
	// vars are job variables of each subject, by their maker's national ID.
	vars map[who]map[identity.NationalID]jobaudit.Variable
	qreq map[who]string // a qualification request of each subject
}

// subject is the person whose data tg is.
func (w *walkWorld) subject(tg target) person {
	switch tg.who {
	case whoSelf:
		return w.MOH.Emp
	case whoOwn:
		return w.MOH.Peer
	case whoOther:
		return w.MOE.Emp
	}
	p, ok := w.consent[tg.who]
	if !ok {
		w.T.Fatalf("no consent subject %s in this world", tg.who)
	}
	return p
}

// agencyOf is the agency whose data tg is.
func (w *walkWorld) agencyOf(tg target) *agency {
	if tg.who == whoSelf || tg.who == whoOwn {
		return w.MOH
	}
	return w.MOE
}

// probe is one Client method, tried by every walker on every target.
type probe struct {
	name string
	uc   masar.UseCase
	// whos are the targets the method can be aimed at (nil: self, own and
	// other); file marks methods on a person's file, also tried by the
	// grantee on the consent subjects.
	whos []who
	file bool
	// kinds: the method acts on a grievance, tried on both a plain and a
	// committee kind.
	kinds bool
	// implicit methods act on the actor's own data (or agency): they take no
	// target, and the expectation uses implicit(role).
	implicit func(r masar.Role) target
	// prep creates what the method acts on.
	prep func(w *walkWorld)
	call func(w *walkWorld, a masar.Actor, tg target) error
}

var (
	selfTarget   = func(masar.Role) target { return target{who: whoSelf} }
	agencyTarget = func(r masar.Role) target {
		if r == masar.RoleEmployee {
			return target{who: whoSelf}
		}
		return target{who: whoOwn, committee: true}
	}
)

// grievanceStates drives the grievances of prep to a status.
func prepGrievances(status grievance.Status) func(w *walkWorld) {
	return func(w *walkWorld) {
		for _, wh := range []who{whoSelf, whoOwn, whoOther} {
			for _, committee := range []bool{false, true} {
				tg := target{who: wh, committee: committee}
				p, a := w.subject(tg), w.agencyOf(tg)
				kind := grievance.KindDecision
				if committee {
					kind = grievance.KindPerformanceRating
				}
				g := w.fileGrievance(p, a.Code, kind)
				step := func(fn func(masar.GrievanceAction) (grievance.Grievance, error)) {
					var err error
					g, err = fn(masar.GrievanceAction{ID: g.ID, Version: g.Version, Note: "يرجى إرفاق صورة القرار"})
					w.must(err)
				}
				if status != grievance.StatusSubmitted {
					step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
						return w.Client.StartGrievanceReview(w.Ctx, a.Specialist, in)
					})
				}
				switch status {
				case grievance.StatusReturnedForInfo:
					step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
						return w.Client.ReturnGrievanceForInfo(w.Ctx, a.Specialist, in)
					})
				case grievance.StatusAnswered, grievance.StatusClosed:
					step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
						return w.Client.AnswerGrievance(w.Ctx, a.Manager, in, grievance.OutcomeRejected, "القرار صحيح نظاماً")
					})
				}
				if status == grievance.StatusClosed {
					step(func(in masar.GrievanceAction) (grievance.Grievance, error) {
						return w.Client.CloseGrievance(w.Ctx, a.Specialist, in)
					})
				}
				w.grv[tg] = g.ID
			}
		}
	}
}

// prepLateGrievances files a grievance of each subject, per kind, and
// marks it filed late under a claimed exception (the walk tries who may
// record the exception, on a plain and a committee kind alike).
func prepLateGrievances(w *walkWorld) {
	prepGrievances(grievance.StatusSubmitted)(w)
	for _, id := range w.grv {
		g, err := w.Store.GetGrievance(w.Ctx, id)
		w.must(err)
		g.Limitation = &grievance.Limitation{Claim: "كنت منوماً في المستشفى طوال المدة"}
		_, err = w.Store.UpdateGrievance(w.Ctx, g)
		w.must(err)
	}
}

func prepCorrections(w *walkWorld) {
	for _, wh := range []who{whoSelf, whoOwn, whoOther} {
		p := w.subject(target{who: wh})
		r, err := w.Client.RequestCorrection(w.Ctx, p.Actor, addressChange("الدمام، حي الشاطئ"))
		w.must(err)
		w.corr[wh] = r.ID
	}
}

func prepRounds(status promotion.RoundStatus) func(w *walkWorld) {
	return func(w *walkWorld) {
		for _, a := range []*agency{w.MOH, w.MOE} {
			w.round[a.Code] = w.roundIn(a, status).ID
		}
	}
}

func addressChange(to string) masar.CorrectionInput {
	return masar.CorrectionInput{
		Changes:       []records.ProposedChange{{Field: records.FieldAddress, New: to}},
		Justification: "انتقلت إلى عنوان جديد", AcceptTerms: true, TermsVersion: "1.0",
	}
}

func (w *walkWorld) correctionAction(tg target, note string) masar.CorrectionAction {
	c, err := w.Store.GetCorrection(w.Ctx, w.corr[tg.who])
	w.must(err)
	return masar.CorrectionAction{ID: c.ID, Version: c.Version, Note: note}
}

func (w *walkWorld) grievanceAction(tg target) masar.GrievanceAction {
	id, ok := w.grv[tg]
	if !ok {
		w.T.Fatalf("no grievance for %s", tg)
	}
	g, err := w.Store.GetGrievance(w.Ctx, id)
	w.must(err)
	return masar.GrievanceAction{ID: g.ID, Version: g.Version, Note: "ملاحظة"}
}

func (w *walkWorld) roundAction(tg target) masar.RoundAction {
	r, err := w.Store.GetRound(w.Ctx, w.round[w.agencyOf(tg).Code])
	w.must(err)
	return masar.RoundAction{ID: r.ID, Version: r.Version}
}

// probes lists every Client method that takes an Actor.
func probes() []probe {
	c := func(w *walkWorld) *masar.Client { return w.Client }
	staffWhos := []who{whoOwn, whoOther}
	return []probe{
		// records
		{name: "EmployeeFile", uc: masar.UseViewFile, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).EmployeeFile(w.Ctx, a, w.subject(tg).ID)
			return err
		}},
		{name: "ServiceDuration", uc: masar.UseServiceDuration, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ServiceDuration(w.Ctx, a, w.subject(tg).ID, records.PurposeTotal, hijri.Date{})
			return err
		}},
		{name: "IssueStatement", uc: masar.UsePrintStatement, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).IssueStatement(w.Ctx, a, w.subject(tg).ID, hijri.Date{})
			return err
		}},
		{name: "ServiceEligibility", uc: masar.UseServiceEligibility, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ServiceEligibility(w.Ctx, a, w.subject(tg).ID, identity.MyJobData, allServices)
			return err
		}},
		{name: "AddHistoryEvents", uc: masar.UseRecordHistory, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			e := w.file(w.subject(tg).ID)
			_, _, err := c(w).AddHistoryEvents(w.Ctx, a, records.HistoryChange{EmployeeID: e.ID, Version: e.Version, Events: []records.HistoryEvent{{
				Kind: records.KindTraining, Location: records.InsideKingdom, Institution: "معهد الإدارة العامة", Subject: "أمن المعلومات",
				Start: hijri.MustNew(1446, 6, 1), End: hijri.MustNew(1446, 6, 10), Outcome: records.Achieved,
			}}})
			return err
		}},
		{name: "CreateEmployee", uc: masar.UseCreateEmployee, whos: staffWhos, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CreateEmployee(w.Ctx, a, w.career(w.agencyOf(tg).Code).Input())
			return err
		}},
		{name: "ImportEmployees", uc: masar.UseImportEmployees, whos: staffWhos, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ImportEmployees(w.Ctx, a, records.Rows([]records.NewEmployee{w.career(w.agencyOf(tg).Code).Input()}))
			return err
		}},
		{name: "RequestCorrection", uc: masar.UseRequestCorrection, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).RequestCorrection(w.Ctx, a, addressChange("جدة، حي الروضة"))
			return err
		}},
		{name: "MyCorrections", uc: masar.UseViewCorrections, implicit: selfTarget, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).MyCorrections(w.Ctx, a, records.CorrectionPending, masar.PageRequest{})
			return err
		}},
		{name: "Correction", uc: masar.UseViewCorrection, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Correction(w.Ctx, a, w.corr[tg.who])
			return err
		}},
		{name: "AgencyCorrections", uc: masar.UseCorrectionQueue, implicit: agencyTarget, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).AgencyCorrections(w.Ctx, a, records.CorrectionPending, masar.PageRequest{})
			return err
		}},
		{name: "WithdrawCorrection", uc: masar.UseWithdrawCorrection, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).WithdrawCorrection(w.Ctx, a, w.correctionAction(tg, ""))
			return err
		}},
		{name: "ApproveCorrection", uc: masar.UseDecideCorrection, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ApproveCorrection(w.Ctx, a, w.correctionAction(tg, ""))
			return err
		}},
		{name: "RejectCorrection", uc: masar.UseDecideCorrection, prep: prepCorrections, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).RejectCorrection(w.Ctx, a, w.correctionAction(tg, "لم يرفق ما يثبت العنوان"))
			return err
		}},

		// grievances
		{name: "FileGrievance", uc: masar.UseFileGrievance, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).FileGrievance(w.Ctx, a, w.grievanceInput(moh, grievance.KindDecision))
			return err
		}},
		{name: "MyGrievances", uc: masar.UseViewGrievance, implicit: selfTarget, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).MyGrievances(w.Ctx, a, masar.PageRequest{})
			return err
		}},
		{name: "AgencyGrievances", uc: masar.UseListGrievances, implicit: agencyTarget, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).AgencyGrievances(w.Ctx, a, grievance.Filter{Agency: moe}, masar.PageRequest{})
			return err
		}},
		{name: "Grievance", uc: masar.UseViewGrievance, kinds: true, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Grievance(w.Ctx, a, w.grv[tg])
			return err
		}},
		{name: "GrievanceByTrackingNumber", uc: masar.UseViewGrievance, kinds: true, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, tg target) error {
			g, err := w.Store.GetGrievance(w.Ctx, w.grv[tg])
			w.must(err)
			_, err = c(w).GrievanceByTrackingNumber(w.Ctx, a, g.TrackingNumber.String())
			return err
		}},
		{name: "RecordGrievanceException", uc: masar.UseRecordGrievanceException, kinds: true, prep: prepLateGrievances, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).RecordGrievanceException(w.Ctx, a, w.grievanceAction(tg), grievance.GroundExcuse, "ثبت ابتعاثه خارج المملكة طوال المدة")
			return err
		}},
		{name: "WithdrawGrievance", uc: masar.UseWithdrawGrievance, kinds: true, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).WithdrawGrievance(w.Ctx, a, w.grievanceAction(tg))
			return err
		}},
		{name: "ProvideGrievanceInfo", uc: masar.UseProvideInfo, kinds: true, prep: prepGrievances(grievance.StatusReturnedForInfo), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ProvideGrievanceInfo(w.Ctx, a, w.grievanceAction(tg), []grievance.Attachment{{Name: "قرار.pdf", MediaType: "application/pdf", Size: 1024, Ref: "files/decision.pdf"}})
			return err
		}},
		{name: "EscalateGrievance", uc: masar.UseEscalateGrievance, kinds: true, prep: prepGrievances(grievance.StatusAnswered), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).EscalateGrievance(w.Ctx, a, w.grievanceAction(tg), grievance.RouteCourt)
			return err
		}},
		{name: "ReopenGrievance", uc: masar.UseReopenGrievance, kinds: true, prep: prepGrievances(grievance.StatusClosed), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ReopenGrievance(w.Ctx, a, w.grievanceAction(tg))
			return err
		}},
		{name: "StartGrievanceReview", uc: masar.UseWorkGrievance, kinds: true, prep: prepGrievances(grievance.StatusSubmitted), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).StartGrievanceReview(w.Ctx, a, w.grievanceAction(tg))
			return err
		}},
		{name: "ReturnGrievanceForInfo", uc: masar.UseWorkGrievance, kinds: true, prep: prepGrievances(grievance.StatusUnderReview), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ReturnGrievanceForInfo(w.Ctx, a, w.grievanceAction(tg))
			return err
		}},
		{name: "CloseGrievance", uc: masar.UseCloseGrievance, kinds: true, prep: prepGrievances(grievance.StatusAnswered), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CloseGrievance(w.Ctx, a, w.grievanceAction(tg))
			return err
		}},
		{name: "AnswerGrievance", uc: masar.UseAnswerGrievance, kinds: true, prep: prepGrievances(grievance.StatusUnderReview), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).AnswerGrievance(w.Ctx, a, w.grievanceAction(tg), grievance.OutcomeAccepted, "")
			return err
		}},

		// promotions
		{name: "CreateRound", uc: masar.UseManageRound, whos: staffWhos, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CreateRound(w.Ctx, a, w.roundInput(w.agencyOf(tg).Code))
			return err
		}},
		{name: "AnnounceRound", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDraft), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).AnnounceRound(w.Ctx, a, w.roundAction(tg))
			return err
		}},
		{name: "OpenRound", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundAnnounced), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).OpenRound(w.Ctx, a, w.roundAction(tg))
			return err
		}},
		{name: "AddCandidates", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundOpen), call: func(w *walkWorld, a masar.Actor, tg target) error {
			ag, ra := w.agencyOf(tg), w.roundAction(tg)
			_, err := c(w).AddCandidates(w.Ctx, a, ra.ID, ra.Version, []masar.CandidateInput{candidate(ag.Emp, 5, 3), candidate(ag.Peer, 5, 4)})
			return err
		}},
		{name: "RankRound", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundOpen), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, _, err := c(w).RankRound(w.Ctx, a, w.roundAction(tg))
			return err
		}},
		{name: "IssuePromotions", uc: masar.UseIssuePromotions, whos: staffWhos, prep: prepRounds(promotion.RoundRanked), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, _, err := c(w).IssuePromotions(w.Ctx, a, w.roundAction(tg))
			return err
		}},
		{name: "CloseRound", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDecided), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CloseRound(w.Ctx, a, w.roundAction(tg))
			return err
		}},
		{name: "Round", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDecided), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Round(w.Ctx, a, w.roundAction(tg).ID)
			return err
		}},
		{name: "RoundCandidates", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDecided), call: func(w *walkWorld, a masar.Actor, tg target) error {
			pg, err := c(w).RoundCandidates(w.Ctx, a, w.roundAction(tg).ID, masar.PageRequest{})
			if err == nil && len(pg.Items) == 0 {
				return errors.New("no candidates read")
			}
			return err
		}},
		{name: "RoundResults", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDecided), call: func(w *walkWorld, a masar.Actor, tg target) error {
			pg, err := c(w).RoundResults(w.Ctx, a, w.roundAction(tg).ID, masar.PageRequest{})
			if err == nil && len(pg.Items) == 0 {
				return errors.New("no results read")
			}
			return err
		}},
		{name: "RoundDecisions", uc: masar.UseManageRound, whos: staffWhos, prep: prepRounds(promotion.RoundDecided), call: func(w *walkWorld, a masar.Actor, tg target) error {
			pg, err := c(w).RoundDecisions(w.Ctx, a, w.roundAction(tg).ID, masar.PageRequest{})
			if err == nil && len(pg.Items) == 0 {
				return errors.New("no decisions read")
			}
			return err
		}},
		{name: "PromotionStanding", uc: masar.UsePromotionStanding, prep: prepRounds(promotion.RoundRanked), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).PromotionStanding(w.Ctx, a, w.subject(tg).ID, w.roundAction(tg).ID)
			return err
		}},
		{name: "PromotionEligibility", uc: masar.UsePromotionEligibility, prep: prepRounds(promotion.RoundRanked), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).PromotionEligibility(w.Ctx, a, w.subject(tg).ID, w.roundAction(tg).ID, "V-9-2512")
			return err
		}},

		{name: "MyPromotionRounds", uc: masar.UseMyPromotionRounds, implicit: selfTarget, prep: prepRounds(promotion.RoundRanked), call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).MyPromotionRounds(w.Ctx, a, masar.PageRequest{})
			return err
		}},

		// consents
		{name: "GrantConsent", uc: masar.UseGrantConsent, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).GrantConsent(w.Ctx, a, masar.GrantConsentInput{Grantee: gosi, Parts: []identity.Part{identity.PartJob},
				Purpose: "التحقق من بيانات الاشتراك", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})
			return err
		}},
		{name: "RevokeConsent", uc: masar.UseRevokeConsent, implicit: selfTarget, prep: func(w *walkWorld) {
			g, err := w.Client.GrantConsent(w.Ctx, w.MOH.Emp.Actor, masar.GrantConsentInput{Grantee: gosi, Parts: []identity.Part{identity.PartJob},
				Purpose: "التحقق من بيانات الاشتراك", Until: w.Clock.Now().Add(30 * 24 * time.Hour)})
			w.must(err)
			w.consentID = g.ID
		}, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).RevokeConsent(w.Ctx, a, w.consentID)
			return err
		}},
		{name: "MyConsents", uc: masar.UseListConsents, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).MyConsents(w.Ctx, a)
			return err
		}},

		// leaves
		{name: "RequestLeave", uc: masar.UseRequestLeave, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).RequestLeave(w.Ctx, a, w.leaveRequest(20))
			return err
		}},
		{name: "Leave", uc: masar.UseViewLeaves, prep: prepLeaves(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Leave(w.Ctx, a, w.leaves[tg.who])
			return err
		}},
		{name: "Leaves", uc: masar.UseViewLeaves, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Leaves(w.Ctx, a, w.subject(tg).ID, nil, masar.PageRequest{})
			return err
		}},
		{name: "LeaveBalance", uc: masar.UseLeaveBalance, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).LeaveBalance(w.Ctx, a, w.subject(tg).ID, hijri.Date{})
			return err
		}},
		{name: "SickPay", uc: masar.UseLeaveBalance, prep: prepSickLeaves, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).SickPay(w.Ctx, a, w.leaves[tg.who])
			return err
		}},
		{name: "LeaveQueue", uc: masar.UseLeaveQueue, implicit: agencyTarget, prep: prepLeaves(false), call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).LeaveQueue(w.Ctx, a, nil, masar.PageRequest{})
			return err
		}},
		{name: "MedicalReports", uc: masar.UseMedicalReports, implicit: agencyTarget, prep: prepSickLeaves, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).MedicalReports(w.Ctx, a, "", masar.PageRequest{})
			return err
		}},
		{name: "CancelLeave", uc: masar.UseCancelLeave, prep: prepLeaves(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CancelLeave(w.Ctx, a, w.leaveAction(tg, ""))
			return err
		}},
		{name: "ApproveLeave", uc: masar.UseDecideLeave, prep: prepLeaves(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ApproveLeave(w.Ctx, a, w.leaveAction(tg, ""))
			return err
		}},
		{name: "RejectLeave", uc: masar.UseDecideLeave, prep: prepLeaves(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).RejectLeave(w.Ctx, a, w.leaveAction(tg, "حاجة العمل"))
			return err
		}},
		{name: "DeferLeave", uc: masar.UseManageLeave, prep: prepLeaves(true), call: func(w *walkWorld, a masar.Actor, tg target) error {
			la := w.leaveAction(tg, "")
			l, err := w.Store.GetLeave(w.Ctx, la.ID)
			w.must(err)
			_, err = c(w).DeferLeave(w.Ctx, a, masar.LeaveDeferral{ID: la.ID, Version: la.Version, From: addDays(l.From, 30), Reason: "حاجة العمل"})
			return err
		}},
		{name: "RecallFromLeave", uc: masar.UseManageLeave, prep: func(w *walkWorld) {
			prepLeaves(true)(w)
			w.Clock.Advance(8 * 24 * time.Hour) // each leave has run a week
		}, call: func(w *walkWorld, a masar.Actor, tg target) error {
			la := w.leaveAction(tg, "")
			_, err := c(w).RecallFromLeave(w.Ctx, a, masar.LeaveRecall{ID: la.ID, Version: la.Version, Reason: "حاجة العمل"})
			return err
		}},
		{name: "ExtendLeaveYear", uc: masar.UseManageLeave, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).ExtendLeaveYear(w.Ctx, a, w.subject(tg).ID, masar.LeaveExtension{Year: w.currentServiceYear(w.subject(tg)), Reason: "حاجة العمل"})
			return err
		}},

		// end of service
		{name: "RequestSeparation", uc: masar.UseRequestSeparation, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).RequestSeparation(w.Ctx, a, masar.SeparationRequest{Cause: separation.CauseResignation, Note: "ظروف عائلية"})
			return err
		}},
		{name: "OpenSeparation", uc: masar.UseOpenSeparation, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).OpenSeparation(w.Ctx, a, w.subject(tg).ID, masar.SeparationOpening{Cause: separation.CauseDeath,
				Grounds: separation.Grounds{On: addDays(w.Clock.Today(), -1), Reference: "DC-1447-0001"}})
			return err
		}},
		{name: "AcceptSeparation", uc: masar.UseDecideSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).AcceptSeparation(w.Ctx, a, masar.SeparationDecision{ID: w.seps[tg.who], Version: 1, Decision: records.Decision{Number: "Q-1447-77"}})
			return err
		}},
		{name: "PostponeSeparation", uc: masar.UseDecideSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).PostponeSeparation(w.Ctx, a, masar.SeparationDecision{ID: w.seps[tg.who], Version: 1, To: addDays(w.Clock.Today(), 30), Reason: "حاجة العمل"})
			return err
		}},
		{name: "RejectSeparation", uc: masar.UseDecideSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).RejectSeparation(w.Ctx, a, masar.SeparationDecision{ID: w.seps[tg.who], Version: 1, Reason: "الموظف محال للتحقيق"})
			return err
		}},
		{name: "WithdrawSeparation", uc: masar.UseWithdrawSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).WithdrawSeparation(w.Ctx, a, masar.SeparationDecision{ID: w.seps[tg.who], Version: 1, Reason: "عدلت عن الاستقالة"})
			return err
		}},
		{name: "Separation", uc: masar.UseViewSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Separation(w.Ctx, a, w.seps[tg.who])
			return err
		}},
		{name: "Separations", uc: masar.UseViewSeparation, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Separations(w.Ctx, a, w.subject(tg).ID, masar.PageRequest{})
			return err
		}},
		{name: "SeparationQueue", uc: masar.UseSeparationQueue, implicit: agencyTarget, prep: prepSeparations, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).SeparationQueue(w.Ctx, a, nil, masar.PageRequest{})
			return err
		}},
		{name: "RetirementForecast", uc: masar.UseRetirementForecast, implicit: agencyTarget, prep: prepRetirements, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).RetirementForecast(w.Ctx, a, 12, masar.PageRequest{})
			return err
		}},
		{name: "ExtendService", uc: masar.UseExtendService, prep: prepRetirements, call: func(w *walkWorld, a masar.Actor, tg target) error {
			p := w.subject(tg)
			e, err := w.Store.GetEmployeeByNationalID(w.Ctx, p.ID)
			w.must(err)
			r, err := w.Store.GetRetirement(w.Ctx, e.ID)
			w.must(err)
			_, err = c(w).ExtendService(w.Ctx, a, p.ID, masar.ServiceExtension{To: addDays(r.StatutoryLastDay, 365),
				Decision: records.Decision{Number: "M-1447-12"}})
			return err
		}},
		{name: "PensionStatement", uc: masar.UsePensionStatement, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).PensionStatement(w.Ctx, a, w.subject(tg).ID, hijri.Date{})
			return err
		}},

		// job-data audit
		{name: "DraftVariable", uc: masar.UseEnterVariable, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).DraftVariable(w.Ctx, a, w.subject(tg).ID, w.variableInput())
			return err
		}},
		{name: "EditVariable", uc: masar.UseEnterVariable, prep: prepVariables(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			v := w.variableOf(tg, a, true)
			d := records.Decision{Number: "JV-1447-02", Date: v.Decision.Date}
			_, err := c(w).EditVariable(w.Ctx, a, masar.VariableEdit{ID: v.ID, Version: v.Version, Decision: &d})
			return err
		}},
		{name: "SubmitVariable", uc: masar.UseEnterVariable, prep: prepVariables(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			v := w.variableOf(tg, a, true)
			_, err := c(w).SubmitVariable(w.Ctx, a, masar.VariableAction{ID: v.ID, Version: v.Version})
			return err
		}},
		{name: "ApproveVariable", uc: masar.UseCheckVariable, prep: prepVariables(true), call: func(w *walkWorld, a masar.Actor, tg target) error {
			v := w.variableOf(tg, a, false)
			_, err := c(w).ApproveVariable(w.Ctx, a, masar.VariableAction{ID: v.ID, Version: v.Version})
			return err
		}},
		{name: "ReturnVariable", uc: masar.UseCheckVariable, prep: prepVariables(true), call: func(w *walkWorld, a masar.Actor, tg target) error {
			v := w.variableOf(tg, a, false)
			_, err := c(w).ReturnVariable(w.Ctx, a, masar.VariableAction{ID: v.ID, Version: v.Version, Note: "أرفق صورة القرار"})
			return err
		}},
		{name: "RejectVariable", uc: masar.UseCheckVariable, prep: prepVariables(true), call: func(w *walkWorld, a masar.Actor, tg target) error {
			v := w.variableOf(tg, a, false)
			_, err := c(w).RejectVariable(w.Ctx, a, masar.VariableAction{ID: v.ID, Version: v.Version, Note: "القرار غير صحيح"})
			return err
		}},
		{name: "Variable", uc: masar.UseViewVariables, prep: prepVariables(false), call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).Variable(w.Ctx, a, w.variableOf(tg, a, true).ID)
			return err
		}},
		{name: "VariableQueue", uc: masar.UseViewVariables, implicit: agencyTarget, prep: prepVariables(false), call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).VariableQueue(w.Ctx, a, "", masar.PageRequest{})
			return err
		}},
		{name: "AuditAgency", uc: masar.UseAuditAgency, implicit: agencyTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).AuditAgency(w.Ctx, a, masar.PageRequest{})
			return err
		}},
		{name: "SubmitQualification", uc: masar.UseSubmitQualification, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).SubmitQualification(w.Ctx, a, qualificationSubmission())
			return err
		}},
		{name: "QualificationRequests", uc: masar.UseViewQualifications, prep: prepQualifications, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).QualificationRequests(w.Ctx, a, w.subject(tg).ID, masar.PageRequest{})
			return err
		}},
		{name: "DocumentQualification", uc: masar.UseDecideQualification, prep: prepQualifications, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).DocumentQualification(w.Ctx, a, masar.QualificationAction{ID: w.qreq[tg.who], Version: 1})
			return err
		}},
		{name: "RejectQualification", uc: masar.UseDecideQualification, prep: prepQualifications, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).RejectQualification(w.Ctx, a, masar.QualificationAction{ID: w.qreq[tg.who], Version: 1, Reason: "الشهادة غير مصدقة"})
			return err
		}},

		// CV
		{name: "SaveCVProfile", uc: masar.UseEditCV, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).SaveCVProfile(w.Ctx, a, masar.CVProfileInput{Summary: "أخصائي نظم معلومات", Skills: []string{"تحليل البيانات"}})
			return err
		}},
		{name: "CVProfile", uc: masar.UseViewCV, implicit: selfTarget, prep: prepCVs, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).CVProfile(w.Ctx, a, 0)
			return err
		}},
		{name: "CVVersions", uc: masar.UseViewCV, implicit: selfTarget, prep: prepCVs, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).CVVersions(w.Ctx, a, masar.PageRequest{})
			return err
		}},
		{name: "CV", uc: masar.UseViewCV, file: true, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).CV(w.Ctx, a, w.subject(tg).ID)
			return err
		}},
		{name: "ShareCV", uc: masar.UseShareCV, implicit: selfTarget, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, _, err := c(w).ShareCV(w.Ctx, a, masar.CVShareInput{Parts: []identity.Part{identity.PartJob}})
			return err
		}},
		{name: "CVShares", uc: masar.UseShareCV, implicit: selfTarget, prep: prepCVs, call: func(w *walkWorld, a masar.Actor, _ target) error {
			_, err := c(w).CVShares(w.Ctx, a, masar.PageRequest{})
			return err
		}},
		{name: "RevokeCVShare", uc: masar.UseShareCV, prep: prepCVs, call: func(w *walkWorld, a masar.Actor, tg target) error {
			sh := w.cvShares[tg.who]
			_, err := c(w).RevokeCVShare(w.Ctx, a, sh.CodeHash, sh.Version)
			return err
		}},

		// audit
		{name: "AuditTrail", uc: masar.UseQueryAudit, whos: staffWhos, call: func(w *walkWorld, a masar.Actor, tg target) error {
			_, err := c(w).AuditTrail(w.Ctx, a, masar.AuditQuery{Subject: w.subject(tg).ID, Agency: w.agencyOf(tg).Code})
			return err
		}},
	}
}

// newWalkWorld builds a memstore world for p: the fixture, the consent
// subjects when p acts on a file, and p's own objects.
func newWalkWorld(t *testing.T, p *probe) *walkWorld {
	// Assignments go through a checker in both agencies (jobaudit.Policy).
	fourEyes := jobaudit.AgencyPolicy{Kinds: map[records.EventKind]bool{records.KindAssignment: true}}
	w := &walkWorld{world: newClientWith(t, memstore.New(nil), func(c *masar.Config) {
		c.JobAudit.Rules = &jobaudit.Rules{MinimumAge: 18, DocumentsRequired: true,
			Policy: jobaudit.Policy{Agencies: map[string]jobaudit.AgencyPolicy{moh: fourEyes, moe: fourEyes}}}
	}), corr: map[who]string{}, grv: map[target]string{}, round: map[string]string{}, leaves: map[who]string{}, seps: map[who]string{}, cvShares: map[who]cv.Share{},
		vars: map[who]map[identity.NationalID]jobaudit.Variable{}, qreq: map[who]string{}}
	if p.file {
		w.consent = map[who]person{}
		for _, wh := range consentWhos {
			w.consent[wh] = w.hire(w.MOE, w.career(moe))
		}
		grant := func(wh who, parts []identity.Part, until time.Duration) identity.Consent {
			g, err := w.Client.GrantConsent(w.Ctx, w.consent[wh].Actor, masar.GrantConsentInput{
				Grantee: gosi, Parts: parts, Purpose: "التحقق من بيانات الاشتراك", Until: w.Clock.Now().Add(until)})
			w.must(err)
			return g
		}
		year := 365 * 24 * time.Hour
		grant(whoConsentLive, identity.Parts(), year)
		grant(whoConsentJobOnly, []identity.Part{identity.PartJob}, year)
		grant(whoConsentExpired, identity.Parts(), time.Hour)
		r := grant(whoConsentRevoked, identity.Parts(), year)
		_, err := w.Client.RevokeConsent(w.Ctx, w.consent[whoConsentRevoked].Actor, r.ID)
		w.must(err)
		w.Clock.Advance(2 * time.Hour) // the expired consent lapses
	}
	if p.prep != nil {
		p.prep(w)
	}
	return w
}

// fingerprint is everything the Store holds but the audit trail (and issued
// statements, which it cannot list), for "nothing changed" checks.
func (w *world) fingerprint() string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	put := func(v any, err error) {
		w.T.Helper()
		w.must(err)
		w.must(enc.Encode(v))
	}
	es, err := w.Store.ListEmployees(w.Ctx, records.EmployeeFilter{})
	put(es, err)
	for _, e := range es {
		put(w.Store.ListHistoryEvents(w.Ctx, e.ID))
	}
	put(w.Store.ListCorrections(w.Ctx, records.CorrectionFilter{}))
	put(w.Store.ListGrievances(w.Ctx, grievance.Filter{}))
	rs, err := w.Store.ListRounds(w.Ctx, promotion.RoundFilter{})
	put(rs, err)
	for _, r := range rs {
		put(w.Store.ListCandidates(w.Ctx, r.ID, promotion.CandidateFilter{}))
		put(w.Store.ListRoundResults(w.Ctx, r.ID, promotion.ResultFilter{}))
	}
	put(w.Store.ListPromotionDecisions(w.Ctx, promotion.DecisionFilter{}))
	put(w.Store.ListConsents(w.Ctx, identity.ConsentFilter{}))
	put(w.Store.ListLeaves(w.Ctx, leave.Filter{}))
	put(w.Store.ListReports(w.Ctx, leave.ReportFilter{}))
	put(w.Store.ListCases(w.Ctx, separation.Filter{}))
	put(w.Store.ListVariables(w.Ctx, jobaudit.VariableFilter{}))
	put(w.Store.ListRequests(w.Ctx, jobaudit.RequestFilter{}))
	for _, e := range es {
		put(w.Store.ListProfileVersions(w.Ctx, cv.VersionFilter{EmployeeID: e.ID}))
		put(w.Store.ListShares(w.Ctx, cv.ShareFilter{EmployeeID: e.ID}))
	}
	put(w.Store.List(w.Ctx, outbox.Filter{}))
	for _, e := range es {
		put(w.Store.ListExtensions(w.Ctx, e.ID))
	}
	return b.String()
}

// denials returns the denied entries of a's calls of uc.
func (w *world) denials(a masar.Actor, uc masar.UseCase) []audit.Entry {
	var out []audit.Entry
	for _, e := range w.trail(audit.Filter{Actor: ref(a.NationalID), Action: string(uc)}) {
		if e.Outcome == audit.Denied {
			out = append(out, e)
		}
	}
	return out
}

// TestAuthorizationWalk tries every Client method that takes an Actor, as
// every role (and as actors that must be denied everything), on data of the
// actor's own agency and of the other (and, for employees, their own file
// and a colleague's; for grantees, people with live, job-only, no, expired
// and revoked consents), and checks the outcome against want: allowed
// calls are not denied (and succeed); denied calls return permission_denied,
// change nothing and leave a denied audit entry.
func TestAuthorizationWalk(t *testing.T) {
	var allowedN, deniedN atomic.Int64
	for _, p := range probes() {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			shared := newWalkWorld(t, &p)
			for _, wk := range walkers() {
				for _, tg := range p.targets(wk) {
					expect := allowed(p.uc, wk.role, p.expectTarget(wk, tg))
					name := wk.name + "→" + tg.String()
					if expect {
						allowedN.Add(1)
						w := newWalkWorld(t, &p) // a fresh world: the call may change it
						err := p.call(w, wk.actor(w), tg)
						assert.False(t, errors.Is(err, masar.ErrPermissionDenied), "%s: %s must be allowed, got %v", p.name, name, err)
						assert.NoError(t, err, "%s: %s is allowed and the world fits the call", p.name, name)
						continue
					}
					deniedN.Add(1)
					w, a := shared, wk.actor(shared)
					before, seen := w.fingerprint(), len(w.denials(a, p.uc))
					err := p.call(w, a, tg)
					if !assert.ErrorIs(t, err, masar.ErrPermissionDenied, "%s: %s must be denied", p.name, name) {
						continue
					}
					assert.Equal(t, masar.PermissionDenied, masar.ErrorCode(err))
					assert.NotEmpty(t, masar.ErrorMessage(err, masar.Arabic))
					assert.Equal(t, before, w.fingerprint(), "%s: %s was denied but changed the store", p.name, name)
					ds := w.denials(a, p.uc)
					if assert.Len(t, ds, seen+1, "%s: %s: one denied audit entry", p.name, name) {
						last := ds[len(ds)-1]
						assert.Equal(t, string(masar.PermissionDenied), last.Code)
						assert.Empty(t, last.Changes)
						assert.Equal(t, a.NationalID.Masked(), last.ActorMasked)
					}
				}
			}
		})
	}
	t.Cleanup(func() {
		t.Logf("authorization walk: %d probes × %d walkers: %d allowed and %d denied calls checked",
			len(probes()), len(walkers()), allowedN.Load(), deniedN.Load())
	})
}

// targets lists the targets walker wk tries p on.
func (p *probe) targets(wk walker) []target {
	if p.implicit != nil {
		return []target{{who: -1}}
	}
	var out []target
	for _, wh := range wk.whos {
		isConsent := wh >= whoConsentLive
		if isConsent && !p.file || !isConsent && p.whos != nil && !slices.Contains(p.whos, wh) {
			continue
		}
		out = append(out, target{who: wh})
		if p.kinds {
			out = append(out, target{who: wh, committee: true})
		}
	}
	return out
}

// expectTarget is the target the expectation judges: for implicit methods,
// what the method touches for the walker's role.
func (p *probe) expectTarget(wk walker, tg target) target {
	if p.implicit != nil {
		return p.implicit(wk.role)
	}
	return tg
}

// A denied call tells the actor nothing about the data it was denied: not
// whether a person has a file, nor anything about the file.
func TestDeniedCallsRevealNothing(t *testing.T) {
	w := newClient(t, memstore.New(nil))
	unknown := w.newID() // a person with no file
	outsiders := map[string]masar.Actor{
		"other agency's HR": w.MOE.Specialist,
		"no roles":          {NationalID: w.MOE.Emp.ID},
		"employee":          w.MOE.Emp.Actor,
		"auditor":           w.Auditor,
	}
	for name, a := range outsiders {
		t.Run(name, func(t *testing.T) {
			// Creating a file for a person who has one in moh: denied, not a
			// duplicate.
			before := w.fingerprint()
			_, err := w.Client.CreateEmployee(w.Ctx, a, w.MOH.Emp.Input)
			assert.ErrorIs(t, err, masar.ErrPermissionDenied, "CreateEmployee of an existing moh file")
			assert.Equal(t, before, w.fingerprint())

			// Reading a file that exists and one that does not: the same answer.
			for _, id := range []identity.NationalID{w.MOH.Peer.ID, unknown} {
				_, err = w.Client.EmployeeFile(w.Ctx, a, id)
				assert.ErrorIs(t, err, masar.ErrPermissionDenied, "EmployeeFile")
				_, err = w.Client.ServiceDuration(w.Ctx, a, id, records.PurposeTotal, hijri.Date{})
				assert.ErrorIs(t, err, masar.ErrPermissionDenied, "ServiceDuration")
			}
		})
	}
	// HR of the person's own agency is told the truth.
	_, err := w.Client.CreateEmployee(w.Ctx, w.MOH.Specialist, w.MOH.Emp.Input)
	assert.ErrorIs(t, err, records.ErrDuplicateNationalID)
	_, err = w.Client.EmployeeFile(w.Ctx, w.MOH.Specialist, unknown)
	assert.ErrorIs(t, err, masar.ErrPermissionDenied, "a person without a file belongs to no agency")
}

// leaveRequest is an annual leave of days days starting in 10 days.
func (w *world) leaveRequest(days int) masar.LeaveRequest {
	from := addDays(w.Clock.Today(), 10)
	return masar.LeaveRequest{Kind: leave.Annual, From: from, To: addDays(from, days-1), Note: "إجازة عائلية"}
}

func addDays(d hijri.Date, n int) hijri.Date {
	out, err := d.AddDays(n)
	if err != nil {
		panic(err)
	}
	return out
}

// prepLeaves has each subject request an annual leave (approved by HR of
// their agency when approved is set: it starts tomorrow then).
// prepSeparations gives each subject a resignation of their own.
func prepSeparations(w *walkWorld) {
	for _, wh := range []who{whoSelf, whoOwn, whoOther} {
		sc, err := w.Client.RequestSeparation(w.Ctx, w.subject(target{who: wh}).Actor, masar.SeparationRequest{
			Cause: separation.CauseResignation, Requested: addDays(w.Clock.Today(), 20)})
		w.must(err)
		w.seps[wh] = sc.ID
	}
}

// variableInput is a job variable of a week's assignment (which the walk's
// agencies send through a checker), ten months and n fortnights ago.
func (w *world) variableInput(n ...int) masar.VariableInput {
	today := addDays(w.Clock.Today(), -300)
	if len(n) > 0 {
		today = addDays(today, -14*n[0])
	}
	return masar.VariableInput{
		Events:    []records.HistoryEvent{{Kind: records.KindAssignment, Start: addDays(today, -40), End: addDays(today, -34)}},
		Decision:  records.Decision{Number: "JV-1447-01", Date: addDays(today, -45)},
		Documents: []records.Document{{Name: "قرار التدريب.pdf", MediaType: "application/pdf", Size: 2048, SHA256: strings.Repeat("ab", 32), StorageRef: "docs/jv-1"}},
	}
}

// prepVariables gives each subject a variable made by each of their
// agency's HR specialist and manager, submitted when submitted is set.
func prepVariables(submitted bool) func(w *walkWorld) {
	return func(w *walkWorld) {
		for _, wh := range []who{whoSelf, whoOwn, whoOther} {
			tg := target{who: wh}
			ag := w.agencyOf(tg)
			w.vars[wh] = map[identity.NationalID]jobaudit.Variable{}
			for i, maker := range []masar.Actor{ag.Specialist, ag.Manager} {
				v, err := w.Client.DraftVariable(w.Ctx, maker, w.subject(tg).ID, w.variableInput(i+1))
				w.must(err)
				if submitted {
					v, err = w.Client.SubmitVariable(w.Ctx, maker, masar.VariableAction{ID: v.ID, Version: v.Version})
					w.must(err)
				}
				w.vars[wh][maker.NationalID] = v
			}
		}
	}
}

// variableOf picks a variable of tg's subject: the one a made (mine) or one
// a did not make (for a checker); any for an actor with neither.
func (w *walkWorld) variableOf(tg target, a masar.Actor, mine bool) jobaudit.Variable {
	var any jobaudit.Variable
	for maker, v := range w.vars[tg.who] {
		if (maker == a.NationalID) == mine {
			return v
		}
		any = v
	}
	return any
}

// qualificationSubmission is a bachelor's degree from a Saudi university.
func qualificationSubmission() masar.QualificationSubmission {
	return masar.QualificationSubmission{
		Qualification: records.Qualification{Degree: records.Bachelor, Specialization: "نظم المعلومات",
			Institution: "جامعة الملك سعود", Country: "SA", ObtainedOn: hijri.MustNew(1440, 7, 1)},
		Documents: []records.Document{{Name: "الشهادة.pdf", MediaType: "application/pdf", Size: 4096, SHA256: strings.Repeat("cd", 32), StorageRef: "docs/q-1"}},
	}
}

// prepQualifications gives each subject a qualification request of their own.
func prepQualifications(w *walkWorld) {
	for _, wh := range []who{whoSelf, whoOwn, whoOther} {
		q, err := w.Client.SubmitQualification(w.Ctx, w.subject(target{who: wh}).Actor, qualificationSubmission())
		w.must(err)
		w.qreq[wh] = q.ID
	}
}

// prepCVs gives each subject CV sections of their own and a share.
func prepCVs(w *walkWorld) {
	for _, wh := range []who{whoSelf, whoOwn, whoOther} {
		a := w.subject(target{who: wh}).Actor
		_, err := w.Client.SaveCVProfile(w.Ctx, a, masar.CVProfileInput{Summary: "خبرة في الموارد البشرية"})
		w.must(err)
		_, sh, err := w.Client.ShareCV(w.Ctx, a, masar.CVShareInput{Parts: []identity.Part{identity.PartJob}})
		w.must(err)
		w.cvShares[wh] = sh
	}
}

// prepRetirements stores every file's retirement date.
func prepRetirements(w *walkWorld) {
	_, err := w.Client.RefreshRetirements(w.Ctx)
	w.must(err)
}

func prepLeaves(approved bool) func(w *walkWorld) {
	return func(w *walkWorld) {
		for _, wh := range []who{whoSelf, whoOwn, whoOther} {
			p, a := w.subject(target{who: wh}), w.agencyOf(target{who: wh})
			in := w.leaveRequest(20)
			if approved {
				in.From, in.To = addDays(w.Clock.Today(), 1), addDays(w.Clock.Today(), 20)
			}
			l, err := w.Client.RequestLeave(w.Ctx, p.Actor, in)
			w.must(err)
			if approved {
				l, err = w.Client.ApproveLeave(w.Ctx, a.Manager, masar.LeaveAction{ID: l.ID, Version: l.Version})
				w.must(err)
			}
			w.leaves[wh] = l.ID
		}
	}
}

// prepSickLeaves gives each subject a sick leave from a medical report.
func prepSickLeaves(w *walkWorld) {
	seha := leavetest.NewSeha("")
	for _, wh := range []who{whoSelf, whoOwn, whoOther} {
		seha.Issue(leave.Report{Patient: w.subject(target{who: wh}).ID, From: addDays(w.Clock.Today(), -5), To: addDays(w.Clock.Today(), -2)})
	}
	res, err := w.Client.ReceiveMedicalReports(w.Ctx, seha, "", 0)
	w.must(err)
	for i, wh := range []who{whoSelf, whoOwn, whoOther} {
		if res.Reports[i].Status != leave.ReportApplied {
			w.T.Fatalf("report refused: %v", res.Reports[i].Reasons)
		}
		w.leaves[wh] = res.Reports[i].LeaveID
	}
}

func (w *walkWorld) leaveAction(tg target, reason string) masar.LeaveAction {
	l, err := w.Store.GetLeave(w.Ctx, w.leaves[tg.who])
	w.must(err)
	return masar.LeaveAction{ID: l.ID, Version: l.Version, Reason: reason}
}

// currentServiceYear is p's service year today, read as p.
func (w *world) currentServiceYear(p person) int {
	st, err := w.Client.LeaveBalance(w.Ctx, p.Actor, p.ID, hijri.Date{})
	w.must(err)
	return len(st.Years)
}
