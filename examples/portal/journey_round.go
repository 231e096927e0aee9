package main

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/masarhr/masar-go/adapters/httpapi"
	"github.com/masarhr/masar-go/audit"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
	"github.com/masarhr/masar-go/promotion"
)

// The round journey: HR creates a promotion round and runs it to its
// decisions (journey_round.go), and a ministry auditor searches the audit
// trail (journey_round_audit.go). A round's page reads the round (its
// version is the If-Match of the next action), its candidates, its results
// once ranked and its decisions once issued from the API.

// roundLabels are the round journey's words.
var roundLabels = i18n.Labels[string]{
	"round.menu.list":          {AR: "دورات الترقية", EN: "Promotion rounds"},
	"round.menu.new":           {AR: "إنشاء دورة ترقية", EN: "Create a promotion round"},
	"round.menu.audit":         {AR: "البحث في سجل التدقيق", EN: "Search the audit trail"},
	"round.list.title":         {AR: "دورات الترقية في الجهة", EN: "The agency's promotion rounds"},
	"round.list.none":          {AR: "لا توجد دورات ترقية بعد.", EN: "There is no promotion round yet."},
	"round.list.caption":       {AR: "دورات الترقية، الأحدث أولاً", EN: "Promotion rounds, newest first"},
	"round.list.next":          {AR: "الصفحة التالية", EN: "Next page"},
	"round.list.first":         {AR: "الصفحة الأولى", EN: "First page"},
	"round.new.title":          {AR: "إنشاء دورة ترقية", EN: "Create a promotion round"},
	"round.new.intro":          {AR: "تُنشأ الدورة مسودة، ويمكن إعلانها بعد مراجعتها. القيم المعبأة مقترحة ويمكن تعديلها.", EN: "The round is created as a draft, to be announced once reviewed. The filled-in values are suggestions you may change."},
	"round.new.round":          {AR: "الدورة", EN: "The round"},
	"round.new.vacancy":        {AR: "الوظيفة الشاغرة", EN: "The vacancy"},
	"round.new.criteria":       {AR: "معايير المفاضلة وأوزانها", EN: "Ranking criteria and weights"},
	"round.new.criteria_hint":  {AR: "مجموع الأوزان ١٠٠، والوزن صفر يعني أن المعيار غير مستخدم.", EN: "The weights sum to 100; a weight of zero leaves the criterion out."},
	"round.new.submit":         {AR: "إنشاء الدورة", EN: "Create the round"},
	"round.f.title_ar":         {AR: "عنوان الدورة بالعربية", EN: "Round title in Arabic"},
	"round.f.title_en":         {AR: "عنوان الدورة بالإنجليزية", EN: "Round title in English"},
	"round.f.consideration":    {AR: "تاريخ النظر في الترقية (هجري، سنة-شهر-يوم)", EN: "Consideration date (Hijri, year-month-day)"},
	"round.f.vacancy_id":       {AR: "رقم الوظيفة", EN: "Job number"},
	"round.f.vacancy_code":     {AR: "رمز التصنيف (اختياري)", EN: "Classification code (optional)"},
	"round.f.vacancy_title_ar": {AR: "مسمى الوظيفة بالعربية", EN: "Job title in Arabic"},
	"round.f.vacancy_title_en": {AR: "مسمى الوظيفة بالإنجليزية", EN: "Job title in English"},
	"round.f.rank":             {AR: "المرتبة", EN: "Rank"},
	"round.f.positions":        {AR: "عدد الوظائف الشاغرة", EN: "Vacant posts"},
	"round.f.experience":       {AR: "الخبرة المطلوبة بالسنوات", EN: "Required experience in years"},
	"round.f.qualification":    {AR: "أدنى مؤهل", EN: "Least qualification"},
	"round.f.none":             {AR: "بلا اشتراط", EN: "None required"},
	"round.f.criterion":        {AR: "المعيار", EN: "Criterion"},
	"round.f.weight":           {AR: "الوزن", EN: "Weight"},
	"round.f.max":              {AR: "الدرجة العظمى", EN: "Full score"},
	"round.f.max_rating":       {AR: "وفق سلم تقويم الأداء", EN: "Per the rating scale"},
	"round.f.tie_break":        {AR: "العنصر المرجح عند التساوي", EN: "Tie-break element"},
	"round.page.title":         {AR: "دورة الترقية", EN: "Promotion round"},
	"round.page.status":        {AR: "الحالة", EN: "Status"},
	"round.page.id":            {AR: "رقم الدورة", EN: "Round ID"},
	"round.page.version":       {AR: "الإصدار", EN: "Version"},
	"round.page.consideration": {AR: "تاريخ النظر في الترقية", EN: "Consideration date"},
	"round.page.created":       {AR: "أنشئت", EN: "Created"},
	"round.page.vacancies":     {AR: "الوظائف الشاغرة", EN: "Vacancies"},
	"round.page.criteria":      {AR: "المعايير", EN: "Criteria"},
	"round.page.tie_break":     {AR: "العنصر المرجح", EN: "Tie-break element"},
	"round.page.title_col":     {AR: "المسمى", EN: "Title"},
	"round.page.years":         {AR: "الخبرة (سنوات)", EN: "Experience (years)"},
	"round.page.next":          {AR: "الإجراء التالي", EN: "Next step"},
	"round.page.done":          {AR: "اكتملت الدورة ولا إجراء بعد إغلاقها.", EN: "The round is complete; nothing follows its closure."},
	"round.page.back":          {AR: "العودة إلى دورات الترقية", EN: "Back to the promotion rounds"},
	"round.act.announcement":   {AR: "إعلان الدورة", EN: "Announce the round"},
	"round.act.opening":        {AR: "فتح باب الترشح", EN: "Open to candidates"},
	"round.act.ranking":        {AR: "إجراء المفاضلة", EN: "Rank the candidates"},
	"round.act.decisions":      {AR: "إصدار قرارات الترقية", EN: "Issue the promotion decisions"},
	"round.act.closure":        {AR: "إغلاق الدورة", EN: "Close the round"},
	"round.hint.announcement":  {AR: "بعد الإعلان لا تتغير المعايير والأوزان والوظائف.", EN: "Once announced, the criteria, weights and vacancies cannot change."},
	"round.hint.opening":       {AR: "يفتح باب إضافة المرشحين.", EN: "Candidates can then be added."},
	"round.hint.ranking":       {AR: "يُغلق الترشح وتُرتب الترشيحات وفق المعايير المعلنة.", EN: "Closes the candidacies and ranks them by the announced criteria."},
	"round.hint.decisions":     {AR: "يصدرها مدير الموارد البشرية، وتُسجل في ملفات الفائزين.", EN: "Issued by the HR manager, and recorded in the winners' files."},
	"round.hint.closure":       {AR: "تُغلق الدورة بعد صدور قراراتها.", EN: "The round is closed once its decisions are issued."},
	"round.cand.title":         {AR: "إضافة مرشح", EN: "Add a candidate"},
	"round.cand.intro":         {AR: "تُقرأ بيانات المرشح من ملفه الوظيفي في الجهة؛ أدخل ما لا يحمله الملف.", EN: "The candidate's facts are read from their file in the agency; enter what the file does not hold."},
	"round.cand.id":            {AR: "رقم هوية الموظف", EN: "Employee's ID number"},
	"round.cand.vacancy":       {AR: "الوظيفة المتقدم لها", EN: "Vacancy applied for"},
	"round.cand.rating":        {AR: "آخر تقويم أداء معتمد (١ إلى ٥)", EN: "Last approved performance rating (1 to 5)"},
	"round.cand.rating_date":   {AR: "تاريخ اعتماد التقويم (هجري، اختياري)", EN: "Date the rating was approved (Hijri, optional)"},
	"round.cand.score":         {AR: "الدرجة من", EN: "Score out of"},
	"round.cand.submit":        {AR: "إضافة المرشح", EN: "Add the candidate"},
	"round.cand.list":          {AR: "المرشحون في الدورة", EN: "The round's candidates"},
	"round.rank.title":         {AR: "نتيجة المفاضلة", EN: "Ranking"},
	"round.rank.caption":       {AR: "نتيجة المفاضلة للوظيفة", EN: "Ranking for vacancy"},
	"round.rank.summary":       {AR: "المرشحون: %d، المستوفون: %d، الفائزون: %d من %d وظيفة", EN: "Candidates: %d, eligible: %d, winners: %d of %d posts"},
	"round.rank.position":      {AR: "الترتيب", EN: "Position"},
	"round.rank.candidate":     {AR: "المرشح", EN: "Candidate"},
	"round.rank.total":         {AR: "المجموع", EN: "Total"},
	"round.rank.result":        {AR: "النتيجة", EN: "Result"},
	"round.rank.winner":        {AR: "فائز", EN: "Winner"},
	"round.rank.not_winner":    {AR: "غير فائز", EN: "Not a winner"},
	"round.rank.ineligible":    {AR: "غير مستوفٍ للشروط", EN: "Not eligible"},
	"round.dec.title":          {AR: "قرارات الترقية الصادرة", EN: "Promotion decisions issued"},
	"round.dec.none":           {AR: "لم يفز أي مرشح، فلم يصدر قرار.", EN: "No candidate won, so no decision was issued."},
	"round.dec.number":         {AR: "رقم القرار", EN: "Decision number"},
	"round.dec.date":           {AR: "تاريخ القرار ونفاذه", EN: "Decision and effective date"},
	"round.dec.from":           {AR: "من", EN: "From"},
	"round.dec.to":             {AR: "إلى", EN: "To"},
	"round.dec.rank_step":      {AR: "المرتبة %d الدرجة %d", EN: "rank %d step %d"},
	"round.dec.salary":         {AR: "الراتب الجديد", EN: "New salary"},
	"round.dec.file":           {AR: "الملف الوظيفي الآن", EN: "The file now"},
	"round.dec.sar":            {AR: "ريال", EN: "SAR"},
	"round.audit.title":        {AR: "سجل التدقيق", EN: "Audit trail"},
	"round.audit.intro":        {AR: "كل قراءة أو تعديل لبيانات الموظفين مسجل، ويُسجل بحثك أيضاً.", EN: "Every read or change of employees' data is recorded; your search is recorded too."},
	"round.audit.subject":      {AR: "رقم هوية صاحب البيانات", EN: "ID number of the person concerned"},
	"round.audit.actor":        {AR: "رقم هوية المنفذ", EN: "ID number of the actor"},
	"round.audit.agency":       {AR: "رمز الجهة", EN: "Agency code"},
	"round.audit.action":       {AR: "العملية", EN: "Use case"},
	"round.audit.any":          {AR: "كل العمليات", EN: "Any use case"},
	"round.audit.size":         {AR: "عدد النتائج في الصفحة", EN: "Results per page"},
	"round.audit.search":       {AR: "بحث", EN: "Search"},
	"round.audit.caption":      {AR: "نتائج البحث، الأقدم أولاً", EN: "Results, oldest first"},
	"round.audit.none":         {AR: "لا توجد نتائج.", EN: "No entry matches."},
	"round.audit.at":           {AR: "الوقت", EN: "Time"},
	"round.audit.who":          {AR: "المنفذ", EN: "Actor"},
	"round.audit.about":        {AR: "صاحب البيانات", EN: "Person concerned"},
	"round.audit.resource":     {AR: "المورد", EN: "Resource"},
	"round.audit.outcome":      {AR: "النتيجة", EN: "Outcome"},
	"round.audit.changes":      {AR: "التغييرات", EN: "Changes"},
	"round.audit.next":         {AR: "الصفحة التالية من النتائج", EN: "Next page of results"},
	"round.audit.page":         {AR: "الصفحة", EN: "Page"},
	"round.yes":                {AR: "نعم", EN: "yes"},
}

