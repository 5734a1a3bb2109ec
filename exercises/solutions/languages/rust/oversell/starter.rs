//! Stock reservations for the flash-sale service.
//!
//! Fixed: the check and the update happen under one lock guard, so no other reservation can run between
//! them. Rust's type system rules out data races (two threads touching the same memory unsynchronized),
//! not race conditions (a decision based on a value that changes before it is acted on): that takes
//! holding the lock across the whole decision. The slow fraud check runs before taking the lock, so
//! buyers do not queue behind each other's checks.
use std::collections::HashMap;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub struct OutOfStock;

pub struct Inventory {
    stock: Mutex<HashMap<String, i64>>,
}

impl Inventory {
    pub fn new(stock: &[(&str, i64)]) -> Self {
        let stock = stock.iter().map(|(sku, units)| (sku.to_string(), *units)).collect();
        Inventory { stock: Mutex::new(stock) }
    }

    pub fn available(&self, sku: &str) -> i64 {
        *self.stock.lock().unwrap().get(sku).unwrap_or(&0)
    }

    /// Reserve `units` of `sku` for an order, or refuse if there are not enough.
    pub fn reserve(&self, sku: &str, units: i64) -> Result<(), OutOfStock> {
        thread::sleep(Duration::from_millis(5)); // the fraud check: slow, and it needs no stock lock
        let mut stock = self.stock.lock().unwrap();
        let available = stock.get_mut(sku).ok_or(OutOfStock)?;
        if *available < units {
            return Err(OutOfStock);
        }
        *available -= units;
        Ok(())
    }
}
