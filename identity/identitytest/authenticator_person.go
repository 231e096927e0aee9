package identitytest

import (
	"hash/fnv"
	"strings"

	"github.com/masarhr/masar-go/hijri"
	"github.com/masarhr/masar-go/identity"
)

// Profile is what a fake authenticator (Authenticator here, or
// adapters/nafath/nafathtest's server) says about the holder of an identity
// number when a sign-in is approved: the person data of Nafath's token.
// Person converts it to the identity.Person a fake Registry holds, so that
// both fakes can tell the same story.
type Profile struct {
	// FirstNameAR … FamilyNameAR are the Arabic names: first, father's,
	// grandfather's, family.
	FirstNameAR  string `json:"first_name_ar,omitempty"`
	FatherNameAR string `json:"father_name_ar,omitempty"`
	GrandNameAR  string `json:"grandfather_name_ar,omitempty"`
	FamilyNameAR string `json:"family_name_ar,omitempty"`
	// FirstNameEN … FamilyNameEN are the same names in English.
	FirstNameEN  string `json:"first_name_en,omitempty"`
	FatherNameEN string `json:"father_name_en,omitempty"`
	GrandNameEN  string `json:"grandfather_name_en,omitempty"`
	FamilyNameEN string `json:"family_name_en,omitempty"`
	// Nationality is a country code ("SA" for citizens).
	Nationality string `json:"nationality,omitempty"`
	// Gender is "M" or "F".
	Gender string `json:"gender,omitempty"`
	// DateOfBirth is the Hijri civil date of birth.
	DateOfBirth hijri.Date `json:"date_of_birth"`
}

type personName struct{ ar, en string }

// The name lists of the generated people. records/recordstest files the
// same people (DefaultProfile), so these lists are the fixtures' too.
var (
	personMaleNames = []personName{
		{"محمد", "Mohammed"}, {"عبدالله", "Abdullah"}, {"فهد", "Fahad"}, {"سعود", "Saud"},
		{"خالد", "Khalid"}, {"تركي", "Turki"}, {"ناصر", "Nasser"}, {"سلطان", "Sultan"},
	}
	personFemaleNames = []personName{
		{"نورة", "Noura"}, {"سارة", "Sarah"}, {"لمى", "Lama"}, {"هيفاء", "Haifa"}, {"ريم", "Reem"}, {"منيرة", "Munira"},
	}
	personFatherNames = []personName{
		{"عبدالعزيز", "Abdulaziz"}, {"إبراهيم", "Ibrahim"}, {"سليمان", "Sulaiman"}, {"صالح", "Saleh"},
		{"علي", "Ali"}, {"حمد", "Hamad"},
	}
	personFamilyNames = []personName{
		{"القحطاني", "Al-Qahtani"}, {"العتيبي", "Al-Otaibi"}, {"الدوسري", "Al-Dosari"}, {"الشمري", "Al-Shammari"},
		{"الغامدي", "Al-Ghamdi"}, {"الحربي", "Al-Harbi"}, {"الزهراني", "Al-Zahrani"},
	}
	personResidentNationalities = []string{"EG", "IN", "PK", "JO", "YE", "SD", "PH", "BD"}
)

// Person returns p as the civil registry's identity.Person for id: the
// names joined in order.
func (p Profile) Person(id identity.NationalID) identity.Person {
	return identity.Person{
		NationalID:  id,
		BirthDate:   p.DateOfBirth,
		Nationality: p.Nationality,
		NameAR:      joinNames(p.FirstNameAR, p.FatherNameAR, p.GrandNameAR, p.FamilyNameAR),
		NameEN:      joinNames(p.FirstNameEN, p.FatherNameEN, p.GrandNameEN, p.FamilyNameEN),
	}
}

func joinNames(names ...string) string {
	var b strings.Builder
	for _, n := range names {
		if n == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	return b.String()
}

// DefaultProfile returns plausible, made-up person data for id, the same
// every time for the same id: Arabic and English names (first, father's,
// grandfather's, family), a gender, a nationality ("SA" for a citizen) and a
// date of birth on 1 Rajab (the registry's date when only the year is known)
// of a year from 1390 to 1404 AH (1970–1984), so that every generated person
// is of working age.
//
// It is the one story every fake tells about a generated person: the fake
// Authenticator and nafathtest's server prove it at sign-in, Person gives it
// to a fake Registry, and records/recordstest.NewBuilder files an employee
// with these names, this birth date and this gender. None of it belongs to a
// real person.
func DefaultProfile(id identity.NationalID) Profile {
	digits := (id.String() + "0000000000")[:10] // the zero ID too
	pick := func(i, n int) int { return int(digits[i]-'0'+digits[i+1]-'0') % n }
	p := Profile{Gender: "M", Nationality: "SA"}
	first := personMaleNames[pick(1, len(personMaleNames))]
	if digits[8]%2 == 1 {
		p.Gender = "F"
		first = personFemaleNames[pick(1, len(personFemaleNames))]
	}
	father, grand := personFatherNames[pick(3, len(personFatherNames))], personFatherNames[pick(5, len(personFatherNames))]
	family := personFamilyNames[pick(6, len(personFamilyNames))]
	p.FirstNameAR, p.FirstNameEN = first.ar, first.en
	p.FatherNameAR, p.FatherNameEN = father.ar, father.en
	p.GrandNameAR, p.GrandNameEN = grand.ar, grand.en
	p.FamilyNameAR, p.FamilyNameEN = family.ar, family.en
	if id.Kind() != identity.Citizen {
		h := fnv.New64a()
		_, _ = h.Write([]byte(digits))
		p.Nationality = personResidentNationalities[h.Sum64()%uint64(len(personResidentNationalities))]
	}
	p.DateOfBirth = hijri.MustNew(1390+pick(2, 15), 7, 1)
	return p
}
