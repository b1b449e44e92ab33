//! The two kinds of mark a reader makes.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A statement someone asserts.
    Claim,
    /// A limit a party declares it will not cross.
    RedLine,
}

impl Label {
    pub const ALL: [Label; 2] = [Label::Claim, Label::RedLine];

    /// The value used in the export, storage and `data-labels`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Claim => "claim",
            Label::RedLine => "red-line",
        }
    }

    /// The name a person reads.
    pub fn display_name(self) -> &'static str {
        match self {
            Label::Claim => "Claim",
            Label::RedLine => "Red line",
        }
    }

    /// The name of several, as a list filter offers them.
    pub fn plural_name(self) -> &'static str {
        match self {
            Label::Claim => "Claims",
            Label::RedLine => "Red lines",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "claim" => Ok(Label::Claim),
            "red-line" => Ok(Label::RedLine),
            other => Err(format!("unknown label \"{other}\" (expected \"claim\" or \"red-line\")")),
        }
    }
}
