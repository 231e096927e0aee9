package promotion

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/identity"
	"github.com/masarhr/masar-go/internal/ids"
	"github.com/masarhr/masar-go/internal/validation"
	"github.com/masarhr/masar-go/page"
)

// Options configures a Service. A nil *Options, and every zero field, means
// the default.
type Options struct {
	// Now returns the current time; read once per operation. Default time.Now.
	Now func() time.Time
	// NewID returns a new aggregate ID. Default: a new random unique ID.
	NewID func() string
	// Regulation is the rules new rounds apply (each round keeps the copy it
	// was announced with). Default DefaultRegulation().
	Regulation *Regulation
	// Scale is the salary scale for placements. Default GeneralScale().
	Scale *Scale
	// Location gives civil dates (decision dates) from Now. Default
	// hijri.SaudiTime().
	Location *time.Location
}

// Service runs promotion rounds over a Store: it owns every rule, state
// transition, ID and timestamp. It is safe for concurrent use; concurrent
// changes to one round are serialised by the round's version (the loser
// gets ErrConflict).
type Service struct {
	store Store
	now   func() time.Time
	newID func() string
	reg   Regulation
	scale *Scale
	loc   *time.Location
}

// New returns a Service over store. Options may be nil.
func New(store Store, opts *Options) *Service {
	if opts == nil {
		opts = &Options{}
	}
	s := &Service{store: store, now: opts.Now, newID: opts.NewID, scale: opts.Scale, loc: opts.Location}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = ids.New
	}
	if opts.Regulation != nil {
		s.reg = *opts.Regulation
	} else {
		s.reg = DefaultRegulation()
	}
	if s.scale == nil {
		s.scale = GeneralScale()
	}
	if s.loc == nil {
		s.loc = hijri.SaudiTime()
	}
	return s
}

// clock reads Now once and returns the stored instant (UTC, microseconds)
// and the civil date in the service's location.
func (s *Service) clock() (time.Time, hijri.Date, error) {
	now := s.now()
	today, err := hijri.FromTime(now.In(s.loc))
	if err != nil {
		return time.Time{}, hijri.Date{}, fmt.Errorf("promotion: today's date: %w", err)
	}
	return now.UTC().Truncate(time.Microsecond), today, nil
}

// RoundInput is what an agency sets on a draft round.
type RoundInput struct {
	// AgencyID identifies the agency running the round.
	AgencyID string `json:"agency_id" validate:"required,max=64" ar:"الجهة"`
	// Title names the round.
	Title i18n.Text `json:"title"`
	// ConsiderationDate is the date eligibility is judged on.
	ConsiderationDate hijri.Date `json:"consideration_date"`
	// Settings are the criteria, weights and tie-break element.
	Settings Settings `json:"settings"`
	// Vacancies are the vacant jobs.
	Vacancies []Vacancy `json:"vacancies" validate:"dive"`
}

func (s *Service) checkInput(in *RoundInput) error {
	if err := validation.Default().Struct(in); err != nil {
		return err
	}
	if in.Title.AR == "" {
		return ErrInvalid.Because("promotion.title", "the round needs an Arabic title", "يلزم عنوان عربي للدورة")
	}
	return nil
}

