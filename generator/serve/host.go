package serve

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Where the server may be reached from.
//
// On a loopback address (127.0.0.1, [::1]) only this machine can connect, but
// a page of any site open in its browser can still make requests to it: a
// site whose host name its owner points at 127.0.0.1 (DNS rebinding) is, for
// the browser, the same origin as the preview, and could read it. Such a
// request names the foreign host in its Host header, so on a loopback address
// the server answers only requests for a loopback host name, and others with
// 421 Misdirected Request.
//
// On any other address, other machines can connect, under names (the
// machine's host name, its addresses) the server cannot know: it answers
// every host name, and Run warns that the site is readable from other
// machines.

// loopback reports whether a listener's address is reachable from this
// machine only.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// loopbackHost reports whether a Host header names this machine's loopback
// interface: localhost, an address of 127.0.0.0/8 or [::1], each with or
// without a port.
func loopbackHost(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		name = host[1 : len(host)-1]
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(name)
	return err == nil && ip.Zone() == "" && ip.IsLoopback()
}

// loopbackOnly answers only the requests of h whose Host is a loopback
// name; the others get 421 and a short text.
func loopbackOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopbackHost(r.Host) {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, fmt.Sprintf("421 misdirected request: kb serve on a loopback address answers only to localhost, 127.0.0.1 (or any 127.x.y.z) and [::1], not to the host name %q", r.Host), http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// URL is the address a browser opens for a listener's address, as it is: the
// unspecified address (every interface) stays [::] or 0.0.0.0.
func URL(addr net.Addr) string {
	return "http://" + addr.String() + "/"
}

// localURL is the address to open on this machine for a listener on the
// unspecified address (every interface).
func localURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return URL(addr)
	}
	return "http://" + net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port)) + "/"
}

// warnReachable says that other machines can read the site served on a
// listener that is not on a loopback address.
func warnReachable(w io.Writer, addr net.Addr) {
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		fmt.Fprintf(w, "kb serve: warning: listening on %s, every network interface: other machines can read the site; "+
			"on this machine open %s; to keep the site to this machine, listen on 127.0.0.1\n", addr, localURL(addr))
		return
	}
	fmt.Fprintf(w, "kb serve: warning: listening on %s, not a loopback address: other machines can read the site; "+
		"to keep the site to this machine, listen on 127.0.0.1\n", addr)
}
