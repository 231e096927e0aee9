package masartest_test

import (
	"fmt"
	"testing"

	"github.com/masarhr/masar-go/masar/masartest"
)

// Another service's test gets a wired Client, an employee with a realistic
// file, their registration and a Nafath-like sign-in in a few lines; the
// identity the sign-in proves is the person of the file.
func Example() {
	t := &testing.T{} // in a test, the test's own t
	w := masartest.New(t)

	p := w.Employee()
	fmt.Println("file:", p.File.Name.EN.Full(), p.File.BirthDate, p.File.Job.Agency.ID, "rank", p.File.Job.Rank)

	w.Register(p)
	s := w.SignIn(p)
	fmt.Println("signed in:", s.NationalID == p.ID, s.Claims.FirstNameEN, s.Claims.FamilyNameEN, s.Claims.DateOfBirth)

	file, err := w.Client.EmployeeFile(w.Ctx, p.Actor, p.ID)
	fmt.Println("own file:", err == nil, file.Employee.Version)

	hr := w.Agency("moe").Specialist
	_, err = w.Client.EmployeeFile(w.Ctx, hr, p.ID)
	fmt.Println("HR of the agency:", err == nil)
	fmt.Println("codes sent:", len(w.SMS.Messages()), "emails:", len(w.Mail.Messages()))
	// Output:
	// file: Mohammed Ibrahim Hamad Al-Qahtani 1402-07-01 moe rank 8
	// signed in: true Mohammed Al-Qahtani 1402-07-01
	// own file: true 1
	// HR of the agency: true
	// codes sent: 1 emails: 1
}
