package promotion

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Separation says which key placed a ranked candidate below the one just
// above it in the same vacancy (Reg art 52(d)).
type Separation uint8

// The separations, in the order the keys apply.
const (
	// SeparatedByNone: the first candidate of a vacancy, or not ranked.
	SeparatedByNone Separation = iota
	// SeparatedByTotal: a lower total of points.
	SeparatedByTotal
	// SeparatedByTieBreak: equal totals; a lower raw score on the announced
	// tie-break element (Reg art 52(d)(1)).
	SeparatedByTieBreak
	// SeparatedByAppointment: equal so far; a later appointment date,
	// compared as a date (Reg art 52(d)(2)).
	SeparatedByAppointment
	// SeparatedByFinalTieBreak: equal so far; the element the agency
	// announced as its last tie-break (Settings.FinalTieBreak, Reg art
	// 52(d)(3)).
	SeparatedByFinalTieBreak
	// SeparatedByNationalID: equal on every announced element; a greater
	// national ID, the deterministic final key.
	SeparatedByNationalID
)

var separationNames = [...]string{"", "total", "tie_break", "appointment_date", "final_tie_break", "national_id"}

// String returns the separation's code: "total", "tie_break",
// "appointment_date", "final_tie_break", "national_id", or "" for none.
func (s Separation) String() string {
	if int(s) < len(separationNames) {
		return separationNames[s]
	}
	return "separation(?)"
}

// MarshalText encodes s as its code.
func (s Separation) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a separation code.
func (s *Separation) UnmarshalText(b []byte) error {
	for i, n := range separationNames {
		if n == string(b) {
			*s = Separation(i)
			return nil
		}
	}
	return fmt.Errorf("promotion: unknown separation %q", b)
}

// Entry is one candidate's line in a Ranking.
type Entry struct {
	// Index is the candidate's index in the slice given to RankCandidates.
	Index int `json:"index"`
	// VacancyID and NationalID are the candidate's key.
	VacancyID  string              `json:"vacancy_id"`
	NationalID identity.NationalID `json:"national_id"` // with VacancyID, the key
	// Eligible is true when no rule failed; Failed is the set of failed rules
	// (Regulation.Eligibility explains them).
	Eligible bool  `json:"eligible"`
	Failed   Rules `json:"failed"` // empty when eligible
	// Position is the 1-based place among the vacancy's eligible candidates;
	// 0 for an ineligible one.
	Position int `json:"position"`
	// Winner marks the first Positions eligible candidates of the vacancy.
	Winner bool `json:"winner"`
	// Points are the points per criterion, indexed by Criterion−1; zero for
	// a criterion the round does not use and for ineligible candidates.
	Points [NumCriteria]Points `json:"points"`
	// Total is the sum of Points.
	Total Points `json:"total"`
	// SeparatedBy says which key placed the entry below the previous one.
	SeparatedBy Separation `json:"separated_by"`
}

// VacancyResult summarises one vacancy of a Ranking.
type VacancyResult struct {
	VacancyID string `json:"vacancy_id"` // the vacancy
	// Positions is the number of vacant posts.
	Positions int `json:"positions"`
	// Candidates and Eligible count the vacancy's candidates.
	Candidates int `json:"candidates"`
	Eligible   int `json:"eligible"` // how many are eligible
	// Winners is min(Positions, Eligible).
	Winners int `json:"winners"`
	// First is the index in Ranking.Entries of the vacancy's first entry;
	// its entries are Entries[First : First+Candidates].
	First int `json:"first"`
}

// Ranking is the outcome of RankCandidates.
type Ranking struct {
	// Entries lists every candidate: vacancy by vacancy in the order the
	// vacancies were given, first the eligible ones by position, then the
	// ineligible ones by national ID.
	Entries []Entry `json:"entries"`
	// Vacancies has one result per vacancy, in the order given.
	Vacancies []VacancyResult `json:"vacancies"`
}

