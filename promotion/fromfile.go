package promotion

import (
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/records"
)

// CandidateFromFile builds a candidate's facts from an employee file and
// its history as of asOf (the round's consideration date), from the events
// up to asOf only: the rank and step held on asOf, the date the rank was
// entered, appointment and birth dates, the documented qualifications
// (records.Qualification.IsDocumented; all of them when
// rules.UndocumentedQualifications), promotion experience
// per rank in legal days net of the exclusions of Reg art 48(b) as rules
// define them (records' PurposePromotion; nil means records.DefaultRules),
// the spells and penalties the art 49 rules look at (a referral to trial,
// records.KindTrialReferral, bars consideration until its end date, Reg art
// 49(c)), and past promotions.
//
// A past promotion is exceptional (Reg arts 55, 56) when its event says so
// (records.HistoryEvent.Exceptional, which the facade sets from the
// decision) or when it rose more than one rank above the job held before it,
// which only an exceptional promotion does (Reg art 48(a)(3)) [INF].
//
// With several spells of service (records.Spells), experience sums the
// spells and the appointment date, the seniority tie-break of Reg art
// 52(d)(2), is the one of the spell held on asOf (the latest appointment up
// to it): a gap in service breaks seniority [INF: the regulation does not
// say].
//
// The vacancy, rating and criteria scores are not in the file: the caller
// sets them. Errors: records.ErrInvalidHistory (reason
// promotion.no_appointment) when no appointment precedes asOf; the errors
// of records.Rules.RankDuration.
func CandidateFromFile(e records.Employee, h []records.HistoryEvent, asOf hijri.Date, rules *records.Rules) (Candidate, error) {
	if rules == nil {
		def := records.DefaultRules()
		rules = &def
	}
	c := Candidate{NationalID: e.NationalID, Name: e.Name.AR.Full(), BirthDate: e.BirthDate}
	for _, q := range e.Qualifications {
		if !q.IsDocumented() && !rules.UndocumentedQualifications {
			continue // documented qualifications only, by default (jobaudit documents them)
		}
		c.Qualifications = append(c.Qualifications, Qualification{Level: qualificationLevel(q.Degree), Field: q.Specialization})
	}
	h = records.CloneHistory(h)
	records.SortHistory(h)
	rank := 0
	for _, ev := range h {
		if ev.Start.After(asOf) {
			continue
		}
		c.addEvent(ev, rank)
		if ev.Kind.IsJob() && ev.Job != nil {
			// The job held on asOf is the last job event up to it.
			c.Rank, c.Step = ev.Job.Rank, ev.Job.Step
			if ev.Job.Rank != rank {
				rank = ev.Job.Rank
				c.RankDate = ev.Start
			}
		}
	}
	if c.AppointmentDate.IsZero() {
		return Candidate{}, records.ErrInvalidHistory.Because("promotion.no_appointment",
			"the file has no appointment on or before the consideration date", "لا يتضمن الملف قرار تعيين في تاريخ النظر أو قبله")
	}
	for r := 1; r <= MaxRanks; r++ {
		d, err := rules.RankDuration(h, records.PurposePromotion, asOf, r)
		if err != nil {
			return Candidate{}, err
		}
		c.RankDays[r] = int32(d.Period.TotalDays())
	}
	return c, nil
}

// addEvent records what one history event up to asOf, in canonical order,
// tells the rules: the appointment date, a past promotion (rank is the rank
// held before it), a spell (Reg art 49(a)–(c)) or a penalty (art 49(d)).
func (c *Candidate) addEvent(ev records.HistoryEvent, rank int) {
	spell := func(k StatusKind) { c.Statuses = append(c.Statuses, Status{Kind: k, From: ev.Start, To: ev.End}) }
	switch ev.Kind {
	case records.KindAppointment:
		c.AppointmentDate = ev.Start // the latest: the spell held on asOf
	case records.KindPromotion:
		skipped := ev.Job != nil && rank > 0 && ev.Job.Rank > rank+1
		c.Promotions = append(c.Promotions, PastPromotion{Date: ev.Start, Exceptional: ev.Exceptional || skipped})
	case records.KindLeave:
		switch ev.Leave {
		case records.StudyLeave:
			spell(StudyLeave)
		case records.ExceptionalLeave:
			spell(ExceptionalLeave)
		}
	case records.KindTraining:
		spell(Training)
	case records.KindScholarship:
		if ev.Location == records.InsideKingdom {
			spell(StudyDelegation)
		} else {
			spell(Scholarship)
		}
	case records.KindSuspension:
		spell(Suspension)
	case records.KindTrialReferral:
		spell(TrialReferral)
	case records.KindPenalty:
		c.Penalties = append(c.Penalties, penaltyOf(ev))
	}
}

// penaltyOf maps a penalty event to the penalty kinds the rules look at.
func penaltyOf(ev records.HistoryEvent) Penalty {
	p := Penalty{Kind: OtherPenalty, Date: ev.Start}
	switch ev.Penalty {
	case records.PenaltyIncrementDeprivation:
		p.Kind = IncrementDeprivation
	case records.PenaltyDeduction:
		p.Kind, p.Days = SalaryDeduction, ev.PenaltyDays
	case records.PenaltyPromotionBar:
		p.Kind, p.Until = NoPromotionConsideration, ev.End
	}
	return p
}

// qualificationLevels maps the file's degree levels to the classification's.
var qualificationLevels = map[records.DegreeLevel]QualificationLevel{
	records.Secondary: Secondary, records.Diploma: Diploma, records.Bachelor: Bachelor,
	records.HigherDiploma: HigherDiploma, records.Master: Master, records.Doctorate: Doctorate,
}

// qualificationLevel returns the level of a degree, 0 for one without a
// level (records.OtherDegree).
func qualificationLevel(d records.DegreeLevel) QualificationLevel { return qualificationLevels[d] }
