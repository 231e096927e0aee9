package saudi

// Problem says why a number was rejected. OK (the zero value) means accepted.
type Problem uint8

// The problems, shared by national IDs and mobile numbers.
const (
	// OK: the number is valid.
	OK Problem = iota
	// Length: the wrong number of digits.
	Length
	// Characters: something other than a digit or an ignored separator.
	Characters
	// Prefix: a national ID whose first digit is not 1–4, or a number that is
	// not a mobile number (its national number does not start with 5).
	Prefix
	// Checksum: the Luhn check digit of a national ID does not match.
	Checksum
	// Country: an international mobile number outside Saudi Arabia (+966).
	Country
	// Unallocated: a 05… mobile number in a range that is not allocated.
	Unallocated
)

// String returns the problem's name, the suffix of its reason code
// ("length", "characters", …), or "ok".
func (p Problem) String() string {
	switch p {
	case OK:
		return "ok"
	case Length:
		return "length"
	case Characters:
		return "characters"
	case Prefix:
		return "prefix"
	case Checksum:
		return "checksum"
	case Country:
		return "country"
	case Unallocated:
		return "unallocated"
	}
	return "unknown"
}

// digit maps an ASCII, Arabic-Indic (U+0660–U+0669) or Persian
// (U+06F0–U+06F9) digit to its value. skip reports a separator that the
// parsers ignore: space, tab, no-break space, dash, underscore, and the
// invisible bidirectional marks (LRM, RLM, ALM) that copying a number out of
// right-to-left text tends to add.
func digit(r rune) (d byte, ok, skip bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true, false
	case r >= '٠' && r <= '٩':
		return byte(r - '٠'), true, false
	case r >= '۰' && r <= '۹':
		return byte(r - '۰'), true, false
	case r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\u00a0' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c':
		return 0, false, true
	}
	return 0, false, false
}

// NationalID checks s as a national ID, Iqama or border number and returns its
// canonical form: 10 ASCII digits. Arabic-Indic and Persian digits are mapped
// to ASCII and separators (see digit) are ignored. The checks run in the order
// characters and length, first digit (1–4), Luhn.
//
// When s is already canonical the result is s itself and nothing is
// allocated.
func NationalID(s string) (string, Problem) {
	if len(s) == 10 {
		ok := true
		for i := 0; i < 10; i++ {
			if s[i]-'0' > 9 {
				ok = false
				break
			}
		}
		if ok {
			return s, checkNationalID(s)
		}
	}
	var buf [10]byte
	n := 0
	for _, r := range s {
		d, ok, skip := digit(r)
		if skip {
			continue
		}
		if !ok {
			return "", Characters
		}
		if n == len(buf) {
			return "", Length
		}
		buf[n] = '0' + d
		n++
	}
	if n != len(buf) {
		return "", Length
	}
	if p := checkNationalID(string(buf[:])); p != OK {
		return "", p
	}
	return string(buf[:]), OK
}

// checkNationalID checks the first digit and the Luhn digit of 10 ASCII digits.
func checkNationalID(s string) Problem {
	if s[0] < '1' || s[0] > '4' {
		return Prefix
	}
	// Luhn over all ten digits, doubling positions 1, 3, 5, 7, 9 (from the
	// left); unrolled because this is the hot path of every ID parse.
	sum := doubled[s[0]-'0'] + int(s[1]-'0') + doubled[s[2]-'0'] + int(s[3]-'0') +
		doubled[s[4]-'0'] + int(s[5]-'0') + doubled[s[6]-'0'] + int(s[7]-'0') +
		doubled[s[8]-'0'] + int(s[9]-'0')
	if sum%10 != 0 {
		return Checksum
	}
	return OK
}

// doubled[d] is 2d with its digits summed: the Luhn value of a doubled digit.
var doubled = [10]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// LuhnCheckDigit returns the Luhn (mod 10) check digit, as a number 0–9, of
// the ASCII digits in s, doubling the 1st, 3rd, 5th … digit from the left, as
// the Saudi numbering does for the nine digits before the check digit.
func LuhnCheckDigit(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[i]-'0') % 10
		if i%2 == 0 {
			sum += doubled[d]
		} else {
			sum += d
		}
	}
	return byte((10 - sum%10) % 10)
}
