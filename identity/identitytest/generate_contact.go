package identitytest

import (
	"fmt"

	"github.com/masarhr/masar-go/identity"
)

// allocatedSecond are the second digits of fully allocated 05X mobile ranges
// (057 is partly allocated and handled on its own).
const allocatedSecond = "01345689"

// nsn returns a random nine-digit mobile national number in an allocated
// range: 5[013-689]XXXXXXX, 57[0-8]XXXXXX or 579[01]XXXXX.
func (g *Generator) nsn() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var b [9]byte
	b[0] = '5'
	for i := 1; i < 9; i++ {
		b[i] = '0' + byte(g.rng.IntN(10))
	}
	if g.rng.IntN(9) > 0 {
		b[1] = allocatedSecond[g.rng.IntN(len(allocatedSecond))]
	} else {
		b[1] = '7'
		if b[2] == '9' {
			b[3] = '0' + byte(g.rng.IntN(2))
		}
	}
	return string(b[:])
}

// Mobile returns a valid Saudi mobile number in an allocated range.
func (g *Generator) Mobile() identity.Mobile {
	return identity.MustParseMobile("+966" + g.nsn())
}

// Email returns a valid email address at example.com, a domain reserved for
// documentation and tests (RFC 2606).
func (g *Generator) Email() identity.Email {
	return identity.MustParseEmail(fmt.Sprintf("user%06d@example.com", g.intn(1_000_000)))
}

// InvalidMobileKind names the way an invalid mobile number is wrong.
type InvalidMobileKind int

// The ways a mobile number can be invalid; each maps to one reason code of
// identity.ErrInvalidMobile.
const (
	// MobileTooShort: a 05 number one digit short (mobile.length).
	MobileTooShort InvalidMobileKind = iota + 1
	// MobileTooLong: a 05 number with a digit too many (mobile.length).
	MobileTooLong
	// MobileBadCharacter: a letter among the digits (mobile.characters).
	MobileBadCharacter
	// MobileForeign: a mobile number of another country, +971 (mobile.country).
	MobileForeign
	// MobileLandline: a Saudi landline, 01X… (mobile.prefix).
	MobileLandline
	// MobileUnallocated: a 05 number in an unallocated range, 052… or 0579[2-9]… (mobile.unallocated).
	MobileUnallocated
)

// InvalidMobileKinds lists every InvalidMobileKind.
var InvalidMobileKinds = []InvalidMobileKind{
	MobileTooShort, MobileTooLong, MobileBadCharacter, MobileForeign, MobileLandline, MobileUnallocated,
}

// Reason returns the reason code ParseMobile reports for k.
func (k InvalidMobileKind) Reason() string {
	switch k {
	case MobileTooShort, MobileTooLong:
		return "mobile.length"
	case MobileBadCharacter:
		return "mobile.characters"
	case MobileForeign:
		return "mobile.country"
	case MobileLandline:
		return "mobile.prefix"
	case MobileUnallocated:
		return "mobile.unallocated"
	}
	return ""
}

// String returns the kind's name, e.g. "MobileUnallocated".
func (k InvalidMobileKind) String() string {
	switch k {
	case MobileTooShort:
		return "MobileTooShort"
	case MobileTooLong:
		return "MobileTooLong"
	case MobileBadCharacter:
		return "MobileBadCharacter"
	case MobileForeign:
		return "MobileForeign"
	case MobileLandline:
		return "MobileLandline"
	case MobileUnallocated:
		return "MobileUnallocated"
	}
	return fmt.Sprintf("InvalidMobileKind(%d)", int(k))
}

// InvalidMobile returns a string that identity.ParseMobile rejects for reason k.
func (g *Generator) InvalidMobile(k InvalidMobileKind) string {
	national := "0" + g.nsn()
	switch k {
	case MobileTooShort:
		return national[:9]
	case MobileTooLong:
		return national + "0"
	case MobileBadCharacter:
		i := 2 + g.intn(8)
		return national[:i] + "x" + national[i+1:]
	case MobileForeign:
		return "+9715" + national[2:]
	case MobileLandline:
		return "01" + string('1'+byte(g.intn(7))) + national[3:]
	case MobileUnallocated:
		if g.intn(2) == 0 {
			return "052" + national[3:]
		}
		return "0579" + string('2'+byte(g.intn(8))) + national[5:]
	}
	panic("identitytest: unknown InvalidMobileKind")
}
