// The items API on Go's standard library: net/http, encoding/json, one goroutine per connection.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// --8<-- [start:handlers]
type Item struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	PriceCents int    `json:"price_cents"`
}

// Problem is an RFC 9457 problem details document.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// Store is shared by every request goroutine, so access goes through a read-write mutex.
type Store struct {
	mu    sync.RWMutex
	items map[int]Item
}

func (s *Store) Get(id int) (Item, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	item, ok := s.items[id]
	return item, ok
}

func writeJSON(w http.ResponseWriter, status int, contentType string, body any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		log.Printf("writing response: %v", err)
	}
}

func notFound(w http.ResponseWriter, detail string) {
	writeJSON(w, http.StatusNotFound, "application/problem+json",
		Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound, Detail: detail})
}

func (s *Store) handleItem(w http.ResponseWriter, r *http.Request) {
	raw := itemID(r) // r.PathValue("id") on Go 1.22+, see routes_go122.go
	id, err := strconv.Atoi(raw)
	if err != nil {
		notFound(w, fmt.Sprintf("No item with id %s", raw))
		return
	}
	item, ok := s.Get(id)
	if !ok {
		notFound(w, fmt.Sprintf("No item with id %d", id))
		return
	}
	writeJSON(w, http.StatusOK, "application/json", item)
}

func handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", map[string]string{"status": "ok"})
}

// --8<-- [end:handlers]

// --8<-- [start:main]
func main() {
	store := &Store{items: map[int]Item{
		1: {ID: 1, Name: "Keyboard", PriceCents: 4999},
		2: {ID: 2, Name: "Mouse", PriceCents: 1999},
	}}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	// http.ListenAndServe would use a Server with no timeouts: a client that sends its headers one byte
	// a minute would hold a connection (and its goroutine) for ever.
	srv := &http.Server{
		Addr:              "127.0.0.1:" + port,
		Handler:           routes(store),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	// SIGTERM (what Kubernetes and docker stop send) cancels ctx; Shutdown then stops accepting and
	// lets requests in flight finish, up to a deadline.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()
	// net/http serves each connection on its own goroutine: handlers are plain blocking code.
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// --8<-- [end:main]