// Winners returns the winning entries of vacancy i, best first.
func (rk *Ranking) Winners(i int) []Entry {
	v := rk.Vacancies[i]
	return rk.Entries[v.First : v.First+v.Winners]
}

// key is a candidate's sort key packed into three words:
//
//	hi:  vacancy index (16 bits) | ineligible (1) | 16383−total (14) | maxRaw−tieBreakRaw (33)
//	mid: appointment date as year·512+month·32+day (20 bits) | the final tie-break element's value (44)
//	lo:  national ID digits
//
// so that ascending order is: vacancy, eligible first, total descending,
// tie-break element descending, appointment date ascending, the agency's
// final element (finalValue: better is smaller), national ID ascending.
// Ineligible candidates have zero score, date and element fields, so they
// follow by national ID.
type key struct {
	hi, mid, lo uint64
	idx         int32
}

const (
	maxTotal   = 1<<14 - 1
	maxTieRaw  = 1<<33 - 1
	finalBits  = 44
	scoreShift = 33
	// maxDate is above every packed date: a missing date ranks last.
	maxDate = 1<<20 - 1
)

// packDate packs a date as year·512+month·32+day (20 bits), maxDate for a
// missing one.
func packDate(d hijri.Date) uint64 {
	if !d.IsValid() {
		return maxDate
	}
	return uint64(d.Year*512 + int(d.Month)*32 + d.Day)
}

// finalValue is candidate c's value on the agency's final tie-break
// element, smaller for the better candidate: it fits in finalBits. raw is
// c's raw score on the element's criterion (TieCriterion).
func (sc *scorer) finalValue(c *Candidate, raw int64) uint64 {
	switch sc.final {
	case TieCriterion:
		return uint64(maxTieRaw - raw)
	case TieRankSeniority:
		return packDate(c.RankDate)
	case TieRankExperience:
		d := int64(0)
		if c.Rank >= 1 && c.Rank <= MaxRanks {
			d = int64(max(c.RankDays[c.Rank], 0))
		}
		return uint64(1<<32 - 1 - d)
	case TieQualification:
		best := QualificationLevel(0)
		for _, q := range c.Qualifications {
			best = max(best, q.Level)
		}
		return uint64(255 - min(max(best, 0), 255))
	case TieAge:
		return packDate(c.BirthDate)
	}
	return 0
}

// RankCandidates ranks a round: it checks every candidate's eligibility for
// the vacancy it applied to on asOf (the round's consideration date), scores
// the eligible ones on the announced settings, orders each vacancy's
// candidates by the rules of Reg art 52(d) and marks the winners.
//
// Order within a vacancy: total points descending; then the raw score on the
// tie-break element descending; then the appointment date ascending (an
// earlier appointment ranks first, compared as a calendar date); then the
// element the agency announced as its own last tie-break
// (Settings.FinalTieBreak, Reg art 52(d)(3)), if any; then the national ID
// ascending, a deterministic final key. The result does not
// depend on the order of candidates. Points follow CriterionPoints exactly.
//
// Candidates must be unique by (VacancyID, NationalID) — the Store
// guarantees it for a round. Errors match ErrInvalid: settings that fail
// Settings.Validate, a candidate naming an unknown vacancy, an eligible
// candidate with a missing national ID or appointment date, or with a score
// below 0, above the criterion's Max or with more than RawScale decimals.
func RankCandidates(reg *Regulation, s *Settings, vacancies []Vacancy, candidates []Candidate, asOf hijri.Date) (*Ranking, error) {
	sc, vidx, err := prepareRanking(reg, s, vacancies, asOf)
	if err != nil {
		return nil, err
	}
	n := len(candidates)
	rr := &ranker{
		reg: reg, sc: sc, vidx: vidx, vacancies: vacancies, candidates: candidates, asOf: asOf,
		keys: make([]key, n), pts: make([][NumCriteria]int16, n), failed: make([]Rules, n),
	}
	workers := 1
	if n >= parallelMin {
		workers = max(1, min(runtime.GOMAXPROCS(0), maxWorkers))
	}
	counts, eligible, err := rr.score(workers)
	if err != nil {
		return nil, err
	}
	keys := sortKeys(rr.keys, workers)
	rk := &Ranking{Entries: make([]Entry, n), Vacancies: make([]VacancyResult, len(vacancies))}
	first := 0
	for vi := range vacancies {
		v := &vacancies[vi]
		w := min(v.Positions, eligible[vi])
		rk.Vacancies[vi] = VacancyResult{VacancyID: v.ID, Positions: v.Positions, Candidates: counts[vi], Eligible: eligible[vi], Winners: max(w, 0), First: first}
		first += counts[vi]
	}
	rr.fillEntries(rk, keys, workers)
	placeEntries(rk, keys)
	return rk, nil
}

