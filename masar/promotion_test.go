package masar_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/masar"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// onEveryStore runs fn on a new world over memstore, SQLite and (when
// MASAR_TEST_POSTGRES_DSN is set) PostgreSQL, and checks the trail holds no
// national ID in clear.
func onEveryStore(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, st := range storeTargets() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			w := newClient(t, st.open(t))
			fn(t, w)
			w.assertNoClearIDs()
		})
	}
}

// staffFile gives a staff member of agency a an employee file in it: a
// rank-8 career like the fixture's employees.
func (w *world) staffFile(a *agency, staff masar.Actor) person {
	w.T.Helper()
	in := w.career(a.Code).Input()
	in.NationalID = staff.NationalID
	e, err := w.Client.CreateEmployee(w.Ctx, a.Specialist, in)
	w.must(err)
	return person{ID: in.NationalID, File: e, Input: in, Actor: employee(in.NationalID)}
}

// An HR manager who is also an employee of their agency cannot promote
// themself: they may not add themself to a round, and once a colleague adds
// them they may do nothing on the round as staff (add, rank, issue, close,
// read a competitor's standing). Every attempt is refused, audited as
// denied, and changes nothing; another manager issues the decisions.
func TestSelfPromotionRefused(t *testing.T) {
	onEveryStore(t, func(t *testing.T, w *world) {
		ctx, m, sp, emp := w.Ctx, w.MOH.Manager, w.MOH.Specialist, w.MOH.Emp
		me := w.staffFile(w.MOH, m)
		require.Equal(t, 8, me.File.Job.Rank)
		both := m // the manager acting with the employee role as well
		both.Roles = append([]masar.Role{masar.RoleEmployee}, m.Roles...)

		r, err := w.Client.CreateRound(ctx, m, w.roundInput(moh))
		require.NoError(t, err)
		r, err = w.Client.AnnounceRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
		require.NoError(t, err)
		r, err = w.Client.OpenRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
		require.NoError(t, err)

		refused := func(name string, a masar.Actor, uc masar.UseCase, call func() error) {
			t.Helper()
			before, seen := w.fingerprint(), len(w.denials(a, uc))
			err := call()
			require.ErrorIs(t, err, masar.ErrPermissionDenied, name)
			assert.NotEmpty(t, masar.ErrorMessage(err, masar.Arabic), name)
			assert.Equal(t, before, w.fingerprint(), "%s: refused but changed the store", name)
			ds := w.denials(a, uc)
			require.Len(t, ds, seen+1, "%s: one denied entry", name)
			assert.Equal(t, r.ID, ds[len(ds)-1].Resource, name)
		}
		// The attack: the manager adds themself with the scores they typed.
		for _, a := range []masar.Actor{m, both} {
			refused("adding oneself", a, masar.UseManageRound, func() error {
				_, err := w.Client.AddCandidates(ctx, a, r.ID, r.Version, []masar.CandidateInput{candidate(me, 5, 10), candidate(emp, 3, 0)})
				return err
			})
		}
		last := w.denials(m, masar.UseManageRound)
		assert.Equal(t, ref(me.ID), last[len(last)-1].Subject, "the refusal names the candidate: the manager")

		// A colleague adds the manager (legitimately): from now on the
		// manager may not act on the round as staff.
		r, err = w.Client.AddCandidates(ctx, sp, r.ID, r.Version, []masar.CandidateInput{candidate(me, 5, 10), candidate(emp, 4, 0)})
		require.NoError(t, err)
		ra := masar.RoundAction{ID: r.ID, Version: r.Version}
		refused("adding others to one's own round", m, masar.UseManageRound, func() error {
			_, err := w.Client.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(w.MOH.Peer, 4, 0)})
			return err
		})
		refused("ranking", m, masar.UseManageRound, func() error {
			_, _, err := w.Client.RankRound(ctx, m, ra)
			return err
		})
		// Nor read the round, its competitors or its results as staff.
		for name, read := range map[string]func() error{
			"reading the round":      func() error { _, err := w.Client.Round(ctx, m, r.ID); return err },
			"reading the candidates": func() error { _, err := w.Client.RoundCandidates(ctx, m, r.ID, masar.PageRequest{}); return err },
			"reading the results":    func() error { _, err := w.Client.RoundResults(ctx, m, r.ID, masar.PageRequest{}); return err },
			"reading the decisions":  func() error { _, err := w.Client.RoundDecisions(ctx, m, r.ID, masar.PageRequest{}); return err },
		} {
			refused(name, m, masar.UseManageRound, read)
		}
		r, _, err = w.Client.RankRound(ctx, sp, ra)
		require.NoError(t, err, "a colleague ranks")
		ra = masar.RoundAction{ID: r.ID, Version: r.Version}
		for _, a := range []masar.Actor{m, both} {
			refused("issuing", a, masar.UseIssuePromotions, func() error {
				_, _, err := w.Client.IssuePromotions(ctx, a, ra)
				return err
			})
			refused("a competitor's standing", a, masar.UsePromotionStanding, func() error {
				_, err := w.Client.PromotionStanding(ctx, a, emp.ID, r.ID)
				return err
			})
		}
		assert.Equal(t, me.File, w.file(me.ID), "the manager's file is unchanged")
		// What every candidate has: their own standing.
		mine, err := w.Client.PromotionStanding(ctx, me.Actor, me.ID, r.ID)
		require.NoError(t, err)
		require.Len(t, mine, 1)
		require.NotNil(t, mine[0].Result)
		assert.True(t, mine[0].Result.Winner)

		// Another manager of the agency issues the decisions.
		other := masar.Actor{NationalID: w.newID(), Roles: []masar.Role{masar.RoleHRManager}, Agency: moh, Services: allServices}
		r, ds, err := w.Client.IssuePromotions(ctx, other, ra)
		require.NoError(t, err)
		require.Len(t, ds, 1)
		assert.Equal(t, me.ID, ds[0].NationalID)
		assert.Equal(t, 9, w.file(me.ID).Job.Rank)
		refused("closing", m, masar.UseManageRound, func() error {
			_, err := w.Client.CloseRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			return err
		})
		_, err = w.Client.CloseRound(ctx, sp, masar.RoundAction{ID: r.ID, Version: r.Version})
		require.NoError(t, err)
	})
}

