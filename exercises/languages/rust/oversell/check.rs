// Compiled by the check with `rustc --edition 2024 --test check.rs`, next to the answer copied as answer.rs.
#[path = "answer.rs"]
mod answer;

use answer::{Inventory, OutOfStock};
use std::sync::{Arc, Barrier};
use std::thread;

#[test]
fn a_single_buyer_gets_what_is_in_stock_and_no_more() {
    let inventory = Inventory::new(&[("console", 3)]);
    assert_eq!(inventory.reserve("console", 2), Ok(()));
    assert_eq!(inventory.reserve("console", 2), Err(OutOfStock));
    assert_eq!(inventory.reserve("console", 1), Ok(()));
    assert_eq!(inventory.available("console"), 0);
    assert_eq!(inventory.reserve("unknown", 1), Err(OutOfStock));
}

#[test]
fn a_rush_of_buyers_never_gets_more_than_the_stock() {
    for round in 0..5 {
        let inventory = Arc::new(Inventory::new(&[("console", 10)]));
        let start = Arc::new(Barrier::new(16));
        let buyers: Vec<_> = (0..16)
            .map(|_| {
                let (inventory, start) = (Arc::clone(&inventory), Arc::clone(&start));
                thread::spawn(move || {
                    start.wait(); // all sixteen buyers press "buy" at the same moment
                    inventory.reserve("console", 1).is_ok()
                })
            })
            .collect();
        let confirmed = buyers.into_iter().map(|buyer| buyer.join().unwrap()).filter(|ok| *ok).count();
        let left = inventory.available("console");
        assert!(
            confirmed == 10 && left == 0,
            "round {round}: 10 consoles in stock, {confirmed} orders confirmed, stock now {left}: \
             the stock was checked and updated under two separate locks, and other buyers ran in between"
        );
    }
}
