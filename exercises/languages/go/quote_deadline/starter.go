// Package quotes asks every supplier for a price at once and answers with what arrives in time.
//
// Incident PRICE-77: the checkout's price comparison takes the full timeout (2 s in production)
// whenever one supplier is down, although the others answer in 50 ms. When a shopper leaves the page,
// the supplier calls go on running. After each supplier outage the service's goroutine count climbs
// and never comes back down. Fix PriceQuotes without changing its signature.
package quotes

import (
	"context"
	"time"
)

// Supplier asks one supplier for a price; it should give up when ctx is done.
type Supplier func(ctx context.Context) (int, error)

// PriceQuotes calls every supplier concurrently and returns the prices that arrive within timeout.
// The caller's ctx may be cancelled (the shopper left) or carry its own deadline.
func PriceQuotes(ctx context.Context, timeout time.Duration, suppliers []Supplier) []int {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	results := make(chan int)
	for _, ask := range suppliers {
		ask := ask
		go func() {
			if price, err := ask(ctx); err == nil {
				results <- price
			}
		}()
	}

	var quotes []int
	for range suppliers {
		select {
		case price := <-results:
			quotes = append(quotes, price)
		case <-ctx.Done():
			return quotes
		}
	}
	return quotes
}