// CreateRound creates a draft round. The input may be incomplete (settings
// and vacancies can be set until the round is announced); its shape is
// checked. Errors: invalid input (fault.ErrInvalidInput or ErrInvalid).
func (s *Service) CreateRound(ctx context.Context, in RoundInput) (Round, error) {
	if err := s.checkInput(&in); err != nil {
		return Round{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, err
	}
	in.Settings = in.Settings.clone()
	r := Round{
		ID: s.newID(), AgencyID: in.AgencyID, Title: in.Title, Status: RoundDraft,
		ConsiderationDate: in.ConsiderationDate, Settings: in.Settings, Vacancies: Round{Vacancies: in.Vacancies}.Clone().Vacancies,
		Regulation: s.reg, CreatedAt: now, UpdatedAt: now,
	}
	stored, err := s.store.CreateRound(ctx, r)
	if err != nil {
		return Round{}, fmt.Errorf("promotion: create round: %w", err)
	}
	return stored, nil
}

// UpdateRound replaces the settings of a draft round read at version.
// Errors: ErrSettingsFrozen once the round is announced; ErrNotFound;
// ErrConflict for a stale version; invalid input.
func (s *Service) UpdateRound(ctx context.Context, id string, version int64, in RoundInput) (Round, error) {
	if err := s.checkInput(&in); err != nil {
		return Round{}, err
	}
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, err
	}
	if r.Status != RoundDraft {
		return Round{}, ErrSettingsFrozen
	}
	if in.AgencyID != r.AgencyID {
		return Round{}, ErrInvalid.Because("promotion.agency", "a round's agency cannot change", "لا يجوز تغيير جهة الدورة")
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, err
	}
	r.Title, r.ConsiderationDate = in.Title, in.ConsiderationDate
	r.Settings = in.Settings.clone()
	r.Vacancies = Round{Vacancies: in.Vacancies}.Clone().Vacancies
	r.Regulation = s.reg
	return s.save(ctx, r, now)
}

// load reads a round and checks the caller's version.
func (s *Service) load(ctx context.Context, id string, version int64) (Round, error) {
	if err := validation.ID("id", id); err != nil {
		return Round{}, err
	}
	r, err := s.store.GetRound(ctx, id)
	if err != nil {
		return Round{}, fmt.Errorf("promotion: get round %s: %w", id, err)
	}
	if r.Version != version {
		return Round{}, ErrConflict
	}
	return r, nil
}

func (s *Service) save(ctx context.Context, r Round, now time.Time) (Round, error) {
	r.UpdatedAt = now
	stored, err := s.store.UpdateRound(ctx, r)
	if err != nil {
		return Round{}, fmt.Errorf("promotion: update round %s: %w", r.ID, err)
	}
	return stored, nil
}

var roundStatusAR = map[RoundStatus]string{
	RoundDraft: "مسودة", RoundAnnounced: "معلنة", RoundOpen: "مفتوحة للترشح", RoundRanked: "تمت المفاضلة فيها",
	RoundDecided: "صدرت قراراتها", RoundClosed: "مغلقة", RoundCancelled: "ملغاة",
}

var opAR = map[string]string{
	"announce": "إعلان", "open": "فتح باب الترشح في", "close": "إغلاق", "cancel": "إلغاء", "add candidates to": "إضافة مرشحين إلى",
	"rank": "إجراء المفاضلة في", "decide": "إصدار قرارات",
}

func stateError(r *Round, op string, want ...RoundStatus) error {
	ws := make([]string, len(want))
	wsAR := make([]string, len(want))
	for i, w := range want {
		ws[i], wsAR[i] = string(w), roundStatusAR[w]
	}
	return ErrRoundState.Because("promotion.round_state",
		fmt.Sprintf("cannot %s a round that is %s (it must be %s)", op, r.Status, strings.Join(ws, " or ")),
		fmt.Sprintf("لا يمكن %s دورة %s (يجب أن تكون %s)", opAR[op], roundStatusAR[r.Status], strings.Join(wsAR, " أو ")))
}

