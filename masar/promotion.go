package masar

import (
	"context"
	"errors"
	"fmt"

	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/page"
	"github.com/masarhr/masar-go/promotion"
	"github.com/masarhr/masar-go/records"
)

// CreateRound creates a draft promotion round for the actor's agency.
func (c *Client) CreateRound(ctx context.Context, a Actor, in promotion.RoundInput) (promotion.Round, error) {
	var out promotion.Round
	err := c.do(ctx, a, UseManageRound, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: in.AgencyID}); err != nil {
			return err
		}
		r, err := c.promotions.CreateRound(ctx, in)
		out = r
		cl.resource = r.ID
		return err
	})
	return only(out, err)
}

// RoundAction names a round and the version the actor saw.
type RoundAction struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
}

// AnnounceRound announces a draft round: its criteria, weights, tie-break
// element and vacancies are frozen from now on (Reg art 52(c)).
func (c *Client) AnnounceRound(ctx context.Context, a Actor, in RoundAction) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, in.ID, func(ctx context.Context, _ *call, _ promotion.Round) (promotion.Round, error) {
		return c.promotions.AnnounceRound(ctx, in.ID, in.Version)
	})
}

// OpenRound opens an announced round to candidates.
func (c *Client) OpenRound(ctx context.Context, a Actor, in RoundAction) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, in.ID, func(ctx context.Context, _ *call, _ promotion.Round) (promotion.Round, error) {
		return c.promotions.OpenRound(ctx, in.ID, in.Version)
	})
}

// CandidateInput names an employee applying for a vacancy and what the file
// does not hold: the last approved performance rating and the raw scores of
// the round's other criteria.
//
// Everything else comes from the file alone, past promotions included: a
// promotion is exceptional (Reg art 54, for arts 55 and 56) when its history
// event says so (records.HistoryEvent.Exceptional), as IssuePromotions
// records it. A host with an exceptional promotion the SDK did not issue
// records it as such a history event (AddHistoryEvents) before adding the
// candidate, so that it is counted once and every later round sees it.
type CandidateInput struct {
	NationalID identity.NationalID `json:"national_id"`
	VacancyID  string              `json:"vacancy_id"`
	Rating     int                 `json:"rating"`
	RatingDate hijri.Date          `json:"rating_date"`
	Scores     promotion.Scores    `json:"scores"`
}

// AddCandidates adds employees of the actor's agency to an open round. Each
// candidate's facts (rank, experience net of the configured Reg art 48(b)
// exclusions, Config.Records.Rules, spells, penalties, past promotions) are
// read from their file as of the round's consideration date.
//
// Each candidate is authorized on their file, through the table
// (UseManageRound, HR of the file's agency, NotSelf): staff may not add
// themselves, nor a person whose file is not in their agency (or who has no
// file: the same refusal, so it tells nothing). An actor who is already a
// candidate of the round may not add anyone (see RankRound).
func (c *Client) AddCandidates(ctx context.Context, a Actor, roundID string, version int64, in []CandidateInput) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		cs := make([]promotion.Candidate, 0, len(in))
		rules := c.records.Rules()
		roundTarget := cl.tg
		for _, ci := range in {
			cand, err := c.candidateOf(ctx, cl, r, ci, &rules)
			if err != nil {
				return promotion.Round{}, err
			}
			cs = append(cs, cand)
		}
		cl.tg = roundTarget // the entry is about the round
		return c.promotions.AddCandidates(ctx, roundID, version, cs)
	})
}

