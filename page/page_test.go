package page_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/page"
)

func TestLimit(t *testing.T) {
	assert.Equal(t, 50, page.Limit(0, 50, 500))
	assert.Equal(t, 50, page.Limit(-3, 50, 500))
	assert.Equal(t, 7, page.Limit(7, 50, 500))
	assert.Equal(t, 500, page.Limit(501, 50, 500))
	assert.Equal(t, 3, page.Fetch(2))
}

func TestNew(t *testing.T) {
	id := func(i int) string { return strconv.Itoa(i) }
	p := page.New([]int{1, 2, 3}, 2, id)
	assert.Equal(t, []int{1, 2}, p.Items)
	assert.Equal(t, "2", p.Next)
	p = page.New([]int{1, 2}, 2, id)
	assert.Equal(t, []int{1, 2}, p.Items)
	assert.Empty(t, p.Next, "exactly full and nothing after: the last page")
	p = page.New[int](nil, 2, id)
	assert.NotNil(t, p.Items)
	assert.Empty(t, p.Items)
	p = page.New([]int{1, 2, 3}, 0, id)
	assert.Len(t, p.Items, 3)
	assert.Empty(t, p.Next)
	full := page.New([]int{1, 2, 3}, 2, id)
	full.Items = append(full.Items, 9)
	assert.Equal(t, []int{1, 2}, page.New([]int{1, 2, 3}, 2, id).Items, "a page's items do not share spare capacity")
}

func TestAll(t *testing.T) {
	data := []int{1, 2, 3, 4, 5}
	list := func(after string) (page.Page[int], error) {
		start := 0
		if after != "" {
			n, _ := strconv.Atoi(after)
			start = n
		}
		end := min(start+3, len(data))
		return page.New(data[start:end], 2, func(i int) string { return strconv.Itoa(i) }), nil
	}
	got, err := page.All(list)
	require.NoError(t, err)
	assert.Equal(t, data, got)
	boom := errors.New("boom")
	_, err = page.All(func(string) (page.Page[int], error) { return page.Page[int]{}, boom })
	assert.ErrorIs(t, err, boom)
}
