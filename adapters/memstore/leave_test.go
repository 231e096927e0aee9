package memstore_test

import (
	"testing"

	"github.com/masarhr/masar-go/adapters/memstore"
	"github.com/masarhr/masar-go/leave"
	"github.com/masarhr/masar-go/leave/leavetest"
	"github.com/masarhr/masar-go/records/recordstest"
)

func TestLeaveStore(t *testing.T) {
	leavetest.Run(t, func(t *testing.T) leave.Store { return memstore.New(nil) })
}

func TestFileScanner(t *testing.T) {
	recordstest.RunFileScanner(t, func(t *testing.T) recordstest.ScanStore { return memstore.New(nil) })
}
