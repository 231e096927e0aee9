package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/masarhr/masar-go/promotion"
)

// candidateKey is a candidate's key within a round.
type candidateKey struct{ vacancyID, nationalID string }

var _ promotion.Store = (*Store)(nil)

// promotionData holds the promotion contract's state.
type promotionData struct {
	rounds    map[string]promotion.Round
	cands     map[string]*promotionRoundCandidates // by round ID
	results   map[string][]promotion.Entry
	decisions map[string]promotion.PromotionDecision
	decKeys   map[promotionDecisionKey]string // one decision per round, vacancy and person
	decOrder  []string                        // decision IDs in insertion order
}

// promotionRoundCandidates are one round's candidates, with their keys kept sorted
// (vacancy, national ID) at write time so that reads under the read lock
// never modify anything.
type promotionRoundCandidates struct {
	byKey  map[candidateKey]promotion.Candidate
	sorted []candidateKey
	// people holds each candidate's vacancy IDs, sorted: the national ID
	// filters of ListRounds and ListCandidates.
	people map[string][]string
}

type promotionDecisionKey struct{ round, vacancy, person string }

func (d *promotionData) init() {
	d.rounds = map[string]promotion.Round{}
	d.cands = map[string]*promotionRoundCandidates{}
	d.results = map[string][]promotion.Entry{}
	d.decisions = map[string]promotion.PromotionDecision{}
	d.decKeys = map[promotionDecisionKey]string{}
}

func compareCandidateKeys(a, b candidateKey) int {
	if c := cmp.Compare(a.vacancyID, b.vacancyID); c != 0 {
		return c
	}
	return cmp.Compare(a.nationalID, b.nationalID)
}

// casRound stores r with Version+1 if the stored round has r.Version, and
// returns it as stored.
func (s *Store) casRound(u *undoLog, r promotion.Round) (promotion.Round, error) {
	old, ok := s.pro.rounds[r.ID]
	if !ok {
		return promotion.Round{}, promotion.ErrNotFound
	}
	if old.Version != r.Version {
		return promotion.Round{}, promotion.ErrConflict
	}
	r = r.Clone()
	r.Version++
	put(u, s.pro.rounds, r.ID, r)
	return r.Clone(), nil
}

// writeRound runs fn, which ends with casRound, as one update and returns
// the round it stored.
func (s *Store) writeRound(ctx context.Context, fn func(u *undoLog) (promotion.Round, error)) (promotion.Round, error) {
	var out promotion.Round
	err := s.update(ctx, func(u *undoLog) error {
		r, err := fn(u)
		out = r
		return err
	})
	if err != nil {
		return promotion.Round{}, err
	}
	return out, nil
}

// CreateRound implements promotion.Store.
func (s *Store) CreateRound(ctx context.Context, r promotion.Round) (promotion.Round, error) {
	return s.writeRound(ctx, func(u *undoLog) (promotion.Round, error) {
		if _, dup := s.pro.rounds[r.ID]; dup {
			return promotion.Round{}, promotion.ErrConflict
		}
		r = r.Clone()
		r.Version = 1
		put(u, s.pro.rounds, r.ID, r)
		put(u, s.pro.cands, r.ID, &promotionRoundCandidates{byKey: map[candidateKey]promotion.Candidate{}, people: map[string][]string{}})
		return r.Clone(), nil
	})
}

// GetRound implements promotion.Store.
func (s *Store) GetRound(ctx context.Context, id string) (promotion.Round, error) {
	var r promotion.Round
	err := s.view(ctx, func() error {
		stored, ok := s.pro.rounds[id]
		if !ok {
			return promotion.ErrNotFound
		}
		r = stored.Clone()
		return nil
	})
	return r, err
}

// UpdateRound implements promotion.Store.
func (s *Store) UpdateRound(ctx context.Context, r promotion.Round) (promotion.Round, error) {
	return s.writeRound(ctx, func(u *undoLog) (promotion.Round, error) { return s.casRound(u, r) })
}