// candidateOf authorizes the actor on ci's file and builds the candidate
// from it.
func (c *Client) candidateOf(ctx context.Context, cl *call, r promotion.Round, ci CandidateInput, rules *records.Rules) (promotion.Candidate, error) {
	e, err := c.records.GetEmployeeByNationalID(ctx, ci.NationalID)
	switch {
	case errors.Is(err, records.ErrNotFound):
		// A person without a file belongs to no agency: the table denies.
		if err := cl.authorize(ctx, target{subject: ci.NationalID}); err != nil {
			return promotion.Candidate{}, err
		}
		return promotion.Candidate{}, err // unreachable: no permit reaches no agency
	case err != nil:
		return promotion.Candidate{}, fmt.Errorf("candidate %s: %w", ci.NationalID.Masked(), err)
	}
	if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
		return promotion.Candidate{}, err
	}
	h, err := c.records.ListHistory(ctx, e.ID)
	if err != nil {
		return promotion.Candidate{}, err
	}
	cand, err := promotion.CandidateFromFile(e, h, r.ConsiderationDate, rules)
	if err != nil {
		return promotion.Candidate{}, err
	}
	cand.VacancyID, cand.Rating, cand.RatingDate, cand.Scores = ci.VacancyID, ci.Rating, ci.RatingDate, ci.Scores
	return cand, nil
}

// RankRound checks every candidate's eligibility and ranks the eligible
// ones by the announced criteria and tie-breaks.
//
// Staff never act on a round they are a candidate of: for an actor who is
// a candidate (for any vacancy), every staff use case on the round
// (AnnounceRound, OpenRound, AddCandidates, RankRound, IssuePromotions,
// CloseRound) is authorized as a call on the actor's own data, which the
// table's NotSelf permits do not reach, so it is denied and audited; and
// reading another candidate's standing or eligibility in it is denied too.
// Another member of the agency's HR runs the round (another manager issues
// its decisions). The actor keeps what every candidate has: their own
// standing and eligibility.
func (c *Client) RankRound(ctx context.Context, a Actor, in RoundAction) (promotion.Round, *promotion.Ranking, error) {
	var rk *promotion.Ranking
	r, err := c.onRound(ctx, a, UseManageRound, in.ID, func(ctx context.Context, _ *call, _ promotion.Round) (promotion.Round, error) {
		r, ranking, err := c.promotions.RankRound(ctx, in.ID, in.Version)
		rk = ranking
		return r, err
	})
	return r, rk, err
}

// IssuePromotions issues the promotion decisions of a ranked round (the HR
// manager) dated today, and in the same transaction records each promotion
// in the winner's file: a promotion event on the new rank and salary step.
// Each winner's file is authorized as it is today: a winner whose file has
// left the agency, or the manager's own file, refuses the whole call (see
// RankRound for a manager who is a candidate).
func (c *Client) IssuePromotions(ctx context.Context, a Actor, in RoundAction) (promotion.Round, []promotion.PromotionDecision, error) {
	var ds []promotion.PromotionDecision
	r, err := c.onRound(ctx, a, UseIssuePromotions, in.ID, func(ctx context.Context, cl *call, _ promotion.Round) (promotion.Round, error) {
		today, err := hijri.FromTime(cl.today())
		if err != nil {
			return promotion.Round{}, err
		}
		r, decisions, err := c.promotions.DecideRound(ctx, in.ID, in.Version, today)
		if err != nil {
			return promotion.Round{}, err
		}
		ds = decisions
		roundTarget := cl.tg
		for _, d := range decisions {
			if err := c.recordPromotion(ctx, cl, r, d); err != nil {
				return promotion.Round{}, err
			}
			cl.changes = append(cl.changes, audit.Change{
				Field: "promotion." + d.NationalID.Masked(),
				Old:   fmt.Sprintf("rank %d step %d", d.Placement.FromRank, d.Placement.FromStep),
				New:   fmt.Sprintf("rank %d step %d", d.Placement.ToRank, d.Placement.ToStep),
			})
		}
		cl.tg = roundTarget // the entry is about the round
		return r, nil
	})
	return r, ds, err
}