// roundFuncs are the round journey's template functions.
var roundFuncs = template.FuncMap{
	// roundStatus is a round status's name in lang.
	"roundStatus": func(lang i18n.Lang, s promotion.RoundStatus) string { return s.Label(lang) },
	// roundCriterion is a criterion's name in lang.
	"roundCriterion": func(lang i18n.Lang, c promotion.Criterion) string { return c.Label(lang) },
	// roundQualification is a qualification level's name in lang.
	"roundQualification": func(lang i18n.Lang, q promotion.QualificationLevel) string { return q.Label(lang) },
	// roundOutcome is an audit outcome's name in lang.
	"roundOutcome": func(lang i18n.Lang, o audit.Outcome) string { return o.Label(lang) },
	// roundPoints is an entry's points on criterion c.
	"roundPoints": func(e promotion.Entry, c promotion.Criterion) promotion.Points {
		if c.Valid() {
			return e.Points[c-1]
		}
		return 0
	},
	// roundSummary is a vacancy's ranking summary in lang.
	"roundSummary": func(lang i18n.Lang, g roundVacancyResults) string {
		return fmt.Sprintf(label("round.rank.summary", lang), len(g.Results), g.Eligible, g.Winners, g.Vacancy.Positions)
	},
	// roundRankStep is "rank r step s" in lang.
	"roundRankStep": func(lang i18n.Lang, rank, step int) string {
		return fmt.Sprintf(label("round.dec.rank_step", lang), rank, step)
	},
	// roundPageSizes are the page sizes the audit search offers.
	"roundPageSizes": func() []string { return []string{"5", "10", "25", "100"} },
	// roundTime is an instant as a person reads it: the Hijri date in
	// Saudi time, with the Gregorian date and the time of day.
	"roundTime": func(lang i18n.Lang, t time.Time) string {
		if t.IsZero() {
			return ""
		}
		t = t.In(hijri.SaudiTime())
		d, err := hijri.FromTime(t)
		if err != nil {
			return t.Format(time.RFC3339)
		}
		if lang == i18n.English {
			return d.Format(hijri.EnglishLong) + " (" + d.Format(hijri.GregorianEnglishLong) + ") " + t.Format("15:04")
		}
		return d.Format(hijri.ArabicLong) + " (" + d.Format(hijri.GregorianArabicLong) + ") " + t.Format("15:04")
	},
}

