package promotion

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/i18n"
	"github.com/shopspring/decimal"
)

// MoneyScale is the number of decimal places of a salary amount (halalas).
// Scale files may not carry more.
const MoneyScale = 2

// Scale is a salary scale (سلم رواتب): for each rank, its number of steps,
// the salary of step 1 and the annual increment (العلاوة السنوية). The salary of
// step s is Step1 + (s−1) × Increment, as in the general scale. Amounts are
// monthly, in the scale's currency, as decimals.
//
// Load one with LoadScaleJSON or LoadScaleCSV, or take the shipped general
// scale with GeneralScale. A Scale is a plain value: callers may read it
// concurrently; do not modify one that is in use.
type Scale struct {
	// Code identifies the scale, e.g. "general".
	Code string `json:"code"`
	// Name is the scale's name in Arabic and English.
	Name i18n.Text `json:"name"`
	// Currency is the ISO 4217 code of the amounts, "SAR".
	Currency string `json:"currency"`
	// Effective is the date the figures apply from, as published
	// (e.g. "1432-06-25", Hijri).
	Effective string `json:"effective"`
	// Source says where the figures come from.
	Source string `json:"source"`
	// Ranks lists the ranks in ascending order, each at most once.
	Ranks []ScaleRank `json:"ranks"`
}

// ScaleRank is one rank (المرتبة) of a Scale.
type ScaleRank struct {
	// Rank is the rank number, 1 or more.
	Rank int `json:"rank"`
	// Steps is the number of steps (الدرجات), 1 or more.
	Steps int `json:"steps"`
	// Step1 is the monthly salary of step 1; positive.
	Step1 decimal.Decimal `json:"step1"`
	// Increment is the annual increment (the difference between steps);
	// positive.
	Increment decimal.Decimal `json:"increment"`
	// Provisional marks figures that are not confirmed by an official or two
	// independent sources. Placements on a provisional rank say so.
	Provisional bool `json:"provisional"`
	// Provenance names the sources of the figures and their confidence.
	Provenance string `json:"provenance"`
}

// Salary returns the monthly salary of step (1-based).
func (r ScaleRank) Salary(step int) decimal.Decimal {
	return r.Step1.Add(r.Increment.Mul(decimal.NewFromInt(int64(step - 1))))
}

//go:embed scales/general.json
var generalScaleJSON []byte

// GeneralScale returns the general employees' salary scale (سلم رواتب الموظفين
// العام) in force from 25/6/1432H, as shipped in scales/general.json. Ranks
// 4–8 are confirmed by two or more public sources; ranks 1–3 and 9–15 are
// marked Provisional, with their sources in Provenance, because the official
// table was not available (DOMAIN.md §3.2). Hosts should load the official
// table with LoadScaleJSON or LoadScaleCSV. Each call returns a new Scale.
func GeneralScale() *Scale {
	s, err := LoadScaleJSON(bytes.NewReader(generalScaleJSON))
	if err != nil {
		panic("promotion: embedded general scale: " + err.Error()) // tested
	}
	return s
}

// LoadScaleJSON reads a Scale in the JSON form of scales/general.json and
// validates it. Amounts may be JSON strings or numbers. Errors match
// ErrInvalidScale.
func LoadScaleJSON(r io.Reader) (*Scale, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var s Scale
	if err := dec.Decode(&s); err != nil {
		return nil, errScaleSyntax.Wrap(err)
	}
	if dec.More() {
		return nil, errScaleSyntax.Wrap(errors.New("trailing data after the scale object"))
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// LoadScaleCSV reads the ranks of a Scale from CSV with a header row. The
// columns are rank, steps, step1 and increment (required) and provisional
// ("true"/"false") and provenance (optional), in any order; lines starting
// with # are comments. The scale's Code, Name, Currency ("SAR" by default),
// Effective and Source are left for the caller to set. Errors match
// ErrInvalidScale.
func LoadScaleCSV(r io.Reader) (*Scale, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, errScaleSyntax.Wrap(err)
	}
	if len(rows) == 0 {
		return nil, errScaleEmpty
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("column %q appears twice", h))
		}
		col[h] = i
	}
	for _, need := range []string{"rank", "steps", "step1", "increment"} {
		if _, ok := col[need]; !ok {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("missing column %q", need))
		}
	}
	s := &Scale{Currency: "SAR"}
	for n, row := range rows[1:] {
		line := n + 2
		cell := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		var sr ScaleRank
		if sr.Rank, err = strconv.Atoi(cell("rank")); err != nil {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("line %d: rank: %w", line, err))
		}
		if sr.Steps, err = strconv.Atoi(cell("steps")); err != nil {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("line %d: steps: %w", line, err))
		}
		if sr.Step1, err = decimal.NewFromString(cell("step1")); err != nil {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("line %d: step1: %w", line, err))
		}
		if sr.Increment, err = decimal.NewFromString(cell("increment")); err != nil {
			return nil, errScaleSyntax.Wrap(fmt.Errorf("line %d: increment: %w", line, err))
		}
		if p := cell("provisional"); p != "" {
			if sr.Provisional, err = strconv.ParseBool(p); err != nil {
				return nil, errScaleSyntax.Wrap(fmt.Errorf("line %d: provisional: %w", line, err))
			}
		}
		sr.Provenance = cell("provenance")
		s.Ranks = append(s.Ranks, sr)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