// recordPromotion authorizes the actor on the winner's file, through the
// table (UseIssuePromotions: the manager of the file's agency today, not
// their own file), and appends the promotion event of decision d to it.
func (c *Client) recordPromotion(ctx context.Context, cl *call, r promotion.Round, d promotion.PromotionDecision) error {
	e, err := c.records.GetEmployeeByNationalID(ctx, d.NationalID)
	if err != nil {
		return err
	}
	if err := cl.authorize(ctx, target{subject: e.NationalID, agency: e.Job.Agency.ID, file: &e}); err != nil {
		return err
	}
	job := e.Job
	job.Rank, job.Step, job.StartDate = d.Placement.ToRank, d.Placement.ToStep, d.EffectiveDate
	for _, v := range r.Vacancies {
		if v.ID == d.VacancyID {
			job.Title = i18n.Text{AR: v.Title.AR, EN: v.Title.EN}
			if v.JobCode != "" {
				job.ClassificationCode = v.JobCode
			}
			job.JobNumber = v.ID
		}
	}
	_, _, err = c.records.AddHistoryEvents(ctx, records.HistoryChange{
		EmployeeID: e.ID, Version: e.Version,
		Events: []records.HistoryEvent{{
			Kind: records.KindPromotion, Start: d.EffectiveDate, Job: &job,
			Decision: records.Decision{Number: d.ID, Date: d.DecisionDate},
			// The file keeps that the promotion was exceptional (Reg art 54),
			// so later rounds apply Reg arts 55 and 56 to it.
			Exceptional: d.Exceptional,
		}},
	})
	if err != nil {
		return err
	}
	return cl.promotionEvent(ctx, r, d, e.ID)
}

// Rounds lists a page of the promotion rounds of the actor's agency (HR),
// newest first: CreatedAt descending, then ID; the page's Next is the ID of
// its last round. Errors: promotion.ErrNotFound for a cursor that names no
// round.
func (c *Client) Rounds(ctx context.Context, a Actor, p PageRequest) (page.Page[promotion.Round], error) {
	var out page.Page[promotion.Round]
	err := c.do(ctx, a, UseManageRound, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		var err error
		out, err = c.promotions.ListRounds(ctx, promotion.RoundFilter{AgencyID: a.Agency, After: p.After, Limit: p.Limit})
		return err
	})
	return only(out, err)
}

// Round returns one promotion round, to HR of its agency (UseManageRound);
// a staff member who is a candidate of the round is refused, as on every
// staff call about it. Errors: promotion.ErrNotFound if there is no such
// round.
func (c *Client) Round(ctx context.Context, a Actor, id string) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, id, func(_ context.Context, _ *call, r promotion.Round) (promotion.Round, error) {
		return r, nil
	})
}

// RoundCandidates lists a page of a round's candidates (HR of its agency,
// as Round), ordered by vacancy, then national ID; the page's Next is the
// last candidate's Cursor. Errors: promotion.ErrNotFound for no such round
// or a cursor that names none of its candidates.
func (c *Client) RoundCandidates(ctx context.Context, a Actor, id string, p PageRequest) (page.Page[promotion.Candidate], error) {
	var out page.Page[promotion.Candidate]
	_, err := c.onRound(ctx, a, UseManageRound, id, func(ctx context.Context, _ *call, r promotion.Round) (promotion.Round, error) {
		var err error
		out, err = c.promotions.ListCandidates(ctx, r.ID, promotion.CandidateFilter{After: p.After, Limit: p.Limit})
		return r, err
	})
	return only(out, err)
}

// RoundResults lists a page of a ranked round's results (HR of its
// agency, as Round) in ranking order: each candidate's eligibility,
// position, points per criterion and whether they won. The page's Next is
// the last result's Cursor. Errors as RoundCandidates.
func (c *Client) RoundResults(ctx context.Context, a Actor, id string, p PageRequest) (page.Page[promotion.Result], error) {
	var out page.Page[promotion.Result]
	_, err := c.onRound(ctx, a, UseManageRound, id, func(ctx context.Context, _ *call, r promotion.Round) (promotion.Round, error) {
		var err error
		out, err = c.promotions.ListRoundResults(ctx, r.ID, promotion.ResultFilter{After: p.After, Limit: p.Limit})
		return r, err
	})
	return only(out, err)
}

