// The new items service, ported to Go by the platform team.
//
// Incident ITEMS-12: since traffic moved to this Go service, the Python orders service fails on every order
// with KeyError: 'price_cents', and its error handling, which expects RFC 9457 problem documents for a
// missing item, crashes on what it gets instead. The Python version passed the chapter's contract; this one
// was never run against it. Make it meet the contract: GET /health and GET /items/{id} exactly as the other
// implementations answer them, including the problem document for an unknown id.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

type Item struct {
	ID         int
	Name       string
	PriceCents int
}

var items = map[int]Item{
	1: {ID: 1, Name: "Keyboard", PriceCents: 4999},
	2: {ID: 2, Name: "Mouse", PriceCents: 1999},
}

func health(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok"))
}

func item(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/items/"))
	found, ok := items[id]
	if err != nil || !ok {
		http.Error(w, "item not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(found)
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/health", health)
	mux.HandleFunc("/items/", item)
	srv := &http.Server{Addr: "127.0.0.1:" + port, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
