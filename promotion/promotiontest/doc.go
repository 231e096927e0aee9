// Package promotiontest helps test code that uses package promotion: Run,
// the conformance suite every promotion.Store implementation must pass, and
// Generator, which builds realistic rounds (vacancies and candidates with
// Hijri dates, qualifications, statuses, penalties, ratings and scores),
// deterministic per seed, for tests and benchmarks of any team.
//
// National IDs come from identitytest generators, never real people's
// numbers.
package promotiontest