// roundSteps are the round actions a page's form may post, by the path
// segment of the API's endpoint.
var roundSteps = map[string]bool{"announcement": true, "opening": true, "ranking": true, "decisions": true, "closure": true}

// roundNext is the action that follows a round's status.
var roundNext = map[promotion.RoundStatus]string{
	promotion.RoundDraft: "announcement", promotion.RoundAnnounced: "opening", promotion.RoundOpen: "ranking",
	promotion.RoundRanked: "decisions", promotion.RoundDecided: "closure",
}

// roundRoutes adds the round journey's pages to mux.
func (p *Portal) roundRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /rounds", p.roundList)
	mux.HandleFunc("GET /rounds/new", p.roundNew)
	mux.HandleFunc("POST /rounds", p.roundCreate)
	mux.HandleFunc("GET /rounds/{id}", p.roundPage)
	mux.HandleFunc("POST /rounds/{id}/candidates", p.roundCandidates)
	mux.HandleFunc("POST /rounds/{id}/{step}", p.roundStep)
	mux.HandleFunc("GET /audit", p.roundAudit)
}

// roundListData is the rounds list page's data.
type roundListData struct {
	Rounds []promotion.Round
	Next   string
	Paged  bool
}

// roundList shows a page of the agency's rounds.
func (p *Portal) roundList(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "round.list.title")
	q := url.Values{"page_size": {"20"}}
	tok := r.URL.Query().Get("page_token")
	if tok != "" {
		q.Set("page_token", tok)
	}
	var l httpapi.List[promotion.Round]
	if _, err := p.getJSON(r, "/v1/rounds?"+q.Encode(), &l); err != nil {
		p.fail(w, r, err)
		return
	}
	v.Data = roundListData{Rounds: l.Items, Next: l.NextPageToken, Paged: tok != ""}
	p.render(w, http.StatusOK, "round_list", v)
}

