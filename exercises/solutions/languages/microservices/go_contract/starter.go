// The new items service, ported to Go by the platform team.
//
// Fixed: struct tags give the JSON the contract's snake_case names (Go's encoder uses the field names as they
// are otherwise), /health answers JSON, and an unknown or malformed id is a 404 problem document with the
// id in its detail, served as application/problem+json.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

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

var items = map[int]Item{
	1: {ID: 1, Name: "Keyboard", PriceCents: 4999},
	2: {ID: 2, Name: "Mouse", PriceCents: 1999},
}

func writeJSON(w http.ResponseWriter, status int, contentType string, body any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		log.Printf("writing response: %v", err)
	}
}

func health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", map[string]string{"status": "ok"})
}

func item(w http.ResponseWriter, r *http.Request) {
	raw := strings.TrimPrefix(r.URL.Path, "/items/")
	id, err := strconv.Atoi(raw)
	found, ok := items[id]
	if err != nil || !ok {
		problem := Problem{Type: "about:blank", Title: "Not Found", Status: http.StatusNotFound,
			Detail: fmt.Sprintf("No item with id %s", raw)}
		writeJSON(w, http.StatusNotFound, "application/problem+json", problem)
		return
	}
	writeJSON(w, http.StatusOK, "application/json", found)
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
