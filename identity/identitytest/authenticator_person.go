package identitytest

import (
	"hash/fnv"
	"strings"
	"time"

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

var (
	personMaleNames = []personName{
		{"محمد", "Mohammed"}, {"عبدالله", "Abdullah"}, {"فهد", "Fahad"}, {"خالد", "Khalid"},
		{"سلطان", "Sultan"}, {"عبدالرحمن", "Abdulrahman"}, {"فيصل", "Faisal"}, {"تركي", "Turki"},
		{"سعود", "Saud"}, {"ناصر", "Nasser"}, {"يوسف", "Yousef"}, {"إبراهيم", "Ibrahim"},
	}
	personFemaleNames = []personName{
		{"نورة", "Noura"}, {"سارة", "Sarah"}, {"ريم", "Reem"}, {"هيفاء", "Haifa"},
		{"لمى", "Lama"}, {"منيرة", "Munira"}, {"العنود", "Alanoud"}, {"أمل", "Amal"},
	}
	personFamilyNames = []personName{
		{"العتيبي", "Alotaibi"}, {"القحطاني", "Alqahtani"}, {"الشمري", "Alshammari"}, {"الدوسري", "Aldosari"},
		{"الغامدي", "Alghamdi"}, {"الزهراني", "Alzahrani"}, {"الحربي", "Alharbi"}, {"المطيري", "Almutairi"},
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
// every time for the same id: Arabic and English names, a gender, a
// nationality ("SA" for a citizen) and a date of birth between 1960 and 2004
// (Gregorian). It is what the fakes return for an identity they were not
// told about. None of it belongs to a real person.
func DefaultProfile(id identity.NationalID) Profile {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id.String()))
	x := h.Sum64()
	pick := func(n int) int {
		v := int(x % uint64(n))
		x /= uint64(n)
		return v
	}
	p := Profile{Gender: "M", Nationality: "SA"}
	first := personMaleNames[pick(len(personMaleNames))]
	if pick(2) == 1 {
		p.Gender = "F"
		first = personFemaleNames[pick(len(personFemaleNames))]
	}
	father := personMaleNames[pick(len(personMaleNames))]
	grand := personMaleNames[pick(len(personMaleNames))]
	family := personFamilyNames[pick(len(personFamilyNames))]
	p.FirstNameAR, p.FirstNameEN = first.ar, first.en
	p.FatherNameAR, p.FatherNameEN = father.ar, father.en
	p.GrandNameAR, p.GrandNameEN = grand.ar, grand.en
	p.FamilyNameAR, p.FamilyNameEN = family.ar, family.en
	if id.Kind() != identity.Citizen {
		p.Nationality = personResidentNationalities[pick(len(personResidentNationalities))]
	}
	born := time.Date(1960, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, pick(45*365))
	p.DateOfBirth, _ = hijri.FromGregorian(born.Date()) // 1960–2004 is inside the table
	return p
}
