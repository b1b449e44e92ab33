//! The page's messages to and from its workers: a JSON array of strings, the message's kind
//! first. Strings only, so that both sides read them with the JSON reader they carry anyway.

/// `kind`, then `head`, then `rest`, as one JSON array.
pub(crate) fn encode(kind: &str, head: &[&str], rest: &[String]) -> String {
    let all: Vec<&str> =
        std::iter::once(kind).chain(head.iter().copied()).chain(rest.iter().map(String::as_str)).collect();
    serde_json::to_string(&all).unwrap_or_default()
}

/// A message's kind and its other strings.
pub(crate) fn decode(raw: &str) -> Option<(String, Vec<String>)> {
    let mut all: Vec<String> = serde_json::from_str(raw).ok()?;
    (!all.is_empty()).then(|| {
        let kind = all.remove(0);
        (kind, all)
    })
}
