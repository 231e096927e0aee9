package hijri

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/masarhr/masar-go/fault"
)

var (
	_ sql.Scanner   = (*Date)(nil)
	_ driver.Valuer = Date{}
)

type record struct {
	Birth    Date  `json:"birth"`
	Decision Date  `json:"decision"`
	Optional *Date `json:"optional,omitempty"`
	Zero     Date  `json:"zero,omitzero"`
}

func TestJSON(t *testing.T) {
	r := record{Birth: MustNew(1410, 8, 13), Decision: MustNew(1445, 12, 27)}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"birth":"1410-08-13","decision":"1445-12-27"}`, string(b))

	var back record
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)

	// The zero Date is null and decodes from null.
	b, err = json.Marshal(struct{ D Date }{})
	require.NoError(t, err)
	assert.Equal(t, `{"D":null}`, string(b))
	var z struct{ D Date }
	require.NoError(t, json.Unmarshal(b, &z))
	assert.True(t, z.D.IsZero())

	// Unmarshal accepts what ParseAny accepts, and JSON escapes.
	for in, want := range map[string]Date{
		`"1445-09-01"`:  MustNew(1445, 9, 1),
		`"1/9/1445 هـ"`: MustNew(1445, 9, 1),
		`"١٤٤٥/٩/١"`:    MustNew(1445, 9, 1),
		`"\u0661\u0664\u0664\u0665-09-01 \u0647\u0640"`: MustNew(1445, 9, 1),
		`"2024-07-03"`:      MustNew(1445, 12, 27),
		`"3/7/2024 \u0645"`: MustNew(1445, 12, 27),
		`"1445\/09\/01"`:    MustNew(1445, 9, 1),
		`""`:                {},
	} {
		var d Date
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.Equal(t, want, d, in)
	}

	// null is a no-op, as the encoding/json convention asks.
	d := MustNew(1445, 9, 1)
	require.NoError(t, d.UnmarshalJSON([]byte("null")))
	assert.Equal(t, MustNew(1445, 9, 1), d)

	// Errors leave the value unchanged.
	for in, sentinel := range map[string]error{
		`"1445-13-01"`:                        ErrInvalidDate,
		`"1501-01-01"`:                        ErrOutOfRange,
		`"2023-02-29"`:                        ErrInvalidDate,
		`"nope"`:                              ErrSyntax,
		`14450901`:                            ErrSyntax,
		`{}`:                                  ErrSyntax,
		`"`:                                   ErrSyntax,
		`"\x"`:                                ErrSyntax,
		`true`:                                ErrSyntax,
		`"1445-09-01`:                         ErrSyntax,
		`"\ud800-1-1"`:                        ErrSyntax,
		`"` + string(make([]byte, 500)) + `"`: ErrSyntax,
	} {
		d := MustNew(1440, 1, 1)
		err := d.UnmarshalJSON([]byte(in))
		assert.ErrorIs(t, err, sentinel, "%q", in)
		assert.Equal(t, MustNew(1440, 1, 1), d, "%q", in)
	}
	err = json.Unmarshal([]byte(`{"birth":"1445-01-30"}`), &back)
	assert.ErrorIs(t, err, ErrInvalidDate)
	assert.Equal(t, "hijri.invalid_day", fault.ReasonOf(err))

	// An invalid non-zero date does not encode.
	_, err = json.Marshal(record{Birth: Date{1445, 1, 30}})
	assert.ErrorIs(t, err, ErrInvalidDate)
	_, err = Date{1445, 1, 30}.MarshalJSON()
	assert.ErrorIs(t, err, ErrInvalidDate)
	assert.Equal(t, "hijri.marshal_invalid", fault.ReasonOf(err))
}

func TestText(t *testing.T) {
	d := MustNew(1445, 9, 1)
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "1445-09-01", string(b))
	b, err = d.AppendText([]byte("x="))
	require.NoError(t, err)
	assert.Equal(t, "x=1445-09-01", string(b))
	b, err = Date{}.MarshalText()
	require.NoError(t, err)
	assert.NotNil(t, b)
	assert.Empty(t, b)
	_, err = Date{1501, 1, 1}.MarshalText()
	assert.ErrorIs(t, err, ErrInvalidDate)

	var e Date
	require.NoError(t, e.UnmarshalText([]byte("٣/٧/٢٠٢٤ م")))
	assert.Equal(t, MustNew(1445, 12, 27), e)
	require.NoError(t, e.UnmarshalText(nil))
	assert.True(t, e.IsZero())
	e = d
	assert.ErrorIs(t, e.UnmarshalText([]byte("1445-01-30")), ErrInvalidDate)
	assert.Equal(t, d, e)

	// Map keys use the text form.
	m := map[Date]int{MustNew(1445, 9, 1): 1, MustNew(1440, 1, 1): 2}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.Equal(t, `{"1440-01-01":2,"1445-09-01":1}`, string(b))
	var mback map[Date]int
	require.NoError(t, json.Unmarshal(b, &mback))
	assert.Equal(t, m, mback)
}

