package saudi

// Mobile checks s as a Saudi mobile number and returns its canonical E.164
// form, "+9665XXXXXXXX".
//
// Accepted forms (DOMAIN.md §1.4), in ASCII, Arabic-Indic or Persian digits
// with separators ignored (see digit): 05XXXXXXXX, 5XXXXXXXX, +9665XXXXXXXX,
// 9665XXXXXXXX and 009665XXXXXXXX. The national prefix 0 is also tolerated
// after the country code (+966 05XXXXXXXX), a common way of writing it. The
// nine-digit national number must match libphonenumber's Saudi mobile pattern
// 579[01]\d{5}|5(?:[013-689]\d|7[0-8])\d{6}.
//
// Problems: Characters (anything else, or a '+' that is not the first
// character), Country (an international number not under +966), Length,
// Prefix (a national number that does not start with 5, e.g. a landline) and
// Unallocated (a 05… number outside the allocated ranges, e.g. 052).
//
// When s is already canonical the result is s itself and nothing is
// allocated.
func Mobile(s string) (string, Problem) {
	if canonicalMobile(s) {
		return s, checkNSN(s[4], s[5], s[6], s[7])
	}
	// The longest accepted form is 00 966 0 5XXXXXXXX: 15 digits.
	var buf [15]byte
	n, plus, p := mobileDigits(s, &buf)
	if p != OK {
		return "", p
	}
	d, p := stripCountryCode(buf[:n], plus)
	if p != OK {
		return "", p
	}
	if len(d) == 10 && d[0] == '0' {
		d = d[1:]
	}
	if len(d) != 9 || d[0] == '0' {
		// A leading 0 left over is a national form one digit short (055123456).
		return "", Length
	}
	if p := checkNSN(d[0], d[1], d[2], d[3]); p != OK {
		return "", p
	}
	var out [13]byte
	copy(out[:], "+966")
	copy(out[4:], d)
	return string(out[:]), OK
}

// canonicalMobile reports whether s has the canonical shape "+966" and
// nine ASCII digits (the digits are not checked against the allocation).
func canonicalMobile(s string) bool {
	if len(s) != 13 || s[:4] != "+966" {
		return false
	}
	for i := 4; i < 13; i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	return true
}

// mobileDigits writes the digits of s, as ASCII, into buf and returns how
// many there are and whether s started with '+' (before any digit).
// Separators are skipped. Problems: Characters for anything else (a later
// '+' included), Length for more digits than buf holds.
func mobileDigits(s string, buf *[15]byte) (n int, plus bool, p Problem) {
	seen := false
	for _, r := range s {
		if r == '+' && !seen {
			plus, seen = true, true
			continue
		}
		d, ok, skip := digit(r)
		if skip {
			continue
		}
		if !ok {
			return 0, false, Characters
		}
		seen = true
		if n == len(buf) {
			return 0, false, Length
		}
		buf[n] = '0' + d
		n++
	}
	return n, plus, OK
}

// hasCC reports whether d starts with Saudi Arabia's country code, 966.
func hasCC(d []byte) bool { return len(d) >= 3 && d[0] == '9' && d[1] == '6' && d[2] == '6' }

// stripCountryCode removes an international prefix (+966, 00966, or 966
// before at least nine more digits) from the digits d. plus says whether the
// number was written with '+'. Problems: Country for an international
// number under another code, Length for one too short to have a code.
func stripCountryCode(d []byte, plus bool) ([]byte, Problem) {
	switch {
	case plus:
		if !hasCC(d) {
			if len(d) < 3 {
				return nil, Length
			}
			return nil, Country
		}
		return d[3:], OK
	case len(d) >= 2 && d[0] == '0' && d[1] == '0':
		if !hasCC(d[2:]) {
			if len(d) < 5 {
				return nil, Length
			}
			return nil, Country
		}
		return d[5:], OK
	case len(d) >= 12 && hasCC(d):
		return d[3:], OK
	}
	return d, OK
}

// checkNSN checks the first four digits of a nine-digit national number
// against 579[01]\d{5}|5(?:[013-689]\d|7[0-8])\d{6}.
func checkNSN(d0, d1, d2, d3 byte) Problem {
	if d0 != '5' {
		return Prefix
	}
	switch d1 {
	case '0', '1', '3', '4', '5', '6', '8', '9':
		return OK
	case '7':
		if d2 != '9' || d3 == '0' || d3 == '1' {
			return OK
		}
	}
	return Unallocated
}