// checkAnnounceable validates everything an announcement freezes.
func checkAnnounceable(r *Round) error {
	if err := r.Regulation.Validate(); err != nil {
		return err
	}
	if !r.ConsiderationDate.IsValid() {
		return ErrInvalid.Because("promotion.consideration_date", "the round needs a valid consideration date", "يلزم تاريخ صحيح للنظر في الترقية")
	}
	if err := r.Settings.Validate(&r.Regulation); err != nil {
		return err
	}
	if len(r.Vacancies) == 0 || len(r.Vacancies) > MaxVacancies {
		return ErrInvalid.Because("promotion.vacancies", fmt.Sprintf("a round offers 1 to %d vacancies", MaxVacancies), fmt.Sprintf("تطرح الدورة من 1 إلى %d وظيفة", MaxVacancies))
	}
	seen := map[string]bool{}
	for i, v := range r.Vacancies {
		f := "vacancies[" + strconv.Itoa(i) + "]"
		switch {
		case v.ID == "" || seen[v.ID]:
			return ErrInvalid.Because("promotion.vacancy_id", f+": vacancy IDs are required and unique", f+": رقم الوظيفة مطلوب وغير مكرر")
		case v.Positions < 1:
			return ErrInvalid.Because("promotion.vacancy_positions", f+": a vacancy has at least one vacant post", f+": يجب أن تتضمن الوظيفة شاغراً واحداً على الأقل")
		case v.Rank < r.Regulation.MinRank+1 || v.Rank > r.Regulation.MaxRank || (v.Exceptional && v.Rank < r.Regulation.MinRank+r.Regulation.ExceptionalRanks):
			return ErrInvalid.Because("promotion.vacancy_rank", f+": the rank is outside the scale or cannot be reached by promotion", f+": المرتبة خارج السلم أو لا تبلغ بالترقية")
		case v.RequiredExperience.TotalDays() < 0:
			return ErrInvalid.Because("promotion.vacancy_experience", f+": the required experience may not be negative", f+": لا يجوز أن تكون الخبرة المطلوبة سالبة")
		}
		seen[v.ID] = true
	}
	return nil
}

// AnnounceRound announces a draft round: it validates the settings (Reg art
// 52) and vacancies, fixes the regulation and records the digest; from now
// on nothing announced can change. Errors: ErrRoundState unless draft;
// ErrInvalid for invalid settings; ErrNotFound; ErrConflict.
func (s *Service) AnnounceRound(ctx context.Context, id string, version int64) (Round, error) {
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, err
	}
	if r.Status != RoundDraft {
		return Round{}, stateError(&r, "announce", RoundDraft)
	}
	if err := checkAnnounceable(&r); err != nil {
		return Round{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, err
	}
	r.Status, r.AnnouncedAt, r.Digest = RoundAnnounced, now, r.ComputeDigest()
	return s.save(ctx, r, now)
}

// OpenRound opens an announced round to candidates. Errors: ErrRoundState
// unless announced; ErrNotFound; ErrConflict.
func (s *Service) OpenRound(ctx context.Context, id string, version int64) (Round, error) {
	return s.transition(ctx, id, version, "open", RoundOpen, func(r *Round, now time.Time) { r.OpenedAt = now }, RoundAnnounced)
}

// CloseRound closes a decided round. Errors: ErrRoundState unless decided;
// ErrNotFound; ErrConflict.
func (s *Service) CloseRound(ctx context.Context, id string, version int64) (Round, error) {
	return s.transition(ctx, id, version, "close", RoundClosed, func(r *Round, now time.Time) { r.ClosedAt = now }, RoundDecided)
}

// CancelRound cancels a round that has no decisions yet. Errors:
// ErrRoundState once decided, closed or cancelled; ErrNotFound; ErrConflict.
func (s *Service) CancelRound(ctx context.Context, id string, version int64) (Round, error) {
	return s.transition(ctx, id, version, "cancel", RoundCancelled, func(r *Round, now time.Time) { r.ClosedAt = now },
		RoundDraft, RoundAnnounced, RoundOpen, RoundRanked)
}

func (s *Service) transition(ctx context.Context, id string, version int64, op string, to RoundStatus, set func(*Round, time.Time), from ...RoundStatus) (Round, error) {
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, err
	}
	if !slices.Contains(from, r.Status) {
		return Round{}, stateError(&r, op, from...)
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, err
	}
	r.Status = to
	set(&r, now)
	return s.save(ctx, r, now)
}

// AddCandidates adds (or replaces, by vacancy and national ID) candidates
// of an open round with their facts and scores. Every candidate is checked
// first; one invalid candidate rejects the batch and nothing is stored.
// Errors: ErrRoundState unless open; validation errors listing every bad
// field ("candidates[3].rating"); ErrNotFound; ErrConflict.
func (s *Service) AddCandidates(ctx context.Context, id string, version int64, cs []Candidate) (Round, error) {
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, err
	}
	if r.Status != RoundOpen {
		return Round{}, stateError(&r, "add candidates to", RoundOpen)
	}
	if err := checkCandidates(&r, s.scale, cs); err != nil {
		return Round{}, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, err
	}
	r.UpdatedAt = now
	stored, err := s.store.PutCandidates(ctx, r, cs)
	if err != nil {
		return Round{}, fmt.Errorf("promotion: put candidates of round %s: %w", r.ID, err)
	}
	return stored, nil
}