// roundForm is the create form's values: what the person typed, or the
// suggested defaults.
type roundForm struct {
	Key                                 string
	TitleAR, TitleEN, Consideration     string
	VacancyID, VacancyCode              string
	VacancyTitleAR, VacancyTitleEN      string
	Rank, Positions, Experience, MinQua string
	Weights, Maxes                      map[string]string
	TieBreak                            string
}

// roundCriteria are the criteria the create form offers, in order.
var roundCriteria = []promotion.Criterion{promotion.CriterionRating, promotion.CriterionInitiatives,
	promotion.CriterionTraining, promotion.CriterionInterview, promotion.CriterionTest}

// roundNewData is the create page's data.
type roundNewData struct {
	Form     roundForm
	Criteria []promotion.Criterion
	Levels   []promotion.QualificationLevel
}

// defaultRoundForm is the create form as first shown.
func defaultRoundForm() roundForm {
	today, _ := hijri.Today(time.Now(), nil)
	return roundForm{
		Key: newIdempotencyKey(), Consideration: today.String(), VacancyID: "V-1", Rank: "9", Positions: "1", Experience: "1", MinQua: "0",
		Weights:  map[string]string{"rating": "40", "initiatives": "15", "training": "15", "interview": "15", "test": "15"},
		Maxes:    map[string]string{"initiatives": "20", "training": "100", "interview": "10", "test": "100"},
		TieBreak: "interview",
	}
}

