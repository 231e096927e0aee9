package identitytest

import (
	"math/rand/v2"
	"sync"

	"github.com/masarhr/masar-go/identity"
)

// Generator produces valid and invalid identity numbers for tests. The same
// seed gives the same sequence. It is safe for concurrent use.
type Generator struct {
	mu  sync.Mutex
	rng *rand.Rand
}

// NewGenerator returns a Generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (g *Generator) digits(first byte) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var b [10]byte
	b[0] = first
	for i := 1; i < 9; i++ {
		b[i] = '0' + byte(g.rng.IntN(10))
	}
	b[9] = '0' + identity.LuhnCheckDigit(string(b[:9]))
	return string(b[:])
}

// Citizen returns a valid citizen national ID (first digit 1).
func (g *Generator) Citizen() identity.NationalID {
	return identity.MustParseNationalID(g.digits('1'))
}

// Resident returns a valid Iqama number (first digit 2).
func (g *Generator) Resident() identity.NationalID {
	return identity.MustParseNationalID(g.digits('2'))
}

// Border returns a valid border number (first digit 3 or 4).
func (g *Generator) Border() identity.NationalID {
	g.mu.Lock()
	first := byte('3' + g.rng.IntN(2))
	g.mu.Unlock()
	return identity.MustParseNationalID(g.digits(first))
}

// InvalidKind names the way an invalid identity number is wrong.
type InvalidKind int

// The ways an identity number can be invalid; each maps to one reason code
// of identity.ErrInvalidNationalID.
const (
	// BadChecksum: 10 digits, a valid first digit, a wrong check digit (national_id.checksum).
	BadChecksum InvalidKind = iota + 1
	// BadPrefix: a valid Luhn number whose first digit is not 1–4 (national_id.prefix).
	BadPrefix
	// TooShort: 9 digits (national_id.length).
	TooShort
	// TooLong: 11 digits (national_id.length).
	TooLong
	// BadCharacter: a letter among the digits (national_id.characters).
	BadCharacter
)

// InvalidKinds lists every InvalidKind.
var InvalidKinds = []InvalidKind{BadChecksum, BadPrefix, TooShort, TooLong, BadCharacter}

// Reason returns the reason code ParseNationalID reports for k.
func (k InvalidKind) Reason() string {
	switch k {
	case BadChecksum:
		return "national_id.checksum"
	case BadPrefix:
		return "national_id.prefix"
	case TooShort, TooLong:
		return "national_id.length"
	case BadCharacter:
		return "national_id.characters"
	}
	return ""
}

// Invalid returns a string that ParseNationalID rejects for reason k.
func (g *Generator) Invalid(k InvalidKind) string {
	valid := g.digits('1')
	switch k {
	case BadChecksum:
		wrong := (valid[9]-'0'+1+byte(g.intn(9)))%10 + '0'
		return valid[:9] + string(wrong)
	case BadPrefix:
		g.mu.Lock()
		first := byte('5' + g.rng.IntN(5))
		g.mu.Unlock()
		return g.digits(first)
	case TooShort:
		return valid[:9]
	case TooLong:
		return valid + "0"
	case BadCharacter:
		i := 1 + g.intn(8)
		return valid[:i] + "x" + valid[i+1:]
	}
	panic("identitytest: unknown InvalidKind")
}

func (g *Generator) intn(n int) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.rng.IntN(n)
}
