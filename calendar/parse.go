package calendar

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/i18n"
)

// maxLine bounds a line of a holiday list; maxHolidays bounds its entries.
const (
	maxLine     = 256
	maxHolidays = 64
)

// ErrInvalidList: a holiday list is malformed; the violation names the line.
var ErrInvalidList = fault.New(fault.Invalid, "calendar.invalid_list",
	"the holiday list is not valid", "قائمة الإجازات الرسمية غير صحيحة")

// ParseYear reads the announced holidays of one Hijri year:
//
//	# comments and blank lines are ignored
//	year 1446
//	eid_al_fitr 1446-09-25 1446-10-05
//	national_day 1446-03-20
//
// The first other line is "year N"; each following line is a holiday kind,
// its first day and, optionally, its last day (dates as hijri.ParseAny reads
// them, without spaces inside). It fails with ErrInvalidList naming the
// line, or ErrInvalidHoliday as Official.Load checks each entry.
func ParseYear(r io.Reader) (int, []Holiday, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxLine*(maxHolidays+16)))
	sc.Buffer(make([]byte, 0, maxLine), maxLine)
	y, line := 0, 0
	var hs []Holiday
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		if y == 0 {
			n, err := 0, error(nil)
			if len(f) == 2 {
				n, err = strconv.Atoi(f[1])
			}
			if f[0] != "year" || len(f) != 2 || err != nil || n < hijri.MinYear || n > hijri.MaxYear {
				return 0, nil, listErr(line, i18n.Text{EN: `the list must start with "year N", N a Hijri year`, AR: "يجب أن تبدأ القائمة بالسنة الهجرية"})
			}
			y = n
			continue
		}
		if len(f) < 2 || len(f) > 3 {
			return 0, nil, listErr(line, i18n.Text{EN: "expected a kind, a first day and an optional last day", AR: "المتوقع نوع الإجازة ويومها الأول ويومها الأخير اختيارياً"})
		}
		if len(hs) == maxHolidays {
			return 0, nil, listErr(line, i18n.Text{EN: "too many holidays", AR: "عدد الإجازات كبير جداً"})
		}
		h := Holiday{Kind: HolidayKind(f[0])}
		var err error
		if h.From, err = hijri.ParseAny(f[1]); err != nil {
			return 0, nil, listErr(line, i18n.Text{EN: "the first day is not a valid date", AR: "اليوم الأول ليس تاريخاً صحيحاً"})
		}
		h.To = h.From
		if len(f) == 3 {
			if h.To, err = hijri.ParseAny(f[2]); err != nil {
				return 0, nil, listErr(line, i18n.Text{EN: "the last day is not a valid date", AR: "اليوم الأخير ليس تاريخاً صحيحاً"})
			}
		}
		if msg, bad := checkHoliday(y, h); bad {
			return 0, nil, listErr(line, msg)
		}
		hs = append(hs, h)
	}
	if err := sc.Err(); err != nil {
		return 0, nil, listErr(line+1, i18n.Text{EN: "the line is too long", AR: "السطر طويل جداً"})
	}
	if y == 0 {
		return 0, nil, listErr(line, i18n.Text{EN: `the list must start with "year N"`, AR: "يجب أن تبدأ القائمة بالسنة الهجرية"})
	}
	return y, hs, nil
}

func listErr(line int, msg i18n.Text) error {
	return ErrInvalidList.WithFields(fault.FieldViolation{Field: "line " + strconv.Itoa(line), Reason: "calendar.invalid_list", Message: msg})
}

// LoadText reads a list with ParseYear and loads it (Official.Load).
func (o *Official) LoadText(r io.Reader) (int, error) {
	y, hs, err := ParseYear(r)
	if err != nil {
		return 0, err
	}
	return y, o.Load(y, hs)
}
