package cv_test

import (
	"testing"
	"unicode/utf8"

	"github.com/masarhr/masar-go/cv"
)

// FuzzHashCode: reading a typed code never panics; what reads as a code
// hashes like its normalized form, and what does not hashes to "".
func FuzzHashCode(f *testing.F) {
	for _, s := range []string{"ABCD-EFGH-IJKL-MNOP", "abcd efgh ijkl mnop", "\u200fABCD-EFGH-IJKL-MNO٢\u200e", "", "ABCD", "ABCD-EFGH-IJKL-MNOP-Q", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm := cv.NormalizeCode(s)
		h := cv.HashCode(key, s)
		if norm == "" {
			if h != "" {
				t.Fatalf("%q is no code but hashes to %q", s, h)
			}
			return
		}
		if !utf8.ValidString(norm) || len(norm) != 19 {
			t.Fatalf("normalized %q to %q", s, norm)
		}
		if h != cv.HashCode(key, norm) || len(h) != 64 {
			t.Fatalf("%q hashes unlike its normal form", s)
		}
	})
}