var errInvalidCandidates = ErrInvalid.Because("promotion.invalid_candidates",
	"some candidates are not valid", "بيانات بعض المرشحين غير صحيحة")

// checkCandidates checks candidates' shape against the round and the
// salary scale: key present and unique, vacancy known, rank and step on the
// scale, dates, ratings and scores in range. It reports at most 100
// violations.
func checkCandidates(r *Round, scale *Scale, cs []Candidate) error {
	sc, err := newScorer(&r.Settings, &r.Regulation)
	if err != nil {
		return err
	}
	ck := &candidateChecker{r: r, scale: scale, sc: sc,
		vac: make(map[string]*Vacancy, len(r.Vacancies)), seen: make(map[candidateKey]struct{}, len(cs))}
	for i := range r.Vacancies {
		ck.vac[r.Vacancies[i].ID] = &r.Vacancies[i]
	}
	for i := range cs {
		ck.i = i
		ck.check(&cs[i])
	}
	if len(ck.vs) > 0 {
		return errInvalidCandidates.WithFields(ck.vs...)
	}
	return nil
}

// candidateKey is a candidate's key within a round.
type candidateKey struct{ vacancyID, nationalID string }

// candidateChecker collects the violations of a batch of candidates.
type candidateChecker struct {
	r     *Round
	scale *Scale
	sc    *scorer
	vac   map[string]*Vacancy
	seen  map[candidateKey]struct{}
	vs    []fault.FieldViolation
	i     int // the index of the candidate being checked
}

// add records a violation of field of the current candidate.
func (ck *candidateChecker) add(field, reason, en, ar string) {
	if len(ck.vs) < 100 {
		ck.vs = append(ck.vs, fault.FieldViolation{Field: "candidates[" + strconv.Itoa(ck.i) + "]." + field, Reason: reason, Message: i18n.Text{EN: en, AR: ar}})
	}
}

// date checks a date field: valid when required or set.
func (ck *candidateChecker) date(field string, d hijri.Date, required bool) {
	if (required || !d.IsZero()) && !d.IsValid() {
		ck.add(field, "hijri_date", field+" must be a valid Hijri date", "يجب أن يكون التاريخ هجرياً صحيحاً")
	}
}

func (ck *candidateChecker) check(c *Candidate) {
	ck.checkKey(c)
	ck.checkJob(c)
	ck.date("appointment_date", c.AppointmentDate, true)
	ck.date("rank_date", c.RankDate, false)
	ck.date("birth_date", c.BirthDate, false)
	ck.date("rating_date", c.RatingDate, false)
	for k, d := range c.RankDays {
		if d < 0 {
			ck.add("rank_days."+strconv.Itoa(k), "min", "experience days may not be negative", "لا يجوز أن تكون أيام الخبرة سالبة")
		}
	}
	ck.checkStatuses(c.Statuses)
	ck.checkPenalties(c.Penalties)
	for j, p := range c.Promotions {
		ck.date("promotions["+strconv.Itoa(j)+"].date", p.Date, true)
	}
	ck.checkScores(c)
}

// checkKey checks the national ID, the key's uniqueness and the vacancy.
func (ck *candidateChecker) checkKey(c *Candidate) {
	if c.NationalID.IsZero() {
		ck.add("national_id", "required", "the national ID is required", "رقم الهوية مطلوب")
	}
	k := candidateKey{c.VacancyID, c.NationalID.String()}
	if _, dup := ck.seen[k]; dup {
		ck.add("national_id", "duplicate", "the candidate appears twice for vacancy "+c.VacancyID, "المرشح مكرر للوظيفة "+c.VacancyID)
	}
	ck.seen[k] = struct{}{}
	if _, ok := ck.vac[c.VacancyID]; !ok {
		ck.add("vacancy_id", "vacancy", "no vacancy "+c.VacancyID+" in the round", "لا توجد الوظيفة "+c.VacancyID+" في الدورة")
	}
}