// roundNew shows the create form.
func (p *Portal) roundNew(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "round.new.title")
	v.Data = newRoundData(defaultRoundForm())
	p.render(w, http.StatusOK, "round_new", v)
}

// newRoundData is the create page's data for form f.
func newRoundData(f roundForm) roundNewData {
	return roundNewData{Form: f, Criteria: roundCriteria, Levels: []promotion.QualificationLevel{
		promotion.Secondary, promotion.Diploma, promotion.Bachelor, promotion.HigherDiploma, promotion.Master, promotion.Doctorate}}
}

// formOf reads the create form.
func roundFormOf(r *http.Request) roundForm {
	g := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	f := roundForm{Key: g("idempotency_key"), TitleAR: g("title_ar"), TitleEN: g("title_en"), Consideration: g("consideration_date"),
		VacancyID: g("vacancy_id"), VacancyCode: g("vacancy_code"), VacancyTitleAR: g("vacancy_title_ar"), VacancyTitleEN: g("vacancy_title_en"),
		Rank: g("rank"), Positions: g("positions"), Experience: g("experience"), MinQua: g("min_qualification"),
		Weights: map[string]string{}, Maxes: map[string]string{}, TieBreak: g("tie_break")}
	for _, c := range roundCriteria {
		f.Weights[c.String()] = g("weight_" + c.String())
		if c != promotion.CriterionRating {
			f.Maxes[c.String()] = g("max_" + c.String())
		}
	}
	return f
}

// roundNumber is s as a JSON number when it is one, else s itself, for
// the API to refuse; nil for "".
func roundNumber(s string) any {
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
}

// orZero is s, or "0" for "".
func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// roundBody is the JSON of POST /v1/rounds for f, in the agency of the
// person: their words as typed, for the API to check.
func roundBody(f roundForm, agency string) map[string]any {
	var criteria []map[string]any
	for _, c := range roundCriteria {
		w := f.Weights[c.String()]
		if w == "" || w == "0" {
			continue
		}
		cr := map[string]any{"criterion": c.String(), "weight": w}
		if c != promotion.CriterionRating {
			cr["max"] = orZero(f.Maxes[c.String()])
		}
		criteria = append(criteria, cr)
	}
	vac := map[string]any{
		"id": f.VacancyID, "title": i18n.Text{AR: f.VacancyTitleAR, EN: f.VacancyTitleEN},
		"rank": roundNumber(f.Rank), "positions": roundNumber(f.Positions), "min_qualification": roundNumber(orZero(f.MinQua)),
		"required_experience": map[string]any{"years": roundNumber(orZero(f.Experience))},
	}
	if f.VacancyCode != "" {
		vac["job_code"] = f.VacancyCode
	}
	body := map[string]any{
		"agency_id": agency, "title": i18n.Text{AR: f.TitleAR, EN: f.TitleEN},
		"settings":  map[string]any{"criteria": criteria, "tie_break": f.TieBreak},
		"vacancies": []any{vac},
	}
	if f.Consideration != "" {
		body["consideration_date"] = f.Consideration
	}
	return body
}

// roundCreate creates the round (with the form's Idempotency-Key, so a
// double submit creates one) and goes to its page.
func (p *Portal) roundCreate(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "round.new.title")
	f := roundFormOf(r)
	agency := ""
	if v.Session != nil {
		agency = v.Session.Actor.Agency
	}
	var out promotion.Round
	hdr := map[string]string{"Idempotency-Key": f.Key}
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/rounds", roundBody(f, agency), &out, hdr); err != nil {
		// The key was spent on this refusal: the corrected form is another request.
		f.Key = newIdempotencyKey()
		v.Data = newRoundData(f)
		p.refused(w, r, err, "round_new", v)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(out.ID), http.StatusSeeOther)
}

