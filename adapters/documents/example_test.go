package documents_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/masarhr/masar-go/adapters/documents"
)

func Example() {
	ctx := context.Background()
	s, err := documents.Open(ctx, "mem://", nil) // "file:///var/lib/masar/documents" on a server
	if err != nil {
		panic(err)
	}
	defer s.Close()
	d, err := s.Put(ctx, "a1b2c3", "degree.pdf", "application/pdf", bytes.NewReader([]byte("%PDF-1.4\n%%EOF\n")))
	fmt.Println(d.MediaType, d.Size, err)
	fmt.Println(s.Check(ctx, "a1b2c3", d))
	fmt.Println(s.Check(ctx, "someone", d))
	_, err = s.Put(ctx, "a1b2c3", "notes.txt", "", bytes.NewReader([]byte("plain text")))
	fmt.Println(err)
	// Output:
	// application/pdf 15 <nil>
	// <nil>
	// this document was uploaded by someone else
	// this type of document is not accepted; send PDF, PNG or JPEG
}