// checkJob checks the rank and step against the regulation and the salary
// scale, and the rating against the regulation.
func (ck *candidateChecker) checkJob(c *Candidate) {
	reg := &ck.r.Regulation
	if c.Rank < reg.MinRank || c.Rank > reg.MaxRank {
		ck.add("rank", "rank", "the rank is outside the scale", "المرتبة خارج السلم")
	}
	if sr, ok := ck.scale.Rank(c.Rank); !ok {
		ck.add("rank", "rank", "the salary scale has no rank "+strconv.Itoa(c.Rank), "سلم الرواتب لا يتضمن المرتبة "+strconv.Itoa(c.Rank))
	} else if c.Step < 1 || c.Step > sr.Steps {
		ck.add("step", "step", "the step must be from 1 to "+strconv.Itoa(sr.Steps), "يجب أن تكون الدرجة من 1 إلى "+strconv.Itoa(sr.Steps))
	}
	if c.Rating < 0 || c.Rating > reg.RatingMax {
		ck.add("rating", "rating", "the rating must be from 0 (none) to "+strconv.Itoa(reg.RatingMax), "يجب أن يكون تقويم الأداء من 0 (لا يوجد) إلى "+strconv.Itoa(reg.RatingMax))
	}
}

func (ck *candidateChecker) checkStatuses(ss []Status) {
	for j, st := range ss {
		f := "statuses[" + strconv.Itoa(j) + "]"
		if st.Kind < Scholarship || st.Kind > TrialReferral {
			ck.add(f+".kind", "kind", "unknown status kind", "نوع حالة غير معروف")
		}
		ck.date(f+".from", st.From, true)
		ck.date(f+".to", st.To, false)
		if !st.To.IsZero() && st.To.Before(st.From) {
			ck.add(f+".to", "order", "a status ends after it starts", "يجب أن تنتهي الحالة بعد بدايتها")
		}
	}
}

func (ck *candidateChecker) checkPenalties(ps []Penalty) {
	for j, p := range ps {
		f := "penalties[" + strconv.Itoa(j) + "]"
		if p.Kind < IncrementDeprivation || p.Kind > OtherPenalty {
			ck.add(f+".kind", "kind", "unknown penalty kind", "نوع عقوبة غير معروف")
		}
		ck.date(f+".date", p.Date, true)
		ck.date(f+".until", p.Until, false)
		if p.Days < 0 {
			ck.add(f+".days", "min", "deduction days may not be negative", "لا يجوز أن تكون أيام الحسم سالبة")
		}
	}
}

// checkScores checks the raw scores of the round's criteria other than the rating.
func (ck *candidateChecker) checkScores(c *Candidate) {
	sc := ck.sc
	for j := 0; j < sc.n; j++ {
		if _, ok := sc.raw(c, j); !ok && sc.crit[j] != CriterionRating {
			w, _ := ck.r.Settings.Weight(sc.crit[j])
			ck.add("scores."+sc.crit[j].String(), "score",
				"the score must be from 0 to "+w.Max.String()+" with at most 4 decimal places",
				"يجب أن تكون الدرجة من 0 إلى "+w.Max.String()+" بأربع منازل عشرية على الأكثر")
		}
	}
}

// allCandidates reads every candidate of a round in pages.
func (s *Service) allCandidates(ctx context.Context, roundID string) ([]Candidate, error) {
	const batch = 10000
	n, err := s.store.CountCandidates(ctx, roundID)
	if err != nil {
		return nil, fmt.Errorf("promotion: count candidates of round %s: %w", roundID, err)
	}
	out := make([]Candidate, 0, n) // one allocation, not a doubling per page
	after := ""
	for {
		cs, err := s.store.ListCandidates(ctx, roundID, CandidateFilter{After: after, Limit: batch})
		if err != nil {
			return nil, fmt.Errorf("promotion: list candidates of round %s: %w", roundID, err)
		}
		out = append(out, cs...)
		if len(cs) < batch {
			return out, nil
		}
		after = cs[len(cs)-1].Cursor()
	}
}

