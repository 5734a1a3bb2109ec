// Package server builds and runs the orders service's HTTP server.
//
// Fixed: the server has timeouts, so a client that trickles its headers (or its body, or never reads the
// response) is cut off; and Run stops with Shutdown, which closes the listener, lets requests in flight
// finish and closes idle connections, with a deadline so one stuck request cannot hold the deploy.
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
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
}

// Run serves on ln until ctx is cancelled (main cancels it on SIGTERM), then stops the server. Requests in
// flight get up to grace to finish. Run returns once the server has stopped.
func Run(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served: // the server failed on its own
		return err
	case <-ctx.Done():
	}
	// Shutdown needs a fresh context: ctx is already cancelled, and would end the grace period at once.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close() // grace is over: cut the connections that are still busy
	}
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}
