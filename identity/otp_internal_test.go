package identity

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"testing"
)

func TestNewOTPCodeRejectsBiasedValues(t *testing.T) {
	const limit = 4_294_000_000 // the largest multiple of 10⁶ that fits in 32 bits
	var buf bytes.Buffer
	for _, v := range []uint32{limit, 0xffffffff, limit + 123, limit - 1} {
		_ = binary.Write(&buf, binary.BigEndian, v)
	}
	code, err := newOTPCode(&buf)
	if err != nil || code != "999999" {
		t.Fatalf("got %q %v, want 999999 from the first value below the limit", code, err)
	}
	if _, err := newOTPCode(bytes.NewReader([]byte{1, 2})); err == nil {
		t.Fatal("a short read must fail")
	}
	var one bytes.Buffer
	_ = binary.Write(&one, binary.BigEndian, uint32(1_000_042))
	if code, _ := newOTPCode(&one); code != "000042" {
		t.Fatalf("leading zeros: got %q", code)
	}
}

func TestNewOTPCodeLooksUniform(t *testing.T) {
	// Each digit position over many codes: a gross bias (a stuck digit, a
	// skewed modulo) shows up far beyond this tolerance.
	const n = 20000
	var counts [otpDigits][10]int
	for range n {
		c, err := newOTPCode(rand.Reader)
		if err != nil || len(c) != otpDigits {
			t.Fatalf("%q %v", c, err)
		}
		for i := range otpDigits {
			counts[i][c[i]-'0']++
		}
	}
	for i, row := range counts {
		for d, k := range row {
			if k < n/10*8/10 || k > n/10*12/10 {
				t.Errorf("position %d digit %d: %d of %d", i, d, k, n)
			}
		}
	}
}

func TestNormalizeOTP(t *testing.T) {
	for in, want := range map[string]string{
		"123456": "123456", " 123 456 ": "123456", "١٢٣٤٥٦": "123456", "۱۲۳-۴۵۶": "123456",
	} {
		if got, ok := normalizeOTP(in); !ok || got != want {
			t.Errorf("%q: got %q %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "12345", "1234567", "12345x", "１２３４５６"} {
		if _, ok := normalizeOTP(in); ok {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestEmailTokenShape(t *testing.T) {
	tok, err := newEmailToken(rand.Reader)
	if err != nil || len(tok) != 43 || !validEmailToken(tok) {
		t.Fatalf("%q %v", tok, err)
	}
	if validEmailToken(tok+"A") || validEmailToken(tok[:42]+"=") {
		t.Fatal("malformed token accepted")
	}
	if _, err := newEmailToken(errReader{}); err == nil {
		t.Fatal("reader failure not reported")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }
