package pensiontest

import (
	"net"
	"sync"
)

// gate is a net.Listener whose socket can be closed and opened again on
// the same address, so that a Server that is Down refuses connections (as
// an agency that is not running does) and keeps its URL when it is Up.
type gate struct {
	addr net.Addr

	mu     sync.Mutex
	l      net.Listener  // nil while down
	up     chan struct{} // closed when l is set again, or on Close
	closed bool
}

func newGate(l net.Listener) *gate {
	up := make(chan struct{})
	close(up)
	return &gate{addr: l.Addr(), l: l, up: up}
}

// Accept waits for a connection on the current socket; while the gate is
// down it waits for it to be up again.
func (g *gate) Accept() (net.Conn, error) {
	for {
		g.mu.Lock()
		if g.closed {
			g.mu.Unlock()
			return nil, net.ErrClosed
		}
		l, up := g.l, g.up
		g.mu.Unlock()
		if l == nil {
			<-up
			continue
		}
		c, err := l.Accept()
		if err == nil {
			return c, nil
		}
		g.mu.Lock()
		same := g.l == l && !g.closed
		g.mu.Unlock()
		if same {
			return nil, err
		}
		if c != nil {
			c.Close()
		}
	}
}

// down closes the socket: new connections are refused.
func (g *gate) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.l == nil || g.closed {
		return
	}
	g.l.Close()
	g.l = nil
	g.up = make(chan struct{})
}

// reopen listens on the address again.
func (g *gate) reopen() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.l != nil || g.closed {
		return nil
	}
	l, err := net.Listen(g.addr.Network(), g.addr.String())
	if err != nil {
		return err
	}
	g.l = l
	close(g.up)
	return nil
}

// Close closes the socket for good.
func (g *gate) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	if g.l == nil {
		close(g.up)
		return nil
	}
	return g.l.Close()
}

// Addr is the address the gate listens on, down or up.
func (g *gate) Addr() net.Addr { return g.addr }
