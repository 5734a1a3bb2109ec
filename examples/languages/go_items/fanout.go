package main

import (
	"context"
	"time"
)

// --8<-- [start:fanout]
type quote struct {
	price int
	err   error
}

// priceQuotes asks several suppliers at once and keeps the answers that arrive before the deadline.
// Each call runs in its own goroutine; a buffered channel collects the results without leaking goroutines.
func priceQuotes(ctx context.Context, timeout time.Duration, suppliers []func(context.Context) (int, error)) []int {
	ctx, cancel := context.WithTimeout(ctx, timeout) // the caller's deadline or cancellation still applies
	defer cancel()

	results := make(chan quote, len(suppliers)) // buffered: a late sender never blocks forever
	for _, ask := range suppliers {
		go func(ask func(context.Context) (int, error)) {
			price, err := ask(ctx)
			results <- quote{price, err} // failures are sent too, so the loop below knows when all have answered
		}(ask)
	}

	var quotes []int
	for range suppliers {
		select {
		case q := <-results:
			if q.err == nil {
				quotes = append(quotes, q.price)
			}
		case <-ctx.Done():
			return quotes // deadline reached or caller gone: answer with what we have
		}
	}
	return quotes
}

// --8<-- [end:fanout]
