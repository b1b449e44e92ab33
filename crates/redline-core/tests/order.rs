//! The core's one sort gives what the standard library's stable sort gives.

use proptest::prelude::*;
use redline_core::order;

proptest! {
    #[test]
    fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
        let mut expected = items.clone();
        expected.sort_by_key(|(key, _)| *key);
        let mut sorted = items.clone();
        order::sort_by_key(&mut sorted, |(key, _)| *key);
        prop_assert_eq!(&sorted, &expected);
        let mut reversed = items;
        order::sort_by(&mut reversed, |a, b| b.cmp(a));
        expected.sort_by(|a, b| b.cmp(a));
        prop_assert_eq!(reversed, expected);
    }
}
