package main

import (
	"context"
	"time"
)

// --8<-- [start:fanout]
// priceQuotes asks several suppliers at once and keeps the answers that arrive before the deadline.
// Each call runs in its own goroutine; a buffered channel collects the results without leaking goroutines.
func priceQuotes(ctx context.Context, suppliers []func(context.Context) (int, error)) []int {
	ctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()

	results := make(chan int, len(suppliers)) // buffered: a late sender never blocks forever
	for _, ask := range suppliers {
		go func(ask func(context.Context) (int, error)) {
			if price, err := ask(ctx); err == nil {
				results <- price
			}
		}(ask)
	}

	var quotes []int
	for range suppliers {
		select {
		case price := <-results:
			quotes = append(quotes, price)
		case <-ctx.Done():
			return quotes // deadline reached: answer with what we have
		}
	}
	return quotes
}

// --8<-- [end:fanout]