// compareRounds is ListRounds's order: CreatedAt descending, then ID.
func compareRounds(a, b *promotion.Round) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// ListRounds implements promotion.Store.
func (s *Store) ListRounds(ctx context.Context, f promotion.RoundFilter) ([]promotion.Round, error) {
	var out []promotion.Round
	err := s.view(ctx, func() error {
		var after *promotion.Round
		if f.After != "" {
			a, ok := s.pro.rounds[f.After]
			if !ok {
				return promotion.ErrNotFound
			}
			after = &a
		}
		for _, r := range s.pro.rounds {
			if (f.AgencyID == "" || r.AgencyID == f.AgencyID) && (f.Status == "" || r.Status == f.Status) &&
				(f.Candidate.IsZero() || len(s.pro.cands[r.ID].people[f.Candidate.String()]) > 0) &&
				(after == nil || compareRounds(after, &r) < 0) {
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b promotion.Round) int { return compareRounds(&a, &b) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	for i := range out {
		out[i] = out[i].Clone()
	}
	return out, nil
}

// PutCandidates implements promotion.Store.
func (s *Store) PutCandidates(ctx context.Context, r promotion.Round, cs []promotion.Candidate) (promotion.Round, error) {
	return s.writeRound(ctx, func(u *undoLog) (promotion.Round, error) {
		stored, err := s.casRound(u, r)
		if err != nil {
			return promotion.Round{}, err
		}
		putCandidates(u, s.pro.cands[r.ID], cs)
		return stored, nil
	})
}

// putCandidates upserts cs into rc, keeping rc.sorted sorted.
func putCandidates(u *undoLog, rc *promotionRoundCandidates, cs []promotion.Candidate) {
	var added []candidateKey
	for i := range cs {
		k := candidateKey{vacancyID: cs[i].VacancyID, nationalID: cs[i].NationalID.String()}
		if _, had := rc.byKey[k]; !had {
			added = append(added, k)
			vs := rc.people[k.nationalID]
			i, _ := slices.BinarySearch(vs, k.vacancyID)
			put(u, rc.people, k.nationalID, slices.Insert(slices.Clone(vs), i, k.vacancyID))
		}
		put(u, rc.byKey, k, cs[i].Clone())
	}
	if len(added) > 0 {
		slices.SortFunc(added, compareCandidateKeys)
		old := rc.sorted
		merged := make([]candidateKey, 0, len(old)+len(added))
		i, j := 0, 0
		for i < len(old) && j < len(added) {
			if compareCandidateKeys(old[i], added[j]) < 0 {
				merged = append(merged, old[i])
				i++
			} else {
				merged = append(merged, added[j])
				j++
			}
		}
		merged = append(append(merged, old[i:]...), added[j:]...)
		rc.sorted = merged
		*u = append(*u, func() { rc.sorted = old })
	}
}

// GetCandidate implements promotion.Store.
func (s *Store) GetCandidate(ctx context.Context, roundID, vacancyID, nationalID string) (promotion.Candidate, error) {
	var c promotion.Candidate
	err := s.view(ctx, func() error {
		rc, ok := s.pro.cands[roundID]
		if !ok {
			return promotion.ErrNotFound
		}
		stored, ok := rc.byKey[candidateKey{vacancyID: vacancyID, nationalID: nationalID}]
		if !ok {
			return promotion.ErrNotFound
		}
		c = stored.Clone()
		return nil
	})
	return c, err
}

// ListCandidates implements promotion.Store.
func (s *Store) ListCandidates(ctx context.Context, roundID string, f promotion.CandidateFilter) ([]promotion.Candidate, error) {
	var out []promotion.Candidate
	err := s.view(ctx, func() error {
		rc, ok := s.pro.cands[roundID]
		if !ok {
			return promotion.ErrNotFound
		}
		var after *candidateKey
		if f.After != "" {
			vid, nid, ok := promotion.ParseCandidateCursor(f.After)
			if _, found := rc.byKey[candidateKey{vid, nid}]; !ok || !found {
				return promotion.ErrNotFound
			}
			after = &candidateKey{vid, nid}
		}
		if !f.NationalID.IsZero() {
			out = personCandidates(rc, f, after)
			return nil
		}
		start := 0
		if f.VacancyID != "" {
			start, _ = slices.BinarySearchFunc(rc.sorted, candidateKey{vacancyID: f.VacancyID}, compareCandidateKeys)
		}
		if after != nil {
			i, _ := slices.BinarySearchFunc(rc.sorted, *after, compareCandidateKeys)
			start = max(start, i+1)
		}
		for _, k := range rc.sorted[start:] {
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
			if f.VacancyID != "" && k.vacancyID != f.VacancyID {
				break
			}
			out = append(out, rc.byKey[k].Clone())
		}
		return nil
	})
	return out, err
}

// personCandidates is ListCandidates for one national ID: that person's
// candidacies in vacancy order, after the cursor.
func personCandidates(rc *promotionRoundCandidates, f promotion.CandidateFilter, after *candidateKey) []promotion.Candidate {
	var out []promotion.Candidate
	nid := f.NationalID.String()
	for _, vid := range rc.people[nid] {
		k := candidateKey{vid, nid}
		if f.VacancyID != "" && vid != f.VacancyID || after != nil && compareCandidateKeys(k, *after) <= 0 {
			continue
		}
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		out = append(out, rc.byKey[k].Clone())
	}
	return out
}

// CountCandidates implements promotion.Store.
func (s *Store) CountCandidates(ctx context.Context, roundID string) (int, error) {
	n := 0
	err := s.view(ctx, func() error {
		rc, ok := s.pro.cands[roundID]
		if !ok {
			return promotion.ErrNotFound
		}
		n = len(rc.byKey)
		return nil
	})
	return n, err
}

// SaveRoundResults implements promotion.Store.
func (s *Store) SaveRoundResults(ctx context.Context, r promotion.Round, entries []promotion.Entry) (promotion.Round, error) {
	return s.writeRound(ctx, func(u *undoLog) (promotion.Round, error) {
		stored, err := s.casRound(u, r)
		if err != nil {
			return promotion.Round{}, err
		}
		put(u, s.pro.results, r.ID, slices.Clone(entries)) // Entry holds no shared memory
		return stored, nil
	})
}

// ListRoundResults implements promotion.Store.
func (s *Store) ListRoundResults(ctx context.Context, roundID string, f promotion.ResultFilter) ([]promotion.Result, error) {
	var out []promotion.Result
	err := s.view(ctx, func() error {
		if _, ok := s.pro.rounds[roundID]; !ok {
			return promotion.ErrNotFound
		}
		es := s.pro.results[roundID]
		start := 0
		if f.After != "" {
			seq, ok := promotion.ParseResultCursor(f.After)
			if !ok || seq >= len(es) {
				return promotion.ErrNotFound
			}
			start = seq + 1
		}
		for i := start; i < len(es); i++ {
			if f.Limit > 0 && len(out) == f.Limit {
				break
			}
			e := es[i]
			if (f.VacancyID != "" && e.VacancyID != f.VacancyID) || (f.WinnersOnly && !e.Winner) ||
				(!f.NationalID.IsZero() && e.NationalID != f.NationalID) {
				continue
			}
			out = append(out, promotion.Result{RoundID: roundID, Seq: i, Entry: e})
		}
		return nil
	})
	return out, err
}

// CreatePromotionDecisions implements promotion.Store.
func (s *Store) CreatePromotionDecisions(ctx context.Context, r promotion.Round, ds []promotion.PromotionDecision) (promotion.Round, error) {
	return s.writeRound(ctx, func(u *undoLog) (promotion.Round, error) {
		stored, err := s.casRound(u, r)
		if err != nil {
			return promotion.Round{}, err
		}
		for _, d := range ds {
			k := promotionDecisionKey{d.RoundID, d.VacancyID, d.NationalID.String()}
			if _, dup := s.pro.decisions[d.ID]; dup {
				return promotion.Round{}, promotion.ErrConflict
			}
			if _, dup := s.pro.decKeys[k]; dup {
				return promotion.Round{}, promotion.ErrConflict
			}
			d.Version = 1
			put(u, s.pro.decisions, d.ID, d)
			put(u, s.pro.decKeys, k, d.ID)
			appendTo(u, &s.pro.decOrder, d.ID)
		}
		return stored, nil
	})
}

// GetPromotionDecision implements promotion.Store.
func (s *Store) GetPromotionDecision(ctx context.Context, id string) (promotion.PromotionDecision, error) {
	var d promotion.PromotionDecision
	err := s.view(ctx, func() error {
		stored, ok := s.pro.decisions[id]
		if !ok {
			return promotion.ErrNotFound
		}
		d = stored
		return nil
	})
	return d, err
}

// ListPromotionDecisions implements promotion.Store.
func (s *Store) ListPromotionDecisions(ctx context.Context, f promotion.DecisionFilter) ([]promotion.PromotionDecision, error) {
	var out []promotion.PromotionDecision
	err := s.view(ctx, func() error {
		var after *promotion.PromotionDecision
		if f.After != "" {
			a, ok := s.pro.decisions[f.After]
			if !ok {
				return promotion.ErrNotFound
			}
			after = &a
		}
		for _, id := range s.pro.decOrder {
			d := s.pro.decisions[id]
			if (f.RoundID == "" || d.RoundID == f.RoundID) && (f.NationalID == "" || d.NationalID.String() == f.NationalID) &&
				(f.AgencyID == "" || d.AgencyID == f.AgencyID) && (after == nil || compareDecisions(after, &d) < 0) {
				out = append(out, d)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b promotion.PromotionDecision) int { return compareDecisions(&a, &b) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

// compareDecisions is ListPromotionDecisions's order: RoundID, VacancyID,
// Position, ID.
func compareDecisions(a, b *promotion.PromotionDecision) int {
	return cmp.Or(cmp.Compare(a.RoundID, b.RoundID), cmp.Compare(a.VacancyID, b.VacancyID),
		cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
}