var errDigest = ErrSettingsFrozen.Because("promotion.settings_changed",
	"the round's announced settings no longer match their digest; it cannot be ranked",
	"لا تطابق إعدادات الدورة المعلنة بصمتها المسجلة؛ لا يمكن إجراء المفاضلة")

// RankRound closes an open round to candidates and ranks it: eligibility on
// the consideration date under the round's regulation, scores, order and
// winners (RankCandidates), stored as the round's results. Errors:
// ErrRoundState unless open; ErrSettingsFrozen (reason
// promotion.settings_changed) if the announced settings were altered in the
// store; ErrInvalid from RankCandidates; ErrNotFound; ErrConflict.
func (s *Service) RankRound(ctx context.Context, id string, version int64) (Round, *Ranking, error) {
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, nil, err
	}
	if r.Status != RoundOpen {
		return Round{}, nil, stateError(&r, "rank", RoundOpen)
	}
	if r.Digest != r.ComputeDigest() {
		return Round{}, nil, errDigest
	}
	cs, err := s.allCandidates(ctx, r.ID)
	if err != nil {
		return Round{}, nil, err
	}
	rk, err := RankCandidates(&r.Regulation, &r.Settings, r.Vacancies, cs, r.ConsiderationDate)
	if err != nil {
		return Round{}, nil, err
	}
	now, _, err := s.clock()
	if err != nil {
		return Round{}, nil, err
	}
	r.Status, r.RankedAt, r.UpdatedAt = RoundRanked, now, now
	stored, err := s.store.SaveRoundResults(ctx, r, rk.Entries)
	if err != nil {
		return Round{}, nil, fmt.Errorf("promotion: save results of round %s: %w", r.ID, err)
	}
	return stored, rk, nil
}

// DecideRound issues the promotion decisions of a ranked round: one per
// winner, dated decisionDate and effective the same day (Reg art 58: never
// retroactive), with the salary step on the new rank (Place, CSL art
// 18(b)). A zero decisionDate means today in the service's location.
// Errors: ErrRetroactive for a decisionDate before today; ErrInvalid for
// one after today or a rank or step the scale lacks; ErrRoundState unless
// ranked; ErrNotFound; ErrConflict.
func (s *Service) DecideRound(ctx context.Context, id string, version int64, decisionDate hijri.Date) (Round, []PromotionDecision, error) {
	now, today, err := s.clock()
	if err != nil {
		return Round{}, nil, err
	}
	switch {
	case decisionDate.IsZero():
		decisionDate = today
	case decisionDate.Before(today):
		return Round{}, nil, ErrRetroactive
	case decisionDate.After(today):
		return Round{}, nil, ErrInvalid.Because("promotion.decision_date_future",
			"a decision is dated the day it is issued, not later", "يؤرخ القرار بيوم صدوره لا بعده")
	}
	r, err := s.load(ctx, id, version)
	if err != nil {
		return Round{}, nil, err
	}
	if r.Status != RoundRanked {
		return Round{}, nil, stateError(&r, "decide", RoundRanked)
	}
	var ds []PromotionDecision
	for vi := range r.Vacancies {
		v := &r.Vacancies[vi]
		winners, err := s.store.ListRoundResults(ctx, r.ID, ResultFilter{VacancyID: v.ID, WinnersOnly: true})
		if err != nil {
			return Round{}, nil, fmt.Errorf("promotion: list results of round %s: %w", r.ID, err)
		}
		for _, w := range winners {
			c, err := s.store.GetCandidate(ctx, r.ID, v.ID, w.NationalID.String())
			if err != nil {
				return Round{}, nil, fmt.Errorf("promotion: get candidate of round %s: %w", r.ID, err)
			}
			p, err := Place(s.scale, c.Rank, c.Step, v.Rank)
			if err != nil {
				return Round{}, nil, err
			}
			ds = append(ds, PromotionDecision{
				ID: s.newID(), RoundID: r.ID, AgencyID: r.AgencyID, VacancyID: v.ID,
				NationalID: c.NationalID, Name: c.Name, Exceptional: v.Exceptional,
				Position: w.Position, Total: w.Total, Placement: p, ScaleCode: s.scale.Code,
				DecisionDate: decisionDate, EffectiveDate: decisionDate, CreatedAt: now, Version: 1,
			})
		}
	}
	r.Status, r.DecidedAt, r.UpdatedAt = RoundDecided, now, now
	stored, err := s.store.CreatePromotionDecisions(ctx, r, ds)
	if err != nil {
		return Round{}, nil, fmt.Errorf("promotion: create decisions of round %s: %w", r.ID, err)
	}
	return stored, ds, nil
}