// RoundDecisions lists a page of the promotion decisions issued in a round
// (HR of its agency, as Round), ordered by vacancy, position and ID; the
// page's Next is the last decision's ID. Errors as RoundCandidates.
func (c *Client) RoundDecisions(ctx context.Context, a Actor, id string, p PageRequest) (page.Page[promotion.PromotionDecision], error) {
	var out page.Page[promotion.PromotionDecision]
	_, err := c.onRound(ctx, a, UseManageRound, id, func(ctx context.Context, _ *call, r promotion.Round) (promotion.Round, error) {
		var err error
		out, err = c.promotions.ListPromotionDecisions(ctx, promotion.DecisionFilter{RoundID: r.ID, After: p.After, Limit: p.Limit})
		return r, err
	})
	return only(out, err)
}

// CloseRound closes a decided round.
func (c *Client) CloseRound(ctx context.Context, a Actor, in RoundAction) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, in.ID, func(ctx context.Context, _ *call, _ promotion.Round) (promotion.Round, error) {
		return c.promotions.CloseRound(ctx, in.ID, in.Version)
	})
}

// Standing is an employee's place in a round for one vacancy applied for.
type Standing struct {
	// RoundID and RoundTitle name the round.
	RoundID    string    `json:"round_id"`
	RoundTitle i18n.Text `json:"round_title"`
	// VacancyID and VacancyTitle name the vacancy applied for.
	VacancyID    string    `json:"vacancy_id"`
	VacancyTitle i18n.Text `json:"vacancy_title"`
	// Result is the candidate's line of the ranking; nil until the round is
	// ranked.
	Result *promotion.Result `json:"result,omitempty"`
	// Eligibility explains every failed rule with its facts (empty when
	// eligible), as the round judges it (before ranking: as it will judge
	// it on the facts it holds).
	Eligibility promotion.Decision `json:"eligibility"`
}

// CandidateRound is a round an employee is a candidate in, with their
// standing for each vacancy applied for.
type CandidateRound struct {
	// RoundID identifies the round.
	RoundID string `json:"round_id"`
	// AgencyID is the agency running it.
	AgencyID string `json:"agency_id"`
	// Title names the round.
	Title i18n.Text `json:"title"`
	// Status is the round's state.
	Status promotion.RoundStatus `json:"status"`
	// ConsiderationDate is the date eligibility is judged on.
	ConsiderationDate hijri.Date `json:"consideration_date"`
	// Standings are the employee's, one per vacancy applied for.
	Standings []Standing `json:"standings"`
}

// PromotionStanding returns subject's standing in a round: for each vacancy
// applied for, their ranking line once the round is ranked, with the
// reasons of any ineligibility (the subject, or HR of the round's agency
// who is not a candidate of it).
func (c *Client) PromotionStanding(ctx context.Context, a Actor, subject identity.NationalID, roundID string) ([]Standing, error) {
	var out []Standing
	_, err := c.onRound(ctx, a, UsePromotionStanding, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		var err error
		out, err = c.standings(ctx, r, subject)
		return r, err
	}, subject)
	return only(out, err)
}

// MyPromotionRounds lists a page of the rounds the actor is a candidate in,
// of any agency, newest first (CreatedAt descending, then ID), each with
// their standing; the page's Next is the ID of its last round. Errors:
// promotion.ErrNotFound for a cursor that names no round.
func (c *Client) MyPromotionRounds(ctx context.Context, a Actor, p PageRequest) (page.Page[CandidateRound], error) {
	var out page.Page[CandidateRound]
	err := c.do(ctx, a, UseMyPromotionRounds, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{subject: a.NationalID}); err != nil {
			return err
		}
		rs, err := c.promotions.ListRounds(ctx, promotion.RoundFilter{Candidate: a.NationalID, After: p.After, Limit: p.Limit})
		if err != nil {
			return err
		}
		out = page.Page[CandidateRound]{Items: make([]CandidateRound, 0, len(rs.Items)), Next: rs.Next}
		for _, r := range rs.Items {
			ss, err := c.standings(ctx, r, a.NationalID)
			if err != nil {
				return err
			}
			out.Items = append(out.Items, CandidateRound{RoundID: r.ID, AgencyID: r.AgencyID, Title: r.Title,
				Status: r.Status, ConsiderationDate: r.ConsiderationDate, Standings: ss})
		}
		return nil
	})
	return only(out, err)
}

