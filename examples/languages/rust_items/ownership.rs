//! Ownership in three moves. Compiled and run by the tests; `moved_value.rs` is the version that must not compile.

// --8<-- [start:ownership]
fn total_length(names: &[String]) -> usize {
    // Borrowing: read access to data someone else owns; nothing is copied or freed here.
    names.iter().map(|name| name.len()).sum()
}

fn shout(mut name: String) -> String {
    // Taking ownership: the caller's String moves in, and we may change and return it.
    name.make_ascii_uppercase();
    name
}

fn main() {
    let names = vec!["ada".to_string(), "grace".to_string()];
    println!("{}", total_length(&names)); // lend `names`; still ours afterwards
    let first = names[0].clone(); // an explicit copy when we need a second owner
    let loud = shout(first); // `first` moves into `shout`; using it again would not compile
    println!("{loud} {}", names.len());
}
// --8<-- [end:ownership]
