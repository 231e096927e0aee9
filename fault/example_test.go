package fault_test

import (
	"errors"
	"fmt"

	"github.com/masarhr/masar-go/fault"
	"github.com/masarhr/masar-go/i18n"
)

func Example() {
	errWindowClosed := fault.New(fault.FailedPrecondition, "grievance.window_closed",
		"the filing window has closed", "انتهت مهلة تقديم التظلم")

	err := fmt.Errorf("file grievance: %w", errWindowClosed.Because("grievance.window_closed_60d",
		"grievances must be filed within 60 days", "يجب تقديم التظلم خلال ستين يوماً"))

	fmt.Println(errors.Is(err, errWindowClosed), errors.Is(err, fault.ErrFailedPrecondition))
	fmt.Println(fault.CodeOf(err), fault.ReasonOf(err))
	fmt.Println(fault.MessageOf(err, i18n.Arabic))
	// Output:
	// true true
	// failed_precondition grievance.window_closed_60d
	// يجب تقديم التظلم خلال ستين يوماً
}
