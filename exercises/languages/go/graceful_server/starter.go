// Package server builds and runs the orders service's HTTP server.
//
// Incident ORD-318: every deploy, clients see a burst of connection resets and 502s from requests that
// were in flight when the old pods stopped. Separately, a scanner opened thousands of connections that
// never finished sending their headers, and the service ran out of file descriptors. Fix NewServer and
// Run: a slow client must be cut off, and stopping must let requests in flight finish, but not wait
// for ever for a request that never does.
package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// NewServer returns the server for handler h.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h}
}

// Run serves on ln until ctx is cancelled (main cancels it on SIGTERM), then stops the server. Requests in
// flight get up to grace to finish. Run returns once the server has stopped.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