var (
	errScaleSyntax = ErrInvalidScale.Because("promotion.scale_syntax",
		"the salary scale file cannot be read", "تعذرت قراءة ملف سلم الرواتب")
	errScaleEmpty = ErrInvalidScale.Because("promotion.scale_empty",
		"the salary scale has no ranks", "سلم الرواتب لا يحتوي على مراتب")
)

// Validate checks the scale: at least one rank; ranks ascending, unique and
// at least 1; steps at least 1; step-1 salary and increment positive, with
// at most MoneyScale decimal places. Errors match ErrInvalidScale.
func (s *Scale) Validate() error {
	if len(s.Ranks) == 0 {
		return errScaleEmpty
	}
	for i, r := range s.Ranks {
		bad := func(en, ar string) error {
			return ErrInvalidScale.Because("promotion.scale_rank",
				fmt.Sprintf("rank %d: %s", r.Rank, en), fmt.Sprintf("المرتبة %d: %s", r.Rank, ar))
		}
		switch {
		case r.Rank < 1:
			return bad("the rank must be 1 or more", "يجب أن تكون المرتبة 1 أو أكثر")
		case i > 0 && r.Rank <= s.Ranks[i-1].Rank:
			return bad("ranks must be listed once each, in ascending order", "يجب إدراج كل مرتبة مرة واحدة بترتيب تصاعدي")
		case r.Steps < 1 || r.Steps > 99:
			return bad("the number of steps must be from 1 to 99", "يجب أن يكون عدد الدرجات من 1 إلى 99")
		case !r.Step1.IsPositive():
			return bad("the salary of step 1 must be positive", "يجب أن يكون راتب الدرجة الأولى موجباً")
		case !r.Increment.IsPositive():
			return bad("the annual increment must be positive", "يجب أن تكون العلاوة السنوية موجبة")
		case !r.Step1.Equal(r.Step1.Round(MoneyScale)) || !r.Increment.Equal(r.Increment.Round(MoneyScale)):
			return bad("amounts may have at most 2 decimal places", "يجب ألا تزيد المنازل العشرية للمبالغ على منزلتين")
		}
	}
	return nil
}

// Rank returns the rank r of the scale and whether the scale has it.
func (s *Scale) Rank(r int) (ScaleRank, bool) {
	i, ok := slices.BinarySearchFunc(s.Ranks, r, func(sr ScaleRank, r int) int { return sr.Rank - r })
	if !ok {
		return ScaleRank{}, false
	}
	return s.Ranks[i], true
}

// Salary returns the monthly salary of rank and step. It fails with an error
// matching ErrInvalid when the scale has no such rank or step.
func (s *Scale) Salary(rank, step int) (decimal.Decimal, error) {
	sr, ok := s.Rank(rank)
	if !ok {
		return decimal.Decimal{}, errNoRank(rank)
	}
	if step < 1 || step > sr.Steps {
		return decimal.Decimal{}, errNoStep(rank, step, sr.Steps)
	}
	return sr.Salary(step), nil
}

func errNoRank(rank int) error {
	return ErrInvalid.Because("promotion.scale_no_rank",
		fmt.Sprintf("the salary scale has no rank %d", rank),
		fmt.Sprintf("سلم الرواتب لا يتضمن المرتبة %d", rank))
}

func errNoStep(rank, step, steps int) error {
	return ErrInvalid.Because("promotion.scale_no_step",
		fmt.Sprintf("rank %d has steps 1 to %d, not %d", rank, steps, step),
		fmt.Sprintf("درجات المرتبة %d من 1 إلى %d وليس %d", rank, steps, step))
}
