package ids

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNewIsHexAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := New()
		if len(id) != 32 {
			t.Fatalf("len(%q) = %d", id, len(id))
		}
		for _, c := range id {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				t.Fatalf("%q is not lowercase hex", id)
			}
		}
		if seen[id] {
			t.Fatalf("duplicate %q", id)
		}
		seen[id] = true
	}
}

func TestNewOrderedSortsByTimeAndIsUnique(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := range 2000 {
		at := t0.Add(time.Duration(i/2) * time.Millisecond) // two IDs a millisecond
		id := NewOrdered(at)
		if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Fatalf("%q is not 32 lowercase hex digits", id)
		}
		if id[12] != '7' || !strings.ContainsRune("89ab", rune(id[16])) {
			t.Fatalf("%q: not laid out as a version 7 UUID", id)
		}
		if ms, _ := strconv.ParseInt(id[:12], 16, 64); ms != at.UnixMilli() {
			t.Fatalf("%q: time %d, want %d", id, ms, at.UnixMilli())
		}
		if i%2 == 0 && id <= prev {
			t.Fatalf("%q made after %q sorts before it", id, prev)
		}
		if seen[id] {
			t.Fatalf("duplicate %q", id)
		}
		seen[id], prev = true, id
	}
}