// roundByID reads round id.
func (p *Portal) roundByID(r *http.Request, id string) (promotion.Round, error) {
	var rd promotion.Round
	_, err := p.getJSON(r, "/v1/rounds/"+url.PathEscape(id), &rd)
	return rd, err
}

// roundAll reads every page of the round list at path (the API's
// page_size and page_token).
func roundAll[T any](p *Portal, r *http.Request, path string) ([]T, error) {
	var out []T
	tok := ""
	for {
		q := url.Values{"page_size": {"100"}}
		if tok != "" {
			q.Set("page_token", tok)
		}
		var l httpapi.List[T]
		if _, err := p.getJSON(r, path+"?"+q.Encode(), &l); err != nil {
			return nil, err
		}
		out = append(out, l.Items...)
		if tok = l.NextPageToken; tok == "" {
			return out, nil
		}
	}
}

// roundPageData is a round page's data.
type roundPageData struct {
	Round promotion.Round
	// Next is the next action's step ("" when none); Actions is false when
	// the page offers none (a stale page: reload first).
	Next    string
	Actions bool
	// Candidates are the round's candidates; Ranking its results by
	// vacancy once ranked; Decisions those issued, with each winner's job
	// as the file holds it now (Files, by decision ID).
	Candidates []promotion.Candidate
	Ranking    []roundVacancyResults
	Decisions  []promotion.PromotionDecision
	Files      map[string]roundFileJob
	// Cand is the candidate form's values.
	Cand map[string]string
}

// roundVacancyResults are one vacancy's results, in ranking order, with
// how many of them are eligible and won.
type roundVacancyResults struct {
	Vacancy           promotion.Vacancy
	Results           []promotion.Result
	Eligible, Winners int
}

// roundFileJob is a winner's job as their file holds it now.
type roundFileJob struct {
	Rank, Step int
	Title      i18n.Text
}

// roundPage shows a round, its next action, its candidates, results and
// decisions.
func (p *Portal) roundPage(w http.ResponseWriter, r *http.Request) {
	v := p.newView(r, "round.page.title")
	rd, err := p.roundByID(r, r.PathValue("id"))
	if err == nil {
		err = p.roundView(r, v, rd, nil)
	}
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.render(w, http.StatusOK, "round_page", v)
}

// roundView fills v with round rd and what the API has of it.
func (p *Portal) roundView(r *http.Request, v *view, rd promotion.Round, cand map[string]string) error {
	v.Title = label("round.page.title", v.Lang) + ": " + rd.Title.In(v.Lang)
	if rd.Title.In(v.Lang) == "" {
		v.Title = label("round.page.title", v.Lang) + ": " + rd.Title.AR
	}
	d := roundPageData{Round: rd, Next: roundNext[rd.Status], Actions: true, Cand: cand}
	base := "/v1/rounds/" + url.PathEscape(rd.ID)
	var err error
	if rd.Status != promotion.RoundDraft && rd.Status != promotion.RoundAnnounced {
		if d.Candidates, err = roundAll[promotion.Candidate](p, r, base+"/candidates"); err != nil {
			return err
		}
	}
	if !rd.RankedAt.IsZero() {
		results, err := roundAll[promotion.Result](p, r, base+"/results")
		if err != nil {
			return err
		}
		d.Ranking = byVacancy(rd.Vacancies, results)
	}
	if !rd.DecidedAt.IsZero() {
		if d.Decisions, err = roundAll[promotion.PromotionDecision](p, r, base+"/decisions"); err != nil {
			return err
		}
		d.Files = p.roundFiles(r, d.Decisions)
	}
	if d.Cand == nil {
		d.Cand = map[string]string{"rating": "5"}
		if len(rd.Vacancies) > 0 {
			d.Cand["vacancy_id"] = rd.Vacancies[0].ID
		}
	}
	v.Data = d
	return nil
}

// byVacancy groups results, in ranking order, under the round's vacancies.
func byVacancy(vs []promotion.Vacancy, results []promotion.Result) []roundVacancyResults {
	out := make([]roundVacancyResults, len(vs))
	at := map[string]int{}
	for i, vac := range vs {
		out[i].Vacancy, at[vac.ID] = vac, i
	}
	for _, res := range results {
		i, ok := at[res.VacancyID]
		if !ok {
			continue
		}
		g := &out[i]
		g.Results = append(g.Results, res)
		if res.Eligible {
			g.Eligible++
		}
		if res.Winner {
			g.Winners++
		}
	}
	return out
}

