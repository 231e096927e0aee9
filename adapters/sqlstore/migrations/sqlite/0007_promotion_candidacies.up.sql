-- A person's candidacies across rounds: the rounds an employee is a
-- candidate in (promotion.RoundFilter.Candidate), and whether an actor is a
-- candidate of the round they act on (promotion.CandidateFilter.NationalID).
CREATE INDEX promotion_candidates_person ON promotion_candidates (national_id, round_id, vacancy_id);
