// Package promotion is the promotion engine of the Saudi civil service
// (خدمة الترقيات): an agency announces vacancies, checks who is eligible,
// ranks the candidates on announced criteria, promotes the best and places
// each on the new rank's salary step. Every step is a pure, deterministic
// rule an agency can defend in a grievance.
//
// # The rules
//
// Regulation holds the rules of the Implementing Regulation for Human
// Resources in the Civil Service, arts 47–58, and of the Employee
// Discipline Law as data; DefaultRegulation returns the rules in force with
// their articles. Regulation.Eligibility(candidate, vacancy, asOf) checks
// every rule — vacancy, next rank, qualification, experience by rank band,
// the disqualifiers of art 49, the "no promotion consideration" penalty,
// the spacing rules of arts 55–57 and the conditions of an exceptional
// promotion (art 54) — and returns a Decision with one Reason per failed
// rule: a stable code, the article, an Arabic and English message with the
// figures, and the facts used ("experience 1y 7m 12d", "required 2y 0m 0d").
// Regulation.Check does the same without building reasons or allocating.
//
// Candidate facts are supplied by the caller, not read by the rules from
// the employee file: in particular Candidate.RankDays is promotion
// experience already net of the periods Reg art 48(b) excludes, which is the
// employee file's job (package records). CandidateFromFile maps a file and
// its history to those facts under the records rules the host configured.
//
// # Ranking
//
// A round announces Settings: the performance rating (main criterion) and
// at least one of initiatives, training, interview and test, with weights
// summing to 100 and the tie-break element (Reg art 52). RankCandidates
// checks eligibility, scores the eligible candidates and orders each
// vacancy's candidates: total points, then the tie-break element's raw
// score, then the earlier appointment date, then the element the agency
// announced as its own last tie-break (Settings.FinalTieBreak, Reg art
// 52(d)(3), which names none: the SDK offers a criterion's raw score,
// seniority or counted experience in rank, the highest qualification and
// age [INF]; none by default), then the national ID, and marks the first
// Positions of each vacancy as winners. The order does not
// depend on the order of the input.
//
// Salary placement follows CSL art 18(b) (Place) on a Scale loaded from
// JSON or CSV; GeneralScale is the general employees' scale shipped with
// its provenance (ranks outside 4–8 provisional).
//
// Service runs rounds over a Store: draft → announced (settings frozen) →
// open (candidates added and scored) → ranked → decided (promotion
// decisions with their placement, effective on the decision date) →
// closed. The promotiontest package holds the Store conformance suite and
// a generator of realistic rounds.
//
// # Errors
//
// Errors are *fault.Error values matching this package's sentinels with
// errors.Is: ErrNotFound and ErrConflict (from every Store), ErrInvalid
// and ErrInvalidScale (bad input; refinements name the rule, and Fields
// list every violation of settings or candidates), ErrRoundState (an
// operation the round's status does not allow), ErrSettingsFrozen
// (changing announced settings), ErrNotEligible (Decision.Err) and
// ErrRetroactive (a decision dated before the day it is issued). Each has a
// stable reason code and messages in Arabic and English.
//
// # Time
//
// Civil dates (appointment, birth, decisions, penalties) are hijri.Date
// values. Legal periods follow Reg art 1: a year is 12 Hijri months and a
// month 30 days. Experience is measured in legal days (hijri.Period.TotalDays,
// 360 a year), so "2 years" means at least 720 legal days: one day fewer
// fails. "n years after d" is reached on the day hijri.Between(d, asOf) is n
// years: the same day and month n Hijri years later (used for the spacing
// rules, the 2-year penalty, and the year before consideration of art
// 49(d), the window [asOf − 1 year, asOf)). Age for an exceptional
// promotion is hijri.Between(birth, asOf), at most 55 years: the 55th Hijri
// birthday passes, the next day fails. "6 months" of training is 180 legal
// days; a spell longer than that disqualifies.
//
// Pure rules take asOf (the round's consideration date) explicitly. The
// Service reads Options.Now once per operation, stores instants in UTC at
// microsecond precision, and takes the decision date as the civil date in
// Saudi Arabia (UTC+03:00). A promotion takes effect on its decision date
// and is never retroactive (Reg art 58; CSL art 10(b)).
//
// # Rounding
//
// Scores use decimals with documented rounding. A criterion's points are
// raw × weight ÷ max, rounded half-up to ScoreScale (2) decimal places
// once (CriterionPoints); the rating criterion uses raw = rating and max =
// 5. The total is the exact sum of the rounded points, never rounded
// again. Weights have at most 2 decimal places and sum to exactly 100; raw
// scores and maxima have at most 4. Ranking computes the same numbers in
// integers (Points, hundredths of a point) for speed; tests check that they
// equal the decimal computation. Salaries are decimals with at most 2
// places; placement only adds and compares them.
//
// # Concurrency
//
// Pure functions and Regulation, Settings and Scale values are safe for
// concurrent use when not modified. Service is safe for concurrent use;
// concurrent changes to a round are serialised by its version.
package promotion