// roundRefused shows the round page again with the API's refusal: a 412
// offers the reload and no action until then.
func (p *Portal) roundRefused(w http.ResponseWriter, r *http.Request, err error, cand map[string]string) {
	id := r.PathValue("id")
	v := p.newView(r, "round.page.title")
	rd, lerr := p.roundByID(r, id)
	if lerr == nil {
		lerr = p.roundView(r, v, rd, cand)
	}
	if lerr != nil {
		p.fail(w, r, err)
		return
	}
	if rf, ok := asRefusal(err); ok && rf.Status == http.StatusPreconditionFailed {
		v.Reload = "/rounds/" + url.PathEscape(id)
		v.Data.(roundPageData).hideActions(v)
	}
	p.refused(w, r, err, "round_page", v)
}

// hideActions sets v's data to d without actions.
func (d roundPageData) hideActions(v *view) {
	d.Actions = false
	v.Data = d
}

// roundIfMatch is the If-Match of the version the page was rendered with.
func roundIfMatch(r *http.Request) map[string]string {
	return map[string]string{"If-Match": `"` + strings.TrimSpace(r.FormValue("version")) + `"`}
}

// roundStep posts the round's next action (announce, open, rank, issue
// decisions, close) with the version the page showed.
func (p *Portal) roundStep(w http.ResponseWriter, r *http.Request) {
	id, step := r.PathValue("id"), r.PathValue("step")
	if !roundSteps[step] {
		p.fail(w, r, &refusal{Status: http.StatusNotFound, Problem: portalProblem(r, http.StatusNotFound, "not_found", "portal.no_page", errNoPage)})
		return
	}
	path := "/v1/rounds/" + url.PathEscape(id) + "/" + step
	if _, err := p.sendJSON(r, http.MethodPost, path, nil, nil, roundIfMatch(r)); err != nil {
		p.roundRefused(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(id), http.StatusSeeOther)
}

// roundFiles reads each winner's file as it is now: the promotion the
// decision recorded in it.
func (p *Portal) roundFiles(r *http.Request, ds []promotion.PromotionDecision) map[string]roundFileJob {
	out := map[string]roundFileJob{}
	for _, d := range ds {
		var f struct {
			Employee struct {
				Job struct {
					Rank  int       `json:"rank"`
					Step  int       `json:"step"`
					Title i18n.Text `json:"title"`
				} `json:"job"`
			} `json:"employee"`
		}
		if _, err := p.getJSON(r, "/v1/employees/"+url.PathEscape(d.NationalID.String())+"/file", &f); err == nil {
			j := f.Employee.Job
			out[d.ID] = roundFileJob{Rank: j.Rank, Step: j.Step, Title: j.Title}
		}
	}
	return out
}

// roundCandidates adds the form's candidate to the open round.
func (p *Portal) roundCandidates(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	g := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	cand := map[string]string{"national_id": g("national_id"), "vacancy_id": g("vacancy_id"), "rating": g("rating"), "rating_date": g("rating_date")}
	scores := map[string]any{}
	for _, c := range roundCriteria[1:] {
		if s := g("score_" + c.String()); s != "" {
			scores[c.String()] = s
			cand["score_"+c.String()] = s
		}
	}
	in := map[string]any{"national_id": cand["national_id"], "vacancy_id": cand["vacancy_id"], "rating": roundNumber(cand["rating"]), "scores": scores}
	if cand["rating_date"] != "" {
		in["rating_date"] = cand["rating_date"]
	}
	body := map[string]any{"candidates": []any{in}}
	if _, err := p.sendJSON(r, http.MethodPost, "/v1/rounds/"+url.PathEscape(id)+"/candidates", body, nil, roundIfMatch(r)); err != nil {
		p.roundRefused(w, r, err, cand)
		return
	}
	http.Redirect(w, r, "/rounds/"+url.PathEscape(id)+"#cand-"+url.PathEscape(cand["national_id"]), http.StatusSeeOther)
}
