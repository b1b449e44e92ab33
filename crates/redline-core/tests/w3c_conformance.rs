//! An export passes every MUST assertion of the W3C Web Annotation conformance suite
//! (`shared/conformance/wpt-annotation-model`, JSON Schema draft-04): each annotation, the
//! collection, and its embedded page.

mod common;

use common::{annotation, find};
use jsonschema::{Draft, Registry, Resource};
use redline_core::formats::w3c;
use redline_core::{Action, Document, Label, Relation, RelationKind, Timestamp};
use serde_json::Value;
use std::path::{Path, PathBuf};

const BASE: &str = "https://conformance.test/definitions/";

fn suite() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        here.join("../../../shared/conformance/wpt-annotation-model"),
        here.join("../../shared/conformance/wpt-annotation-model"),
    ];
    candidates.into_iter().find(|p| p.is_dir()).expect("the conformance suite in ../shared/conformance")
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The MUST assertion schemas of one `.test` file, each with its `id` made absolute so that
/// relative `$ref`s such as `id.json#/definitions/stringUri` resolve to the definitions folder.
fn validators_of(test: &str) -> Vec<(String, jsonschema::Validator)> {
    let root = suite();
    let definitions: Vec<(String, Resource)> = std::fs::read_dir(root.join("definitions"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let mut schema = load(&path);
            schema["id"] = Value::String(format!("{BASE}{name}"));
            (format!("{BASE}{name}"), Draft::Draft4.create_resource(schema))
        })
        .collect();
    let registry = Registry::new()
        .draft(Draft::Draft4)
        .retrieve_known_draft_meta_schemas(false)
        .extend(definitions)
        .unwrap()
        .prepare()
        .unwrap();
    let musts = load(&root.join(test));
    musts["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|assertion| {
            let relative = assertion.as_str().unwrap();
            let mut schema = load(&root.join(relative));
            assert_eq!(schema["expectedResult"], "valid", "{relative}");
            let name = Path::new(relative).file_name().unwrap().to_string_lossy().to_string();
            schema["id"] = Value::String(format!("{BASE}{name}"));
            let validator = jsonschema::options()
                .with_draft(Draft::Draft4)
                .with_registry(&registry)
                .with_base_uri(format!("{BASE}{name}"))
                .build(&schema)
                .unwrap_or_else(|e| panic!("{relative}: {e}"));
            (relative.to_string(), validator)
        })
        .collect()
}

fn must_validators() -> Vec<(String, jsonschema::Validator)> {
    validators_of("annotations/annotationMusts.test")
}

fn failures(validators: &[(String, jsonschema::Validator)], value: &Value) -> Vec<String> {
    validators
        .iter()
        .flat_map(|(name, validator)| validator.iter_errors(value).map(move |e| format!("{name}: {e}")))
        .collect()
}

fn sample_document() -> Document {
    common::sample_document("Talks <b>&</b> \"lines\"", "see <img src=x onerror=alert(1)>")
}

#[test]
fn every_exported_annotation_passes_every_must_assertion() {
    let validators = must_validators();
    assert_eq!(validators.len(), 54);
    let mut document = sample_document();
    // An orphan too: it is exported without a position.
    let mut orphan = annotation(4, Label::Claim, document.text(), find(document.text(), "Zelenskyy"));
    orphan = orphan.orphaned();
    document.apply(Action::Merge { annotations: vec![orphan] }).unwrap();
    // Relations are linking annotations, held to the same assertions.
    for (n, kind, source, target) in [(20, RelationKind::Contests, 2, 1), (21, RelationKind::Restates, 4, 1)] {
        let relation = Relation::new(common::id(n), kind, common::id(source), common::id(target), Timestamp(1));
        document.apply(Action::AddRelation { relation: relation.with_note("a <b>note</b>") }).unwrap();
    }

    let export: Value = serde_json::from_str(&w3c::export(&document)).unwrap();
    let items = export["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(items[4]["motivation"], "linking");
    assert_eq!(items[4]["target"], serde_json::json!([common::id(2).as_str(), common::id(1).as_str()]));
    for item in items {
        for (name, validator) in &validators {
            let errors: Vec<String> = validator.iter_errors(item).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{} fails {name}: {errors:?}", item["id"]);
        }
    }
}

#[test]
fn the_suite_rejects_what_it_should() {
    // A guard that the validators are live: an annotation without a target fails a MUST.
    let validators = must_validators();
    let export: Value = serde_json::from_str(&w3c::export(&sample_document())).unwrap();
    let mut broken = export["first"]["items"][0].clone();
    broken.as_object_mut().unwrap().remove("target");
    broken["created"] = Value::String("yesterday".into());
    let failing: Vec<&String> = validators.iter().filter(|(_, v)| !v.is_valid(&broken)).map(|(name, _)| name).collect();
    assert!(failing.iter().any(|n| n.contains("targetKeyFound")), "{failing:?}");
    assert!(failing.iter().any(|n| n.contains("annotationCreatedValidated")), "{failing:?}");
}

#[test]
fn the_export_is_a_conformant_collection_with_a_conformant_page() {
    let collection_musts = validators_of("collections/collectionMusts.test");
    let page_musts = validators_of("collections/pages/pageMusts.test");
    assert_eq!((collection_musts.len(), page_musts.len()), (10, 15));
    let export: Value = serde_json::from_str(&w3c::export(&sample_document())).unwrap();
    assert_eq!(failures(&collection_musts, &export), Vec::<String>::new());
    // The page suite takes a page, or a collection with its page embedded: both are checked.
    assert_eq!(failures(&page_musts, &export["first"]), Vec::<String>::new());
    assert_eq!(failures(&page_musts, &export), Vec::<String>::new());
    // And such a file still reads back.
    let imported = w3c::import(&export.to_string(), redline_core::Timestamp(0)).unwrap();
    assert_eq!(imported.annotations.len(), 3);
}

#[test]
fn the_collection_suites_reject_a_collection_and_page_without_ids() {
    let collection_musts = validators_of("collections/collectionMusts.test");
    let page_musts = validators_of("collections/pages/pageMusts.test");
    let mut export: Value = serde_json::from_str(&w3c::export(&sample_document())).unwrap();
    export.as_object_mut().unwrap().remove("id");
    export["first"].as_object_mut().unwrap().remove("id");
    export["first"].as_object_mut().unwrap().remove("@context");
    assert!(failures(&collection_musts, &export).iter().any(|f| f.contains("collectionIdValidated")));
    let page_failures = failures(&page_musts, &export["first"]);
    assert!(page_failures.iter().any(|f| f.contains("pageIdValidated")), "{page_failures:?}");
    assert!(page_failures.iter().any(|f| f.contains("pageContextValidated")), "{page_failures:?}");
}