// Staff add only files of their agency, through the table: a person of
// another agency and a person with no file get the same refusal.
func TestAddCandidatesAuthorizesEachFile(t *testing.T) {
	w := newClient(t, storeTargets()[0].open(t))
	ctx, m := w.Ctx, w.MOH.Manager
	r := w.roundIn(w.MOH, promotion.RoundAnnounced)
	r, err := w.Client.OpenRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
	require.NoError(t, err)
	nobody := person{ID: w.newID()}
	for name, p := range map[string]person{"other agency": w.MOE.Emp, "no file": nobody} {
		before := w.fingerprint()
		_, err := w.Client.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(w.MOH.Emp, 5, 1), candidate(p, 5, 1)})
		require.ErrorIs(t, err, masar.ErrPermissionDenied, name)
		assert.Equal(t, "masar.permission_denied", masar.ErrorReason(err), name)
		assert.Equal(t, before, w.fingerprint(), name)
	}
}

// The exclusion rules a host configures (Config.Records.Rules) are the ones
// a candidate's experience is counted with: an extra promotion exclusion
// shortens the experience in rank as it shortens ServiceDuration, and can
// make the candidate ineligible.
func TestCandidateExperienceFollowsConfiguredRules(t *testing.T) {
	onEveryStore(t, func(t *testing.T, w *world) {
		ctx, emp := w.Ctx, w.MOH.Emp
		rules := records.DefaultRules()
		rules.Promotion = append(rules.Promotion, records.ExclusionRule{Kind: records.KindTraining, Basis: "agency policy",
			Reason: i18n.Text{AR: "الدورات التدريبية لا تحتسب", EN: "training courses do not count"}})
		c, err := masar.New(masar.Config{
			Stores: storesOf(w.Store), AuditKey: auditKey,
			Records:  records.Options{StatementKey: statementKey, Rules: &rules},
			Identity: identity.Options{OTPKey: otpKey},
			Ports:    identity.Ports{Registry: w.Registry, Accounts: w.Accounts, SMS: w.SMS, Mail: w.Mail, Authenticator: w.Auth},
			Now:      w.Clock.Now,
		})
		require.NoError(t, err)

		today := w.Clock.Today()
		h, err := w.Store.ListHistoryEvents(ctx, emp.File.ID)
		require.NoError(t, err)
		def := records.DefaultRules()
		d0, err := def.RankDuration(h, records.PurposePromotion, today, 8)
		require.NoError(t, err)
		d1, err := rules.RankDuration(h, records.PurposePromotion, today, 8)
		require.NoError(t, err)
		require.Less(t, d1.Period.TotalDays(), d0.Period.TotalDays(), "the 1445 course is in rank 8")
		sd0, err := w.Client.ServiceDuration(ctx, emp.Actor, emp.ID, records.PurposePromotion, today)
		require.NoError(t, err)
		sd1, err := c.ServiceDuration(ctx, emp.Actor, emp.ID, records.PurposePromotion, today)
		require.NoError(t, err)
		require.Less(t, sd1.Period.TotalDays(), sd0.Period.TotalDays(), "ServiceDuration honours the rules")

		// A vacancy asking exactly the default experience in rank.
		judge := func(c *masar.Client) (promotion.Candidate, promotion.Decision) {
			t.Helper()
			m := w.MOH.Manager
			in := w.roundInput(moh)
			in.Vacancies[0].RequiredExperience = hijri.PeriodFromDays(d0.Period.TotalDays())
			r, err := c.CreateRound(ctx, m, in)
			require.NoError(t, err)
			r, err = c.AnnounceRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			require.NoError(t, err)
			r, err = c.OpenRound(ctx, m, masar.RoundAction{ID: r.ID, Version: r.Version})
			require.NoError(t, err)
			r, err = c.AddCandidates(ctx, m, r.ID, r.Version, []masar.CandidateInput{candidate(emp, 5, 3)})
			require.NoError(t, err)
			cand, err := w.Store.GetCandidate(ctx, r.ID, "V-9-2512", emp.ID.String())
			require.NoError(t, err)
			d, err := c.PromotionEligibility(ctx, emp.Actor, emp.ID, r.ID, "V-9-2512")
			require.NoError(t, err)
			return cand, d
		}
		cand, d := judge(w.Client)
		assert.Equal(t, int32(d0.Period.TotalDays()), cand.RankDays[8])
		assert.True(t, d.Eligible, "default rules: %+v", d.Reasons)
		cand, d = judge(c)
		assert.Equal(t, int32(d1.Period.TotalDays()), cand.RankDays[8], "the configured rules, not the defaults")
		assert.False(t, d.Eligible)
		require.NotEmpty(t, d.Reasons)
		assert.Equal(t, "promotion.experience", d.Reasons[0].Code)
	})
}

