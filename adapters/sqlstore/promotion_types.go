package sqlstore

import (
	"bytes"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/promotion"
)

// rankDaysColumn is promotion.RankDays as a column: a fixed list of the
// legal days of ranks 1 to promotion.MaxRanks, in order, as comma-separated
// decimal integers in brackets, e.g. [0,0,0,0,0,582,120,0,0,0,0,0,0,0,0].
// The form is also a JSON array, so PostgreSQL's JSONB column takes it as
// it is (and hands it back with a space after each comma); SQLite keeps it
// as TEXT. It is read with strconv, one number per rank, because ranking
// reads it for every candidate of a round: encoding/json costs six times as
// much here, a tenth of the time to read a 100,000-candidate round.
type rankDaysColumn promotion.RankDays

// Value implements driver.Valuer.
func (d rankDaysColumn) Value() (driver.Value, error) {
	b := make([]byte, 0, 4*promotion.MaxRanks+2)
	b = append(b, '[')
	for r := 1; r <= promotion.MaxRanks; r++ {
		if r > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(d[r]), 10)
	}
	return string(append(b, ']')), nil
}

// Scan implements sql.Scanner. Anything but promotion.MaxRanks integers in
// brackets fails.
func (d *rankDaysColumn) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return d.parse([]byte(v))
	case []byte:
		return d.parse(v)
	}
	return fmt.Errorf("sqlstore: cannot scan %T into rank days", src)
}

// parse reads the bracketed list in b.
func (d *rankDaysColumn) parse(b []byte) error {
	list, open := bytes.CutPrefix(bytes.TrimSpace(b), []byte("["))
	list, closed := bytes.CutSuffix(list, []byte("]"))
	if !open || !closed {
		return fmt.Errorf("sqlstore: rank days %q: not a bracketed list", b)
	}
	var out promotion.RankDays
	for r := 1; r <= promotion.MaxRanks; r++ {
		item, rest, more := bytes.Cut(list, []byte(","))
		if more == (r == promotion.MaxRanks) {
			return fmt.Errorf("sqlstore: rank days %q: want %d numbers", b, promotion.MaxRanks)
		}
		n, ok := parseInt32(bytes.TrimSpace(item))
		if !ok {
			return fmt.Errorf("sqlstore: rank days %q: %q is not a 32-bit integer", b, item)
		}
		out[r], list = n, rest
	}
	*d = rankDaysColumn(out)
	return nil
}