// Explain re-checks one candidate of a round exactly as the round judged
// it (the round's regulation, vacancy and consideration date) and returns
// every failed rule with its facts: the answer to "why was I not
// eligible?". Errors: fault.ErrInvalidInput, with the field, for an ID no
// store could hold (a NUL byte, invalid UTF-8 or over 200 bytes); ErrNotFound.
func (s *Service) Explain(ctx context.Context, roundID, vacancyID, nationalID string) (Decision, error) {
	if err := checkIDs("round_id", roundID, "vacancy_id", vacancyID, "national_id", nationalID); err != nil {
		return Decision{}, err
	}
	r, err := s.store.GetRound(ctx, roundID)
	if err != nil {
		return Decision{}, fmt.Errorf("promotion: get round %s: %w", roundID, err)
	}
	v, ok := r.Vacancy(vacancyID)
	if !ok {
		return Decision{}, ErrNotFound
	}
	c, err := s.store.GetCandidate(ctx, roundID, vacancyID, nationalID)
	if err != nil {
		return Decision{}, fmt.Errorf("promotion: get candidate: %w", err)
	}
	return r.Regulation.Eligibility(&c, v, r.ConsiderationDate), nil
}

// Candidacies returns every candidacy of person id in a round, one per
// vacancy applied for, by vacancy ID; none when they are not a candidate.
// Errors: fault.ErrInvalidInput (field "round_id") for a round ID no store
// could hold (a NUL byte, invalid UTF-8 or over 200 bytes); ErrNotFound if
// the round does not exist.
func (s *Service) Candidacies(ctx context.Context, roundID string, id identity.NationalID) ([]Candidate, error) {
	var out []Candidate
	if err := validation.ID("round_id", roundID); err != nil {
		return nil, err
	}
	if id.IsZero() {
		return out, nil
	}
	after := ""
	for {
		cs, err := s.store.ListCandidates(ctx, roundID, CandidateFilter{NationalID: id, After: after, Limit: page.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("promotion: list candidacies in round %s: %w", roundID, err)
		}
		out = append(out, cs...)
		if len(cs) < page.MaxLimit {
			return out, nil
		}
		after = cs[len(cs)-1].Cursor()
	}
}

// GetRound returns a round. Errors: fault.ErrInvalidInput (field "id") for an
// ID no store could hold (a NUL byte, invalid UTF-8 or over 200 bytes);
// ErrNotFound.
func (s *Service) GetRound(ctx context.Context, id string) (Round, error) {
	if err := validation.ID("id", id); err != nil {
		return Round{}, err
	}
	r, err := s.store.GetRound(ctx, id)
	if err != nil {
		return Round{}, fmt.Errorf("promotion: get round %s: %w", id, err)
	}
	return r, nil
}

// ListRounds lists a page of rounds, newest first (CreatedAt descending,
// then ID). f.Limit is capped to page.MaxLimit (0: page.DefaultLimit); the
// page's Next is the ID of its last round. Errors: fault.ErrInvalidInput,
// with the field, for a string of f no store could hold (a NUL byte, invalid
// UTF-8 or over 200 bytes); ErrNotFound if f.After names no round.
func (s *Service) ListRounds(ctx context.Context, f RoundFilter) (page.Page[Round], error) {
	if err := checkIDs("agency_id", f.AgencyID, "status", string(f.Status), "after", f.After); err != nil {
		return page.Page[Round]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	rs, err := s.store.ListRounds(ctx, f)
	if err != nil {
		return page.Page[Round]{}, fmt.Errorf("promotion: list rounds: %w", err)
	}
	return page.New(rs, limit, func(r Round) string { return r.ID }), nil
}

// ListCandidates lists a page of a round's candidates by vacancy and national
// ID. f.Limit is capped to page.MaxLimit (0: page.DefaultLimit); the page's
// Next is the Cursor of its last candidate. Errors: fault.ErrInvalidInput,
// with the field, for an ID no store could hold (a NUL byte, invalid UTF-8 or
// over 200 bytes); ErrNotFound if the round does not exist or f.After names
// none of its candidates.
func (s *Service) ListCandidates(ctx context.Context, roundID string, f CandidateFilter) (page.Page[Candidate], error) {
	if err := checkIDs("round_id", roundID, "vacancy_id", f.VacancyID, "after", f.After); err != nil {
		return page.Page[Candidate]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	cs, err := s.store.ListCandidates(ctx, roundID, f)
	if err != nil {
		return page.Page[Candidate]{}, fmt.Errorf("promotion: list candidates of round %s: %w", roundID, err)
	}
	return page.New(cs, limit, func(c Candidate) string { return c.Cursor() }), nil
}

// ListRoundResults lists a page of a round's ranking in Seq order. f.Limit is
// capped to page.MaxLimit (0: page.DefaultLimit); the page's Next is the
// Cursor of its last result. Errors: fault.ErrInvalidInput, with the field,
// for an ID no store could hold (a NUL byte, invalid UTF-8 or over 200
// bytes); ErrNotFound if the round does not exist or f.After names none of
// its results.
func (s *Service) ListRoundResults(ctx context.Context, roundID string, f ResultFilter) (page.Page[Result], error) {
	if err := checkIDs("round_id", roundID, "vacancy_id", f.VacancyID, "after", f.After); err != nil {
		return page.Page[Result]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	rs, err := s.store.ListRoundResults(ctx, roundID, f)
	if err != nil {
		return page.Page[Result]{}, fmt.Errorf("promotion: list results of round %s: %w", roundID, err)
	}
	return page.New(rs, limit, func(r Result) string { return r.Cursor() }), nil
}

// GetPromotionDecision returns a decision. Errors: fault.ErrInvalidInput
// (field "id") for an ID no store could hold (a NUL byte, invalid UTF-8 or
// over 200 bytes); ErrNotFound.
func (s *Service) GetPromotionDecision(ctx context.Context, id string) (PromotionDecision, error) {
	if err := validation.ID("id", id); err != nil {
		return PromotionDecision{}, err
	}
	d, err := s.store.GetPromotionDecision(ctx, id)
	if err != nil {
		return PromotionDecision{}, fmt.Errorf("promotion: get decision %s: %w", id, err)
	}
	return d, nil
}

// ListPromotionDecisions lists a page of decisions by round, vacancy,
// position and ID. f.Limit is capped to page.MaxLimit (0: page.DefaultLimit);
// the page's Next is the ID of its last decision. Errors:
// fault.ErrInvalidInput, with the field, for a string of f no store could
// hold (a NUL byte, invalid UTF-8 or over 200 bytes); ErrNotFound if f.After
// names no decision.
func (s *Service) ListPromotionDecisions(ctx context.Context, f DecisionFilter) (page.Page[PromotionDecision], error) {
	if err := checkIDs("round_id", f.RoundID, "national_id", f.NationalID, "agency_id", f.AgencyID, "after", f.After); err != nil {
		return page.Page[PromotionDecision]{}, err
	}
	limit := page.Limit(f.Limit, page.DefaultLimit, page.MaxLimit)
	f.Limit = page.Fetch(limit)
	ds, err := s.store.ListPromotionDecisions(ctx, f)
	if err != nil {
		return page.Page[PromotionDecision]{}, fmt.Errorf("promotion: list decisions: %w", err)
	}
	return page.New(ds, limit, func(d PromotionDecision) string { return d.ID }), nil
}

// checkIDs checks identifiers given on their own, as field-value pairs,
// with validation.ID, so that every Store answers the same invalid (with
// the field) for text none could hold alike; it returns the first refusal.
func checkIDs(fieldValues ...string) error {
	for i := 0; i+1 < len(fieldValues); i += 2 {
		if err := validation.ID(fieldValues[i], fieldValues[i+1]); err != nil {
			return err
		}
	}
	return nil
}
