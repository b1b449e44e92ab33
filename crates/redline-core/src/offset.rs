//! Offsets in the three units the product meets, and the only place that converts between them.
//!
//! ```text
//!   "a😀é"   (é written as e + U+0301)
//!   chars:   a   😀        e   ◌́
//!   CharOffset  0   1         2   3   4
//!   Utf16Offset 0   1    (2)  3   4   5      (2 is inside the surrogate pair)
//!   ByteOffset  0   1 … 5     6   7   9
//! ```

use crate::error::OffsetError;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! unit {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl $name {
            pub fn get(self) -> usize {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

unit!(
    /// A count of Unicode code points: the unit of spans, storage and the W3C export.
    CharOffset
);
unit!(
    /// A count of UTF-16 code units: the unit of DOM selections and JavaScript strings.
    Utf16Offset
);
unit!(
    /// A count of UTF-8 bytes: the unit of Rust string slicing.
    ByteOffset
);

/// The byte offset of the `offset`-th code point of `text` (the end counts).
pub fn char_to_byte(text: &str, offset: CharOffset) -> Result<ByteOffset, OffsetError> {
    if offset.0 == 0 {
        return Ok(ByteOffset(0));
    }
    match text.char_indices().nth(offset.0) {
        Some((byte, _)) => Ok(ByteOffset(byte)),
        None => {
            let len = text.chars().count();
            if offset.0 == len {
                Ok(ByteOffset(text.len()))
            } else {
                Err(OffsetError::OutOfRange { offset: offset.0, len })
            }
        }
    }
}

/// The code point offset of a byte offset; refuses one inside a UTF-8 sequence.
pub fn byte_to_char(text: &str, offset: ByteOffset) -> Result<CharOffset, OffsetError> {
    if offset.0 > text.len() {
        return Err(OffsetError::OutOfRange { offset: offset.0, len: text.len() });
    }
    if !text.is_char_boundary(offset.0) {
        return Err(OffsetError::InsideCharacter { offset: offset.0 });
    }
    Ok(CharOffset(text[..offset.0].chars().count()))
}

/// The code point offset of a UTF-16 offset; refuses one between the halves of a surrogate pair.
pub fn utf16_to_char(text: &str, offset: Utf16Offset) -> Result<CharOffset, OffsetError> {
    let mut units = 0;
    for (index, ch) in text.chars().enumerate() {
        if units == offset.0 {
            return Ok(CharOffset(index));
        }
        units += ch.len_utf16();
        if units > offset.0 {
            return Err(OffsetError::InsideCharacter { offset: offset.0 });
        }
    }
    if units == offset.0 {
        Ok(CharOffset(text.chars().count()))
    } else {
        Err(OffsetError::OutOfRange { offset: offset.0, len: units })
    }
}

/// The UTF-16 offset of a code point offset.
pub fn char_to_utf16(text: &str, offset: CharOffset) -> Result<Utf16Offset, OffsetError> {
    let mut units = 0;
    let mut chars = text.chars();
    for _ in 0..offset.0 {
        match chars.next() {
            Some(ch) => units += ch.len_utf16(),
            None => return Err(OffsetError::OutOfRange { offset: offset.0, len: text.chars().count() }),
        }
    }
    Ok(Utf16Offset(units))
}

/// Length of `text` in each unit.
pub fn char_len(text: &str) -> CharOffset {
    CharOffset(text.chars().count())
}

pub fn utf16_len(text: &str) -> Utf16Offset {
    Utf16Offset(text.chars().map(char::len_utf16).sum())
}
