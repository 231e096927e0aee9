package masar

import (
	"context"
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
	return out, err
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
type CandidateInput struct {
	NationalID identity.NationalID `json:"national_id"`
	VacancyID  string              `json:"vacancy_id"`
	Rating     int                 `json:"rating"`
	RatingDate hijri.Date          `json:"rating_date"`
	Scores     promotion.Scores    `json:"scores"`
	// ExceptionalPromotions lists the dates of the employee's past
	// exceptional promotions (Reg art 54), which the file does not mark.
	ExceptionalPromotions []hijri.Date `json:"exceptional_promotions,omitempty"`
}

// AddCandidates adds employees of the actor's agency to an open round. Each
// candidate's facts (rank, experience net of Reg art 48(b) exclusions,
// spells, penalties, past promotions) are read from their file as of the
// round's consideration date.
func (c *Client) AddCandidates(ctx context.Context, a Actor, roundID string, version int64, in []CandidateInput) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		cs := make([]promotion.Candidate, 0, len(in))
		rules := c.records.Rules()
		for _, ci := range in {
			e, err := c.records.GetEmployeeByNationalID(ctx, ci.NationalID)
			if err != nil {
				return promotion.Round{}, fmt.Errorf("candidate %s: %w", ci.NationalID.Masked(), err)
			}
			if e.Job.Agency.ID != r.AgencyID {
				return promotion.Round{}, ErrDenied.Because("masar.candidate_other_agency",
					"a candidate must be an employee of the round's agency", "يجب أن يكون المرشح من موظفي الجهة")
			}
			h, err := c.records.ListHistory(ctx, e.ID)
			if err != nil {
				return promotion.Round{}, err
			}
			cand, err := promotion.CandidateFromFile(e, h, r.ConsiderationDate, &rules)
			if err != nil {
				return promotion.Round{}, err
			}
			cand.VacancyID, cand.Rating, cand.RatingDate, cand.Scores = ci.VacancyID, ci.Rating, ci.RatingDate, ci.Scores
			for _, d := range ci.ExceptionalPromotions {
				cand.Promotions = append(cand.Promotions, promotion.PastPromotion{Date: d, Exceptional: true})
			}
			cs = append(cs, cand)
		}
		return c.promotions.AddCandidates(ctx, roundID, version, cs)
	})
}

// RankRound checks every candidate's eligibility and ranks the eligible
// ones by the announced criteria and tie-breaks.
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
		for _, d := range decisions {
			if err := c.recordPromotion(ctx, r, d); err != nil {
				return promotion.Round{}, err
			}
			cl.changes = append(cl.changes, audit.Change{
				Field: "promotion." + d.NationalID.Masked(),
				Old:   fmt.Sprintf("rank %d step %d", d.Placement.FromRank, d.Placement.FromStep),
				New:   fmt.Sprintf("rank %d step %d", d.Placement.ToRank, d.Placement.ToStep),
			})
		}
		return r, nil
	})
	return r, ds, err
}

// recordPromotion appends the promotion event of decision d to the winner's file.
func (c *Client) recordPromotion(ctx context.Context, r promotion.Round, d promotion.PromotionDecision) error {
	e, err := c.records.GetEmployeeByNationalID(ctx, d.NationalID)
	if err != nil {
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
		}},
	})
	return err
}

// Rounds lists the promotion rounds of the actor's agency, newest first.
func (c *Client) Rounds(ctx context.Context, a Actor) ([]promotion.Round, error) {
	var out []promotion.Round
	err := c.do(ctx, a, UseManageRound, func(ctx context.Context, cl *call) error {
		if err := cl.authorize(ctx, target{agency: a.Agency}); err != nil {
			return err
		}
		rs, err := page.All(func(after string) (page.Page[promotion.Round], error) {
			return c.promotions.ListRounds(ctx, promotion.RoundFilter{AgencyID: a.Agency, After: after, Limit: page.MaxLimit})
		})
		out = rs
		return err
	})
	return out, err
}

// CloseRound closes a decided round.
func (c *Client) CloseRound(ctx context.Context, a Actor, in RoundAction) (promotion.Round, error) {
	return c.onRound(ctx, a, UseManageRound, in.ID, func(ctx context.Context, _ *call, _ promotion.Round) (promotion.Round, error) {
		return c.promotions.CloseRound(ctx, in.ID, in.Version)
	})
}

// Standing is an employee's place in a round for one vacancy.
type Standing struct {
	// Result is the candidate's line of the ranking.
	Result promotion.Result `json:"result"`
	// Eligibility explains every failed rule with its facts (empty when eligible).
	Eligibility promotion.Decision `json:"eligibility"`
}

// PromotionStanding returns subject's standing in a ranked round: their
// ranking line for each vacancy applied for, with the reasons of any
// ineligibility (the subject, or HR of the round's agency).
func (c *Client) PromotionStanding(ctx context.Context, a Actor, subject identity.NationalID, roundID string) ([]Standing, error) {
	var out []Standing
	_, err := c.onRound(ctx, a, UsePromotionStanding, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		results, err := page.All(func(after string) (page.Page[promotion.Result], error) {
			return c.promotions.ListRoundResults(ctx, roundID, promotion.ResultFilter{NationalID: subject, After: after, Limit: page.MaxLimit})
		})
		if err != nil {
			return r, err
		}
		for _, res := range results {
			d, err := c.promotions.Explain(ctx, roundID, res.VacancyID, subject.String())
			if err != nil {
				return r, err
			}
			out = append(out, Standing{Result: res, Eligibility: d})
		}
		return r, nil
	}, subject)
	return out, err
}

// PromotionEligibility explains, rule by rule, whether subject is eligible
// for a vacancy of a round as the round judges it (the subject, or HR of the
// round's agency).
func (c *Client) PromotionEligibility(ctx context.Context, a Actor, subject identity.NationalID, roundID, vacancyID string) (promotion.Decision, error) {
	var out promotion.Decision
	_, err := c.onRound(ctx, a, UsePromotionEligibility, roundID, func(ctx context.Context, cl *call, r promotion.Round) (promotion.Round, error) {
		d, err := c.promotions.Explain(ctx, roundID, vacancyID, subject.String())
		out = d
		return r, err
	}, subject)
	return out, err
}

// onRound loads a round, authorizes the actor on it (and on subject, for an
// employee's own standing), and runs fn.
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
		if err := cl.authorize(ctx, tg); err != nil {
			return err
		}
		out, err = fn(ctx, cl, r)
		return err
	})
	return out, err
}
