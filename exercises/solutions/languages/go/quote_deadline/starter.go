// Package quotes asks every supplier for a price at once and answers with what arrives in time.
//
// Fixed: the timeout is derived from the caller's ctx, so a cancelled request stops the calls; failures
// are sent on the channel too, so the loop ends as soon as every supplier has answered; and the channel
// has room for every result, so a supplier that answers after the deadline can still send and exit.
package quotes

import (
	"context"
	"time"
)

// Supplier asks one supplier for a price; it should give up when ctx is done.
type Supplier func(ctx context.Context) (int, error)

type result struct {
	price int
	err   error
}

// PriceQuotes calls every supplier concurrently and returns the prices that arrive within timeout.
// The caller's ctx may be cancelled (the shopper left) or carry its own deadline.
func PriceQuotes(ctx context.Context, timeout time.Duration, suppliers []Supplier) []int {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	results := make(chan result, len(suppliers)) // room for every answer: no sender ever blocks
	for _, ask := range suppliers {
		ask := ask
		go func() {
			price, err := ask(ctx)
			results <- result{price, err}
		}()
	}

	var quotes []int
	for range suppliers {
		select {
		case r := <-results:
			if r.err == nil {
				quotes = append(quotes, r.price)
			}
		case <-ctx.Done():
			return quotes
		}
	}
	return quotes
}