// prepareRanking checks RankCandidates's inputs other than the candidates
// and returns the compiled scorer and the index of each vacancy ID.
func prepareRanking(reg *Regulation, s *Settings, vacancies []Vacancy, asOf hijri.Date) (*scorer, map[string]int, error) {
	if !asOf.IsValid() {
		return nil, nil, ErrInvalid.Because("promotion.as_of", "the consideration date is not a valid Hijri date", "تاريخ النظر في الترقية ليس تاريخاً هجرياً صحيحاً")
	}
	if err := reg.Validate(); err != nil {
		return nil, nil, err
	}
	sc, err := newScorer(s, reg)
	if err != nil {
		return nil, nil, err
	}
	if len(vacancies) > MaxVacancies {
		return nil, nil, ErrInvalid.Because("promotion.too_many_vacancies",
			fmt.Sprintf("a round may have at most %d vacancies", MaxVacancies), fmt.Sprintf("لا يجوز أن تزيد الوظائف في الدورة على %d", MaxVacancies))
	}
	vidx := make(map[string]int, len(vacancies))
	for i := range vacancies {
		if _, dup := vidx[vacancies[i].ID]; dup {
			return nil, nil, ErrInvalid.Because("promotion.duplicate_vacancy", "vacancy "+vacancies[i].ID+" is listed twice", "الوظيفة "+vacancies[i].ID+" مكررة")
		}
		vidx[vacancies[i].ID] = i
	}
	return sc, vidx, nil
}

// ranker holds one RankCandidates call's inputs and per-candidate results,
// indexed like candidates.
type ranker struct {
	reg        *Regulation
	sc         *scorer
	vidx       map[string]int
	vacancies  []Vacancy
	candidates []Candidate
	asOf       hijri.Date

	keys   []key
	pts    [][NumCriteria]int16 // points in hundredths (≤ 10000)
	failed []Rules
}

// tally is one chunk's count of candidates and eligible candidates per
// vacancy, and its first error.
type tally struct {
	counts, eligible []int
	err              error
}

// score is pass 1, in parallel over chunks of the input: eligibility,
// points and the sort key of every candidate. Each chunk stops at its first
// error; the error of the lowest-numbered chunk is the first in input
// order. It returns the counts per vacancy.
func (rr *ranker) score(workers int) (counts, eligible []int, err error) {
	nv := len(rr.vacancies)
	tallies := make([]tally, workers)
	parallel(len(rr.candidates), workers, func(w, lo, hi int) {
		t := tally{counts: make([]int, nv), eligible: make([]int, nv)}
		t.err = rr.scoreChunk(&t, lo, hi)
		tallies[w] = t
	})
	counts, eligible = make([]int, nv), make([]int, nv)
	for _, t := range tallies {
		if t.err != nil {
			return nil, nil, t.err
		}
		for vi := range counts {
			counts[vi] += t.counts[vi]
			eligible[vi] += t.eligible[vi]
		}
	}
	return counts, eligible, nil
}