// standings returns subject's standing in round r for each vacancy applied
// for, in vacancy order.
func (c *Client) standings(ctx context.Context, r promotion.Round, subject identity.NationalID) ([]Standing, error) {
	cs, err := c.promotions.Candidacies(ctx, r.ID, subject)
	if err != nil {
		return nil, err
	}
	results := map[string]promotion.Result{}
	if len(cs) > 0 && !r.RankedAt.IsZero() {
		rs, err := page.All(func(after string) (page.Page[promotion.Result], error) {
			return c.promotions.ListRoundResults(ctx, r.ID, promotion.ResultFilter{NationalID: subject, After: after, Limit: page.MaxLimit})
		})
		if err != nil {
			return nil, err
		}
		for _, res := range rs {
			results[res.VacancyID] = res
		}
	}
	out := make([]Standing, 0, len(cs))
	for i := range cs {
		st := Standing{RoundID: r.ID, RoundTitle: r.Title, VacancyID: cs[i].VacancyID}
		if v, ok := r.Vacancy(cs[i].VacancyID); ok {
			st.VacancyTitle = v.Title
			st.Eligibility = r.Regulation.Eligibility(&cs[i], v, r.ConsiderationDate)
		}
		if res, ok := results[cs[i].VacancyID]; ok {
			st.Result = &res
		}
		out = append(out, st)
	}
	return out, nil
}

// PromotionEligibility explains, rule by rule, whether subject is eligible
// for a vacancy of a round as the round judges it (the subject, or HR of the
// round's agency who is not a candidate of it).
func (c *Client) PromotionEligibility(ctx context.Context, a Actor, subject identity.NationalID, roundID, vacancyID string) (promotion.Decision, error) {
	var out promotion.Decision
	_, err := c.onRound(ctx, a, UsePromotionEligibility, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		d, err := c.promotions.Explain(ctx, roundID, vacancyID, subject.String())
		out = d
		return r, err
	}, subject)
	return only(out, err)
}

// errRoundCandidate refuses staff who are candidates of a round a look at
// another candidate's standing in it.
var errRoundCandidate = ErrDenied.Because("masar.round_candidate",
	"you are a candidate of this round and may not act on it as staff",
	"أنت مرشح في هذه الدورة فلا يجوز لك التصرف فيها بصفتك من موظفي الموارد البشرية")

// onRound loads a round, authorizes the actor on it (and on subject, for an
// employee's own standing), and runs fn. An actor who is a candidate of the
// round acts on it as on their own data: a call with no subject (a staff
// use case) is authorized with the actor as its subject, which NotSelf
// permits do not reach; a call about another candidate is refused.
func (c *Client) onRound(ctx context.Context, a Actor, uc UseCase, id string, fn func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error), subject ...identity.NationalID) (promotion.Round, error) {
	var out promotion.Round
	err := c.do(ctx, a, uc, func(ctx context.Context, cl *call) error {
		r, err := c.promotions.GetRound(ctx, id)
		if err != nil {
			return err
		}
		cl.resource = r.ID
		tg := target{agency: r.AgencyID}
		if len(subject) > 0 {
			tg.subject = subject[0]
		}
		party, err := c.isCandidate(ctx, r.ID, a.NationalID)
		if err != nil {
			return err
		}
		if party && tg.subject.IsZero() {
			tg.subject = a.NationalID
		}
		if err := cl.authorize(ctx, tg); err != nil {
			return err
		}
		if party && tg.subject != a.NationalID {
			return errRoundCandidate
		}
		out, err = fn(ctx, cl, r)
		return err
	})
	return only(out, err)
}

// isCandidate reports whether id is a candidate of round roundID.
func (c *Client) isCandidate(ctx context.Context, roundID string, id identity.NationalID) (bool, error) {
	if id.IsZero() {
		return false, nil
	}
	cs, err := c.promotions.ListCandidates(ctx, roundID, promotion.CandidateFilter{NationalID: id, Limit: 1})
	if err != nil {
		return false, err
	}
	return len(cs.Items) > 0, nil
}
