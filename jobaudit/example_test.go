package jobaudit_test

import (
	"fmt"

	"github.com/masarhr/masar-go/jobaudit"
	"github.com/masarhr/masar-go/records"
)

func ExamplePolicy_Requires() {
	on := true
	p := jobaudit.Policy{Agencies: map[string]jobaudit.AgencyPolicy{
		"moe": {Default: &on, Kinds: map[records.EventKind]bool{records.KindLeave: false}},
	}}
	fmt.Println(p.Requires("moe", records.KindPromotion), p.Requires("moe", records.KindLeave), p.Requires("moh", records.KindPromotion))
	// Output: true false false
}

func ExampleCheck() {
	e, h := cleanFile()
	e.Job.Rank = 12 // the file says 12, the last promotion 8
	for _, f := range jobaudit.Check(e, h, nil, jobaudit.DefaultRules()) {
		fmt.Println(f.Code, f.Field)
	}
	// Output: jobaudit.rank_inconsistent job.rank
}
