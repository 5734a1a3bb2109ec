// The items API on Go's standard library: net/http, encoding/json, one goroutine per connection.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync"
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
	// net/http serves each connection on its own goroutine: handlers are plain blocking code.
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, routes(store)))
}

// --8<-- [end:main]
