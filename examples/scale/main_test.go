package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScale runs the scale program on a small N over SQLite, and over
// PostgreSQL when MASAR_TEST_POSTGRES_DSN is set: every read level has
// reads and no failure.
func TestScale(t *testing.T) {
	stores := []string{"sqlite"}
	if os.Getenv("MASAR_TEST_POSTGRES_DSN") != "" {
		stores = append(stores, "postgres")
	}
	for _, st := range stores {
		t.Run(st, func(t *testing.T) {
			c, err := parse([]string{"-store", st, "-n", "30", "-clients", "1,4", "-duration", "150ms"}, &bytes.Buffer{})
			require.NoError(t, err)
			var out bytes.Buffer
			res, err := scale(context.Background(), c, &out)
			require.NoError(t, err, out.String())
			assert.Equal(t, 30, res.Imported)
			assert.Positive(t, res.Import)
			require.Len(t, res.Levels, 4, "facade and store at 1 and 4 clients")
			for _, l := range res.Levels {
				assert.Positive(t, l.Done, "%s at %d clients read", l.Reads, l.Clients)
				assert.Zero(t, l.Failed, "%s at %d clients", l.Reads, l.Clients)
				assert.LessOrEqual(t, l.P50, l.P99)
			}
			assert.Contains(t, out.String(), "import: 30 files in ")
			assert.Equal(t, 1+1+1+4, strings.Count(out.String(), "\n"), out.String())
		})
	}
}

// TestScaleReadsAgain: -import=false reads the files an earlier run left
// in the same database.
func TestScaleReadsAgain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "scale.db")
	args := []string{"-db", db, "-n", "20", "-clients", "2", "-duration", "100ms", "-only", "facade"}
	for _, extra := range [][]string{nil, {"-import=false"}} {
		c, err := parse(append(slices.Clone(args), extra...), &bytes.Buffer{})
		require.NoError(t, err)
		var out bytes.Buffer
		res, err := scale(context.Background(), c, &out)
		require.NoError(t, err, out.String())
		require.Len(t, res.Levels, 1)
		assert.Positive(t, res.Levels[0].Done, out.String())
		assert.Zero(t, res.Levels[0].Failed, "every file of the earlier run is found: %s", out.String())
	}
}

func TestParseRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"-store", "oracle"}, {"-n", "0"}, {"-clients", "1,x"}, {"-clients", "0"}, {"-only", "both"},
		{"-store", "postgres", "-dsn", ""}, {"-import=false"},
	} {
		_, err := parse(args, &bytes.Buffer{})
		assert.Error(t, err, "%v", args)
	}
	c, err := parse([]string{"-duration", "2s"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, 2*time.Second, c.duration)
	assert.Equal(t, []int{1, 8, 64}, c.clients)
}
