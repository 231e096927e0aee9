package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTableUpToDate fails when table_data.go was edited by hand or the CSV
// changed without go generate.
func TestTableUpToDate(t *testing.T) {
	f, err := os.Open("month_starts.csv")
	require.NoError(t, err)
	defer f.Close()
	got, err := generate(f)
	require.NoError(t, err)
	want, err := os.ReadFile("../../table_data.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go generate ./hijri")
}

func TestReadRejects(t *testing.T) {
	good, err := os.ReadFile("month_starts.csv")
	require.NoError(t, err)
	src := string(good)
	for name, bad := range map[string]string{
		"missing month":  strings.Replace(src, "1445,9,2024-03-11\n", "", 1),
		"wrong order":    strings.Replace(src, "1445,9,2024-03-11", "1445,10,2024-03-11", 1),
		"31-day month":   strings.Replace(src, "1445,9,2024-03-11", "1445,9,2024-03-10", 1),
		"27-day month":   strings.Replace(src, "1445,9,2024-03-11", "1445,9,2024-03-14", 1),
		"malformed date": strings.Replace(src, "1445,9,2024-03-11", "1445,9,2024-3-11", 1),
		"extra field":    strings.Replace(src, "1445,9,2024-03-11", "1445,9,2024-03-11,x", 1),
		"truncated":      src[:strings.Index(src, "1500,1,")],
	} {
		_, err := read(strings.NewReader(bad))
		assert.Error(t, err, name)
	}
}