func TestSQL(t *testing.T) {
	d := MustNew(1445, 9, 1)
	v, err := d.Value()
	require.NoError(t, err)
	assert.Equal(t, "1445-09-01", v)
	v, err = Date{}.Value()
	require.NoError(t, err)
	assert.Nil(t, v)
	_, err = Date{1445, 2, 31}.Value()
	assert.ErrorIs(t, err, ErrInvalidDate)

	riyadh := time.FixedZone("AST", 3*3600)
	for _, c := range []struct {
		src  any
		want Date
	}{
		{"1445-09-01", d},
		{[]byte("1445-09-01"), d},
		{"١/٩/١٤٤٥ هـ", d},
		{"2024-03-11", d},
		{[]byte("11/03/2024"), d},
		{time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC), d},
		{time.Date(2024, 3, 11, 1, 0, 0, 0, riyadh), d}, // its own civil date, no UTC shift
		{time.Date(2024, 3, 11, 23, 0, 0, 0, time.FixedZone("", -5*3600)), d},
		{"2024-03-11 00:00:00+00:00", d}, // SQLite drivers
		{"2024-03-11T01:00:00+03:00", d},
		{"2024-03-11 01:00:00+03", d}, // PostgreSQL text
		{"2024-03-11T23:59:59.999Z", d},
		{[]byte("2024-03-11 10:00:00"), d},
		{"2024-03-11 10:00", d},
		{nil, Date{}},
		{"", Date{}},
		{[]byte{}, Date{}},
	} {
		e := MustNew(1400, 1, 1)
		require.NoError(t, e.Scan(c.src), "%#v", c.src)
		assert.Equal(t, c.want, e, "%#v", c.src)
	}
	for _, c := range []struct {
		src      any
		sentinel error
		reason   string
	}{
		{"1445-13-01", ErrInvalidDate, "hijri.invalid_month"},
		{"nope", ErrSyntax, "hijri.syntax"},
		{"2024-03-11 25:00:00", ErrSyntax, "hijri.syntax"},
		{"2024-03-11 10:00:00 garbage", ErrSyntax, "hijri.syntax"},
		{"1445-09-01 00:00:00", ErrOutOfRange, "hijri.out_of_range"}, // a Gregorian timestamp of the year 1445
		{time.Time{}, ErrOutOfRange, "hijri.out_of_range"},
		{time.Date(2078, 1, 1, 0, 0, 0, 0, time.UTC), ErrOutOfRange, "hijri.out_of_range"},
		{int64(14450901), ErrInvalidDate, "hijri.scan_type"},
		{3.5, ErrInvalidDate, "hijri.scan_type"},
		{true, ErrInvalidDate, "hijri.scan_type"},
	} {
		e := MustNew(1400, 1, 1)
		err := e.Scan(c.src)
		assert.ErrorIs(t, err, c.sentinel, "%#v", c.src)
		assert.Equal(t, c.reason, fault.ReasonOf(err), "%#v", c.src)
		assert.Equal(t, MustNew(1400, 1, 1), e, "unchanged on error: %#v", c.src)
	}
	err = new(Date).Scan(int64(1))
	assert.Contains(t, err.Error(), "cannot scan int64 into a Date")

	// Round trip through Value and Scan.
	for _, x := range []Date{d, MustNew(1356, 1, 1), MustNew(1500, 12, 30), {}} {
		v, err := x.Value()
		require.NoError(t, err)
		var y Date
		require.NoError(t, y.Scan(v))
		assert.Equal(t, x, y)
	}
}

func TestEncodingAllocs(t *testing.T) {
	d := MustNew(1445, 9, 1)
	buf := make([]byte, 0, 16)
	assert.Zero(t, testing.AllocsPerRun(100, func() { buf, _ = d.AppendText(buf[:0]) }))
	in := []byte(`"1445-09-01"`)
	var e Date
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = e.UnmarshalJSON(in) }))
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _, _ = d.MarshalJSON() }), 1.0)
}