// scoreChunk scores candidates[lo:hi] into t and the ranker's slices.
func (rr *ranker) scoreChunk(t *tally, lo, hi int) error {
	lastVac, lastIdx := "", -1
	for i := lo; i < hi; i++ {
		c := &rr.candidates[i]
		vi := lastIdx
		if c.VacancyID != lastVac || lastIdx < 0 {
			var ok bool
			if vi, ok = rr.vidx[c.VacancyID]; !ok {
				return candidateError(c, "promotion.unknown_vacancy", "applies to an unknown vacancy "+c.VacancyID, "يتقدم لوظيفة غير معروفة "+c.VacancyID)
			}
			lastVac, lastIdx = c.VacancyID, vi
		}
		t.counts[vi]++
		id, ok := idNumber(c.NationalID)
		if !ok {
			return candidateError(c, "promotion.candidate_id", "has no national ID", "بلا رقم هوية")
		}
		k := key{hi: uint64(vi) << 48, lo: id, idx: int32(i)}
		f := rr.reg.eval(c, &rr.vacancies[vi], rr.asOf, nil)
		rr.failed[i] = f
		if f != 0 {
			k.hi |= 1 << 47
			rr.keys[i] = k
			continue
		}
		t.eligible[vi]++
		if err := rr.scoreEligible(i, &k); err != nil {
			return err
		}
		rr.keys[i] = k
	}
	return nil
}

// scoreEligible computes eligible candidate i's points and completes its key.
func (rr *ranker) scoreEligible(i int, k *key) error {
	c, sc := &rr.candidates[i], rr.sc
	if !c.AppointmentDate.IsValid() {
		return candidateError(c, "promotion.appointment_date", "has no valid appointment date", "بلا تاريخ تعيين صحيح")
	}
	var total, tie, final int64
	for j := 0; j < sc.n; j++ {
		r, ok := sc.raw(c, j)
		if !ok {
			return candidateError(c, "promotion.score",
				"has a "+sc.crit[j].String()+" score outside 0 to its maximum or with more than 4 decimal places",
				"درجته في معيار "+sc.crit[j].Name().AR+" خارج النطاق من صفر إلى الدرجة العظمى أو بأكثر من أربع منازل عشرية")
		}
		p := sc.points(j, r)
		rr.pts[i][sc.crit[j]-1] = int16(p)
		total += int64(p)
		if j == sc.tb {
			tie = r
		}
		if j == sc.ftb {
			final = r
		}
	}
	k.hi |= uint64(maxTotal-total)<<scoreShift | uint64(maxTieRaw-tie)
	k.mid = packDate(c.AppointmentDate)<<finalBits | sc.finalValue(c, final)
	return nil
}

// fillEntries is pass 2, in parallel: each entry's own fields, in key order.
func (rr *ranker) fillEntries(rk *Ranking, keys []key, workers int) {
	parallel(len(keys), workers, func(_, lo, hi int) {
		for k := lo; k < hi; k++ {
			i := int(keys[k].idx)
			c := &rr.candidates[i]
			e := &rk.Entries[k]
			e.Index, e.VacancyID, e.NationalID, e.Failed = i, c.VacancyID, c.NationalID, rr.failed[i]
			if rr.failed[i] != 0 {
				continue
			}
			e.Eligible = true
			var total Points
			for j := range NumCriteria {
				e.Points[j] = Points(rr.pts[i][j])
				total += e.Points[j]
			}
			e.Total = total
		}
	})
}

// placeEntries is pass 3, in order: positions, winners and what separated
// each entry from the one above.
func placeEntries(rk *Ranking, keys []key) {
	pos, prevVac := 0, uint64(1<<63)
	for k := range keys {
		ky := &keys[k]
		if ky.hi&(1<<47) != 0 {
			continue
		}
		e := &rk.Entries[k]
		vi := ky.hi >> 48
		if vi != prevVac {
			pos, prevVac = 0, vi
		} else {
			e.SeparatedBy = separation(&keys[k-1], ky)
		}
		pos++
		e.Position = pos
		e.Winner = pos <= rk.Vacancies[vi].Winners
	}
}

