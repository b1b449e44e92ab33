//! Re-anchoring at scale, timed: 5,000 annotations made on a generated 1 MB report, applied to
//! an edited copy (a paragraph added at the top, letters swapped inside words throughout, no
//! length changed), once with the old text (as this app's export carries it) and once from
//! positions and quotes alone (as other tools export them). Prints time, placements and how
//! many landed anywhere but their own text.
//!
//! `cargo run --release -p redline-core --example reanchor_scale` (with `SHOW=1`, each
//! annotation placed elsewhere or lost is printed).

use redline_core::anchor::Placement;
use redline_core::formats::w3c::{Imported, ImportedAnnotation};
use redline_core::reanchor::Reanchoring;
use redline_core::{Annotation, AnnotationId, ByteOffset, DocumentText, Label, Timestamp};
use std::time::Instant;

const WORDS: &str = "talks guarantees security Kyiv Moscow Brussels envoy minister ceasefire territory troops \
border sanctions allies summit proposal negotiators delegation withdrawal referendum reconstruction airspace \
corridor grain shipments monitors mission treaty article membership pledge deterrence artillery drones reserves \
commitment framework timeline verification observers parliament president chancellor spokesperson statement \
briefing officials sources analysts diplomats café Київ 😀 乌克兰";
const VERBS: [&str; 5] = ["said", "insisted", "warned", "claimed", "declared"];
const ANNOTATIONS: usize = 5_000;
const TYPOS: usize = 1_500;

/// A small deterministic generator (xorshift).
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn report(random: &mut Random, bytes: usize) -> String {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < bytes {
        let sentences: Vec<String> = (0..1 + random.below(8))
            .map(|_| {
                let mut sentence: Vec<&str> =
                    (0..8 + random.below(16)).map(|_| words[random.below(words.len())]).collect();
                sentence.insert(1, VERBS[random.below(VERBS.len())]);
                format!("{}.", sentence.join(" "))
            })
            .collect();
        let paragraph = sentences.join(" ");
        size += paragraph.len() + 1;
        paragraphs.push(paragraph);
    }
    paragraphs.join("\n")
}

fn main() {
    let mut random = Random(20_261_202);
    let old = DocumentText::new(&report(&mut random, 1_000_000));
    let text = old.as_str();
    let word_starts: Vec<usize> = text
        .char_indices()
        .filter(|&(at, ch)| ch.is_alphanumeric() && (at == 0 || matches!(text.as_bytes()[at - 1], b' ' | b'\n')))
        .map(|(at, _)| at)
        .collect();
    let stride = word_starts.len() / ANNOTATIONS;
    let annotations: Vec<ImportedAnnotation> = (0..ANNOTATIONS)
        .map(|i| {
            let first = i * stride + random.below(stride - 6);
            let start = word_starts[first];
            let words = 1 + random.below(5);
            let end = (word_starts[first + words] - 1).min(text.len());
            let end = start + text[start..end].trim_end_matches(['.', ' ', '\n']).len();
            let to_char = |at| old.char_of_byte(ByteOffset(at)).expect("a character boundary");
            let span = old.span(to_char(start), to_char(end)).expect("a span");
            let mut id = [0u8; 16];
            id[..8].copy_from_slice(&(i as u64).to_le_bytes());
            let annotation =
                Annotation::new(AnnotationId::from_random_bytes(id), Label::Claim, &old, span, Timestamp(0));
            ImportedAnnotation { annotation, position: Some(span.start()..span.end()) }
        })
        .collect();

    // The edit: a paragraph on top; two ASCII letters swapped inside words, no length changed.
    let top = "Editor's note: this report was updated with corrections.\n";
    let mut edited = text.as_bytes().to_vec();
    let mut swapped = Vec::new();
    while swapped.len() < TYPOS {
        let at = random.below(edited.len() - 2);
        let (a, b) = (edited[at], edited[at + 1]);
        if a.is_ascii_lowercase() && b.is_ascii_lowercase() && a != b {
            edited.swap(at, at + 1);
            swapped.push(at);
        }
    }
    let edited = String::from_utf8(edited).expect("only ASCII letters were swapped");
    let new = DocumentText::new(&format!("{top}{edited}"));

    for (mode, old_text) in [("with the old text", Some(old.clone())), ("positions and quotes only", None)] {
        let imported = Imported { text: old_text, annotations: annotations.clone(), ..Imported::default() };
        let started = Instant::now();
        let mut job = Reanchoring::new(new.clone(), &imported);
        let mut longest_step = std::time::Duration::ZERO;
        while !job.is_finished() {
            let step = Instant::now();
            job.step(16);
            longest_step = longest_step.max(step.elapsed());
        }
        let placements = job.placements();
        let elapsed = started.elapsed();
        println!(
            "longest step (16 annotations or one slice of indexing and diffing): {:.1} ms",
            longest_step.as_secs_f64() * 1000.0
        );
        let (mut exact, mut moved, mut fuzzy, mut orphaned, mut elsewhere, mut lost) = (0, 0, 0, 0, 0, 0);
        for (incoming, placement) in annotations.iter().zip(&placements) {
            let position = incoming.position.clone().expect("positions were given");
            let old_bytes = old.byte_of(position.start).expect("in range").get()
                ..old.byte_of(position.end).expect("in range").get();
            let want = old_bytes.start + top.len()..old_bytes.end + top.len();
            match placement {
                Placement::Exact(_) => exact += 1,
                Placement::Moved(_) => moved += 1,
                Placement::Fuzzy { .. } => fuzzy += 1,
                Placement::Orphan(_) => orphaned += 1,
            }
            match placement.span().map(|s| new.byte_range(s).expect("a placed span")) {
                Some(got) if got != want => {
                    elsewhere += 1;
                    if std::env::var_os("SHOW").is_some() {
                        println!(
                            "  {:?} ≠ want {:?}: {:?}",
                            &new.as_str()[got.clone()],
                            &new.as_str()[want.clone()],
                            placement
                        );
                    }
                }
                None => {
                    lost += 1;
                    if std::env::var_os("SHOW").is_some() {
                        println!(
                            "  lost {:?} (was {:?}): {:?}",
                            &new.as_str()[want.clone()],
                            incoming.annotation.quote().exact,
                            placement
                        );
                    }
                }
                _ => {}
            }
        }
        println!(
            "{mode}: {} annotations on {} bytes in {:.0} ms: {exact} exact, {moved} moved, {fuzzy} fuzzy, {orphaned} orphaned; \
             {elsewhere} placed other than on their own text, {lost} orphaned while their text is there",
            annotations.len(),
            new.as_str().len(),
            elapsed.as_secs_f64() * 1000.0
        );
    }
}
