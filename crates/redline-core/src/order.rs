//! Sorting with one copy of the sort code. The standard library's sorts are fast and large
//! (about 4 KB of wasm each), and each element type and comparison sorted gets a copy of its
//! own; here the comparison reaches the elements through their positions behind one trait
//! object, so the sort itself is compiled once, and the elements are then moved into place.
//! Collecting into a `BTreeMap` or `BTreeSet` sorts its input first, a copy per type too:
//! [`set_of`] and [`map_of`] insert instead.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The set of `items`, built by inserting each.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The map of `entries`, built by inserting each (a later entry for a key wins, as with
/// `collect`).
pub fn map_of<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

/// Sorts `items` by `compare`, stably (equal elements keep their order).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by `key`, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one instantiation of the standard sort.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts `items[order[k]]` at `k`, following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const PLACED: usize = usize::MAX;
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != PLACED {
            let next = order[current];
            order[current] = PLACED;
            if next == start {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}
