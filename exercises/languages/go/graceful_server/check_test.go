package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

func listen(t *testing.T) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

func TestARequestInFlightFinishesWhenTheServerStops(t *testing.T) {
	started, finished := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond) // an order being written
		io.WriteString(w, "order accepted")
		close(finished)
	})
	ln := listen(t)
	ctx, stop := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- Run(ctx, NewServer(slow), ln, 5*time.Second) }()

	type reply struct {
		body string
		err  error
	}
	replies := make(chan reply, 1)
	go func() {
		resp, err := http.Post("http://"+ln.Addr().String()+"/orders", "application/json", nil)
		if err != nil {
			replies <- reply{err: err}
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		replies <- reply{string(body), err}
	}()
	<-started
	stop() // SIGTERM arrives while the order is being written
	if err := <-stopped; err != nil {
		t.Fatalf("Run returned %v after a clean stop", err)
	}
	select {
	case <-finished:
	default:
		t.Fatal("Run returned while a request was still being handled: main would exit and cut it off")
	}
	got := <-replies
	if got.err != nil || got.body != "order accepted" {
		t.Fatalf("the request in flight got %q, %v: stopping must let it finish (http.Server.Shutdown)", got.body, got.err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Fatal("the server still accepts connections after Run returned")
	}
}

func TestAStuckRequestCannotHoldTheStopForEver(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	stuck := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})
	ln := listen(t)
	ctx, stop := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- Run(ctx, NewServer(stuck), ln, 200*time.Millisecond) }()
	go http.Get("http://" + ln.Addr().String() + "/stuck")
	<-started
	stop()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("Run still had not returned 5 s after the stop, with a grace period of 200 ms")
	}
}

func TestAClientThatNeverFinishesItsHeadersIsCutOff(t *testing.T) {
	ln := listen(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go Run(ctx, NewServer(http.NotFoundHandler()), ln, time.Second)

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /orders HTTP/1.1\r\nHost: orders\r\n") // the blank line never comes
	conn.SetReadDeadline(time.Now().Add(12 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn) // returns when the server closes the connection
	if elapsed := time.Since(start); err != nil || elapsed > 10*time.Second {
		t.Fatalf("the server held a connection with unfinished headers for %v (%v): set ReadHeaderTimeout "+
			"(10 s at most) so a slow or malicious client cannot hold connections for ever", elapsed.Round(time.Second), err)
	}
}
