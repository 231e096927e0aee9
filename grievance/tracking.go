package grievance

import (
	"strconv"
	"unicode/utf8"

	"github.com/masarhr/masar-go/hijri"
)

// TrackingNumber identifies a grievance to people: GRV-1447-000123, the
// Hijri year of filing and a sequence number that starts at 1 each year.
// The sequence is national, shared by every agency, so a tracking number
// names one grievance in the Kingdom whichever agency it is against: a
// person follows a grievance by its number alone. The zero value means
// "none". In JSON it is its text form (MarshalText), never an object.
type TrackingNumber struct {
	// Year is the Hijri year of filing in the agency's time zone.
	Year int `json:"year"`
	// Seq is the sequence number within the year (national), from 1.
	Seq int `json:"seq"`
}

// Prefix starts every tracking number.
const Prefix = "GRV"

// MaxSeq is the largest sequence number. Numbers print with at least six
// digits; up to nine are accepted.
const MaxSeq = 999_999_999

// maxTrackingInput bounds the text ParseTrackingNumber reads.
const maxTrackingInput = 64

// IsZero reports whether n is the zero TrackingNumber.
func (n TrackingNumber) IsZero() bool { return n == TrackingNumber{} }

// IsValid reports whether n has a year in the Umm al-Qura table's range and a
// sequence number from 1 to MaxSeq.
func (n TrackingNumber) IsValid() bool {
	return n.Year >= hijri.MinYear && n.Year <= hijri.MaxYear && n.Seq >= 1 && n.Seq <= MaxSeq
}

// String returns n as GRV-YYYY-NNNNNN (the sequence zero-padded to six
// digits), or "" for the zero TrackingNumber.
func (n TrackingNumber) String() string {
	if n.IsZero() {
		return ""
	}
	var b [24]byte
	return string(n.appendTo(b[:0]))
}

func (n TrackingNumber) appendTo(b []byte) []byte {
	b = append(b, Prefix...)
	b = append(b, '-')
	b = appendPadded(b, n.Year, 4)
	b = append(b, '-')
	return appendPadded(b, n.Seq, 6)
}

func appendPadded(b []byte, v, width int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// MarshalText returns String's form; the zero value marshals as "".
func (n TrackingNumber) MarshalText() ([]byte, error) {
	if n.IsZero() {
		return []byte{}, nil
	}
	if !n.IsValid() {
		return nil, ErrInvalidTrackingNumber
	}
	return n.appendTo(make([]byte, 0, 20)), nil
}

// UnmarshalText parses text with ParseTrackingNumber; "" gives the zero value.
func (n *TrackingNumber) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*n = TrackingNumber{}
		return nil
	}
	v, err := ParseTrackingNumber(string(text))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// ParseTrackingNumber reads a tracking number as people type it: the prefix
// GRV in any letter case, '-', the four-digit Hijri year, '-', and the
// sequence number in six digits (zero-padded) or seven to nine digits
// without a leading zero. Digits may be ASCII, Arabic-Indic (٠–٩) or Persian
// (۰–۹). Leading and trailing spaces, no-break spaces and bidirectional
// marks are ignored. The result's String is the canonical ASCII form.
//
// Errors: ErrInvalidTrackingNumber for anything else, including text longer
// than 64 bytes, a year outside 1356..1500 and sequence number 0.
func ParseTrackingNumber(s string) (TrackingNumber, error) {
	if len(s) > maxTrackingInput {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	i, end := trimSpace(s)
	if end-i < len(Prefix) || !prefixFold(s[i:i+len(Prefix)]) {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	i += len(Prefix)
	if i >= end || s[i] != '-' {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	year, n, i := digits(s, i+1, end)
	if n != 4 || i >= end || s[i] != '-' {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	seq, n, i := digits(s, i+1, end)
	if i != end || n < 6 || n > 9 || (n > 6 && leadingZero(seq, n)) {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	tn := TrackingNumber{Year: year, Seq: seq}
	if !tn.IsValid() {
		return TrackingNumber{}, ErrInvalidTrackingNumber
	}
	return tn, nil
}

// leadingZero reports whether an n-digit number v was written with a leading zero.
func leadingZero(v, n int) bool {
	lo := 1
	for range n - 1 {
		lo *= 10
	}
	return v < lo
}

func prefixFold(s string) bool {
	for j := 0; j < len(Prefix); j++ {
		c := s[j]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != Prefix[j] {
			return false
		}
	}
	return true
}

// digits reads up to 10 decimal digits of any supported script from s[i:end]
// and returns their value, how many were read and where reading stopped.
func digits(s string, i, end int) (v, n, next int) {
	for i < end && n < 10 {
		d, size := digitAt(s, i, end)
		if size == 0 {
			break
		}
		v = v*10 + d
		n++
		i += size
	}
	return v, n, i
}

// digitAt returns the digit at s[i] and its size in bytes, or size 0.
func digitAt(s string, i, end int) (int, int) {
	if c := s[i]; c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:end])
	switch {
	case r >= '٠' && r <= '٩':
		return int(r - '٠'), size
	case r >= '۰' && r <= '۹':
		return int(r - '۰'), size
	}
	return 0, 0
}

// trimSpace returns the bounds of s without leading and trailing spaces,
// no-break spaces and bidirectional marks.
func trimSpace(s string) (start, end int) {
	start, end = 0, len(s)
	for start < end {
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u200e', '\u200f', '\u061c':
		return true
	}
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