// parseInt32 parses an optionally signed decimal integer that fits in 32 bits.
func parseInt32(b []byte) (int32, bool) {
	neg := len(b) > 0 && (b[0] == '-' || b[0] == '+')
	digits := b
	if neg {
		neg, digits = b[0] == '-', b[1:]
	}
	if len(digits) == 0 || len(digits) > 10 {
		return 0, false
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// A candidate's lists (candidateFacts) are one JSON document, written and
// read without encoding/json's reflection: reading a round reads it for
// every candidate, and reflection was nearly half of that read's time.
// appendFacts writes exactly what json.Marshal writes; decodeFacts reads
// that and PostgreSQL's JSONB rendering of it (keys in another order,
// spaces), and hands anything else it does not know (escapes, unknown
// keys, other date forms) to encoding/json, so what it accepts is what
// encoding/json accepts.

// appendFacts appends c's lists as the JSON of candidateFacts.
func appendFacts(b []byte, c *promotion.Candidate) ([]byte, error) {
	var err error
	b = append(b, '{')
	sep := func() {
		if len(b) > 0 && b[len(b)-1] != '{' {
			b = append(b, ',')
		}
	}
	if len(c.Qualifications) > 0 {
		b = append(b, `"qualifications":[`...)
		for i, q := range c.Qualifications {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"level":`...)
			b = strconv.AppendInt(b, int64(q.Level), 10)
			if q.Field != "" {
				b = append(b, `,"field":`...)
				b = appendJSONString(b, q.Field)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(c.Statuses) > 0 {
		sep()
		b = append(b, `"statuses":[`...)
		for i, s := range c.Statuses {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSONCode(append(b, `{"kind":`...), s.Kind); err != nil {
				return nil, err
			}
			b = append(b, `,"from":`...)
			if b, err = appendJSONValidDate(b, s.From); err != nil {
				return nil, err
			}
			b = append(b, `,"to":`...)
			if b, err = appendJSONValidDate(b, s.To); err != nil {
				return nil, err
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(c.Penalties) > 0 {
		sep()
		b = append(b, `"penalties":[`...)
		for i, p := range c.Penalties {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSONCode(append(b, `{"kind":`...), p.Kind); err != nil {
				return nil, err
			}
			b = append(b, `,"date":`...)
			if b, err = appendJSONValidDate(b, p.Date); err != nil {
				return nil, err
			}
			if p.Days != 0 {
				b = append(b, `,"days":`...)
				b = strconv.AppendInt(b, int64(p.Days), 10)
			}
			b = append(b, `,"until":`...)
			if b, err = appendJSONValidDate(b, p.Until); err != nil {
				return nil, err
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(c.Promotions) > 0 {
		sep()
		b = append(b, `"promotions":[`...)
		for i, p := range c.Promotions {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"date":`...)
			if b, err = appendJSONValidDate(b, p.Date); err != nil {
				return nil, err
			}
			if p.Exceptional {
				b = append(b, `,"exceptional":true`...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// decodeFacts decodes the JSON of candidateFacts into f, interning strings
// with in (nil: no interning).
func decodeFacts(b []byte, f *candidateFacts, in *interner) error {
	p := factsParser{b: b, in: in}
	if p.facts(f) {
		return nil
	}
	*f = candidateFacts{}
	return json.Unmarshal(b, f)
}

// factsParser reads the JSON of candidateFacts; each method returns false
// at anything it does not handle, and decodeFacts then asks encoding/json.
type factsParser struct {
	b  []byte
	i  int
	in *interner
}

func (p *factsParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// lit consumes c after spaces.
func (p *factsParser) lit(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// word consumes the literal w (null, true, false) after spaces.
func (p *factsParser) word(w string) bool {
	p.ws()
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// str returns a string's bytes, without escapes.
func (p *factsParser) str() ([]byte, bool) {
	if !p.lit('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// int reads an integer of at most 18 digits.
func (p *factsParser) int() (int, bool) {
	p.ws()
	neg := p.i < len(p.b) && p.b[p.i] == '-'
	if neg {
		p.i++
	}
	start, n := p.i, 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' && p.i-start < 18 {
		n = n*10 + int(p.b[p.i]-'0')
		p.i++
	}
	if p.i == start || p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E' || p.b[p.i] >= '0' && p.b[p.i] <= '9') {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// text reads a string into v's UnmarshalText (a kind's code).
func (p *factsParser) text(v encoding.TextUnmarshaler) bool {
	if p.word("null") {
		return true
	}
	s, ok := p.str()
	return ok && v.UnmarshalText(s) == nil
}

// date reads a date: null (left as it is), "" (zero) or "YYYY-MM-DD".
func (p *factsParser) date(d *hijri.Date) bool {
	if p.word("null") {
		return true
	}
	s, ok := p.str()
	if !ok {
		return false
	}
	if len(s) == 0 {
		*d = hijri.Date{}
		return true
	}
	v, ok := parseISODate(s)
	if ok {
		*d = v
	}
	return ok
}

// object reads an object, calling field for each key; field reads the
// value and returns false for an unknown key.
func (p *factsParser) object(field func(key []byte) bool) bool {
	if !p.lit('{') {
		return false
	}
	if p.lit('}') {
		return true
	}
	for {
		key, ok := p.str()
		if !ok || !p.lit(':') || !field(key) {
			return false
		}
		if p.lit('}') {
			return true
		}
		if !p.lit(',') {
			return false
		}
	}
}

// array reads null (n stays 0, ok) or an array, calling elem for each item.
func (p *factsParser) array(elem func() bool) bool {
	if p.word("null") {
		return true
	}
	if !p.lit('[') {
		return false
	}
	if p.lit(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.lit(']') {
			return true
		}
		if !p.lit(',') {
			return false
		}
	}
}

func (p *factsParser) facts(f *candidateFacts) bool {
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "qualifications":
			f.Qualifications = nil
			return p.array(func() bool { return p.qualification(f) })
		case "statuses":
			f.Statuses = nil
			return p.array(func() bool { return p.status(f) })
		case "penalties":
			f.Penalties = nil
			return p.array(func() bool { return p.penalty(f) })
		case "promotions":
			f.Promotions = nil
			return p.array(func() bool { return p.pastPromotion(f) })
		}
		return false
	})
	p.ws()
	return ok && p.i == len(p.b)
}

func (p *factsParser) qualification(f *candidateFacts) bool {
	var q promotion.Qualification
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "level":
			n, ok := p.int()
			q.Level = promotion.QualificationLevel(n)
			return ok
		case "field":
			if p.word("null") {
				return true
			}
			s, ok := p.str()
			q.Field = p.in.string(s)
			return ok
		}
		return false
	})
	f.Qualifications = append(f.Qualifications, q)
	return ok
}

func (p *factsParser) status(f *candidateFacts) bool {
	var s promotion.Status
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "kind":
			return p.text(&s.Kind)
		case "from":
			return p.date(&s.From)
		case "to":
			return p.date(&s.To)
		}
		return false
	})
	f.Statuses = append(f.Statuses, s)
	return ok
}

func (p *factsParser) penalty(f *candidateFacts) bool {
	var pen promotion.Penalty
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "kind":
			return p.text(&pen.Kind)
		case "date":
			return p.date(&pen.Date)
		case "days":
			n, ok := p.int()
			pen.Days = n
			return ok
		case "until":
			return p.date(&pen.Until)
		}
		return false
	})
	f.Penalties = append(f.Penalties, pen)
	return ok
}

func (p *factsParser) pastPromotion(f *candidateFacts) bool {
	var pp promotion.PastPromotion
	ok := p.object(func(key []byte) bool {
		switch string(key) {
		case "date":
			return p.date(&pp.Date)
		case "exceptional":
			switch {
			case p.word("true"):
				pp.Exceptional = true
			case p.word("false"):
				pp.Exceptional = false
			default:
				return p.word("null")
			}
			return true
		}
		return false
	})
	f.Promotions = append(f.Promotions, pp)
	return ok
}

// parseISODate parses exactly "YYYY-MM-DD" into a valid date.
func parseISODate(s []byte) (hijri.Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return hijri.Date{}, false
	}
	num := func(b []byte) int {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || m < 0 || d < 0 {
		return hijri.Date{}, false
	}
	v, err := hijri.New(y, m, d)
	return v, err == nil
}

// interner shares the strings and decimals that repeat across the rows of
// one read (vacancy IDs, qualification fields, scores), so a page of
// candidates holds one copy of each. It keeps at most internMax of each.
type interner struct {
	strings  map[string]string
	decimals map[string]decimal.Decimal
}

const internMax = 4096

func newInterner() *interner {
	return &interner{strings: make(map[string]string), decimals: make(map[string]decimal.Decimal)}
}

// string returns b as a string, shared with earlier equal ones.
func (in *interner) string(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in.strings[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.strings) < internMax {
		in.strings[s] = s
	}
	return s
}

// shared returns s, or an equal string seen earlier.
func (in *interner) shared(s string) string {
	if t, ok := in.strings[s]; ok {
		return t
	}
	if len(in.strings) < internMax {
		in.strings[s] = s
	}
	return s
}

// decimal parses s (a NUMERIC's text, or SQLite's TEXT) as a decimal.
// Decimals are immutable, so equal ones can share their value.
func (in *interner) decimal(s string) (decimal.Decimal, error) {
	if d, ok := in.decimals[s]; ok {
		return d, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if len(in.decimals) < internMax {
		in.decimals[s] = d
	}
	return d, nil
}