// Parallelism of RankCandidates: rounds of parallelMin candidates or more
// use up to maxWorkers goroutines (and GOMAXPROCS). The result is the same
// whatever the number.
const (
	parallelMin = 1 << 15
	maxWorkers  = 8
)

// parallel calls fn(w, lo, hi) for workers consecutive chunks of [0, n),
// concurrently, and waits.
func parallel(n, workers int, fn func(w, lo, hi int)) {
	if workers <= 1 {
		fn(0, 0, n)
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*chunk, n), min((w+1)*chunk, n)
		wg.Go(func() { fn(w, lo, hi) })
	}
	wg.Wait()
}

func compareKey(a, b key) int {
	if c := cmp.Compare(a.hi, b.hi); c != 0 {
		return c
	}
	if c := cmp.Compare(a.mid, b.mid); c != 0 {
		return c
	}
	return cmp.Compare(a.lo, b.lo)
}

// sortKeys sorts keys, in parallel chunks merged pairwise when workers > 1.
// Keys are distinct (they end in the national ID, and candidates are unique
// per vacancy), so the order is total and does not depend on the chunks.
func sortKeys(keys []key, workers int) []key {
	if workers <= 1 || len(keys) < 2*workers {
		slices.SortFunc(keys, compareKey)
		return keys
	}
	chunk := (len(keys) + workers - 1) / workers
	runs := make([][]key, 0, workers)
	for lo := 0; lo < len(keys); lo += chunk {
		runs = append(runs, keys[lo:min(lo+chunk, len(keys))])
	}
	parallel(len(runs), len(runs), func(_, lo, hi int) {
		for _, r := range runs[lo:hi] {
			slices.SortFunc(r, compareKey)
		}
	})
	buf := make([]key, len(keys))
	for len(runs) > 1 {
		next := make([][]key, 0, (len(runs)+1)/2)
		var wg sync.WaitGroup
		off := 0
		for i := 0; i < len(runs); i += 2 {
			if i+1 == len(runs) {
				dst := buf[off : off+len(runs[i])]
				copy(dst, runs[i])
				next = append(next, dst)
				off += len(runs[i])
				continue
			}
			a, b := runs[i], runs[i+1]
			dst := buf[off : off+len(a)+len(b)]
			off += len(dst)
			next = append(next, dst)
			wg.Go(func() { mergeKeys(dst, a, b) })
		}
		wg.Wait()
		runs = next
		keys, buf = buf, keys
	}
	return runs[0]
}

// mergeKeys merges the sorted a and b into dst.
func mergeKeys(dst, a, b []key) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if compareKey(a[i], b[j]) <= 0 {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}

// separation names the first key on which b follows a (same vacancy, both eligible).
func separation(a, b *key) Separation {
	const scoreMask = uint64(maxTotal) << scoreShift
	switch {
	case a.hi&scoreMask != b.hi&scoreMask:
		return SeparatedByTotal
	case a.hi != b.hi:
		return SeparatedByTieBreak
	case a.mid>>finalBits != b.mid>>finalBits:
		return SeparatedByAppointment
	case a.mid != b.mid:
		return SeparatedByFinalTieBreak
	}
	return SeparatedByNationalID
}

// idNumber returns the national ID's ten digits as a number.
func idNumber(id identity.NationalID) (uint64, bool) {
	s := id.String()
	if len(s) != 10 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		n = n*10 + uint64(s[i]-'0')
	}
	return n, true
}

func candidateError(c *Candidate, reason, en, ar string) error {
	return ErrInvalid.Because(reason,
		"candidate "+c.NationalID.Masked()+" for vacancy "+c.VacancyID+" "+en,
		"المرشح "+c.NationalID.Masked()+" للوظيفة "+c.VacancyID+" "+ar)
}