// An employee lists the rounds they are a candidate in, of any state,
// newest first, page by page, with their standing and the round's and
// vacancy's titles; HR lists its agency's rounds page by page.
func TestMyPromotionRounds(t *testing.T) {
	onEveryStore(t, func(t *testing.T, w *world) {
		ctx, emp := w.Ctx, w.MOH.Emp
		var made []promotion.Round
		// The closed round promotes emp, so it comes last: the others
		// judged emp on rank 8.
		for _, st := range []promotion.RoundStatus{promotion.RoundRanked, promotion.RoundOpen, promotion.RoundClosed} {
			made = append(made, w.roundIn(w.MOH, st))
			w.Clock.Advance(time.Minute)
		}
		w.roundIn(w.MOE, promotion.RoundOpen) // others' round
		_, err := w.Client.CreateRound(ctx, w.MOH.Manager, w.roundInput(moh))
		require.NoError(t, err) // a draft: no candidates

		var got []masar.CandidateRound
		var entries []audit.Entry
		p := masar.PageRequest{Limit: 2}
		for pages := 0; ; pages++ {
			require.Less(t, pages, 3)
			var pg struct {
				items []masar.CandidateRound
				next  string
			}
			entries = append(entries, w.oneEntry(func() {
				out, err := w.Client.MyPromotionRounds(ctx, emp.Actor, p)
				require.NoError(t, err)
				pg.items, pg.next = out.Items, out.Next
			}))
			require.LessOrEqual(t, len(pg.items), 2)
			got = append(got, pg.items...)
			if pg.next == "" {
				break
			}
			p.After = pg.next
		}
		require.Len(t, got, 3)
		for i, cr := range got {
			want := made[len(made)-1-i] // newest first
			assert.Equal(t, want.ID, cr.RoundID)
			assert.Equal(t, moh, cr.AgencyID)
			assert.Equal(t, want.Title, cr.Title)
			require.Len(t, cr.Standings, 1, cr.RoundID)
			s := cr.Standings[0]
			assert.Equal(t, want.ID, s.RoundID)
			assert.Equal(t, "دورة الترقيات لعام ١٤٤٧ هـ", s.RoundTitle.AR)
			assert.Equal(t, "V-9-2512", s.VacancyID)
			assert.Equal(t, "أخصائي أول نظم معلومات", s.VacancyTitle.AR)
			assert.True(t, s.Eligibility.Eligible)
			if cr.Status == promotion.RoundOpen {
				assert.Nil(t, s.Result, "not ranked yet")
			} else {
				require.NotNil(t, s.Result, cr.Status)
				assert.Equal(t, 1, s.Result.Position)
			}
		}
		assert.Equal(t, []promotion.RoundStatus{promotion.RoundClosed, promotion.RoundOpen, promotion.RoundRanked},
			[]promotion.RoundStatus{got[0].Status, got[1].Status, got[2].Status})
		for _, e := range entries {
			assert.Equal(t, string(masar.UseMyPromotionRounds), e.Action)
			assert.Equal(t, ref(emp.ID), e.Subject)
		}

		// Each person sees their own rounds only.
		theirs, err := w.Client.MyPromotionRounds(ctx, w.MOE.Peer.Actor, masar.PageRequest{})
		require.NoError(t, err)
		require.Len(t, theirs.Items, 1)
		assert.Equal(t, moe, theirs.Items[0].AgencyID)
		assert.Empty(t, theirs.Next)
		// A cursor naming no round: not found, nothing else.
		_, err = w.Client.MyPromotionRounds(ctx, emp.Actor, masar.PageRequest{After: "no-such-round"})
		assert.Equal(t, masar.NotFound, masar.ErrorCode(err))

		// HR pages through its agency's rounds.
		var ids []string
		p = masar.PageRequest{Limit: 3}
		for {
			pg, err := w.Client.Rounds(ctx, w.MOH.Specialist, p)
			require.NoError(t, err)
			for _, r := range pg.Items {
				assert.Equal(t, moh, r.AgencyID)
				ids = append(ids, r.ID)
			}
			if pg.Next == "" {
				break
			}
			p.After = pg.Next
		}
		assert.Len(t, ids, 4, "three rounds and the draft")
	})
}
