//! The files worker's messages and work: an import read there reaches the page whole (text,
//! details, positions, untagged annotations, relations, warnings), placing there gives what
//! placing on the page gave, in text order, an export written there is the page's own, and
//! what cannot be read is refused whole.

mod common;

use common::{id, sample_document};
use redline_core::formats::worker::{read_placed, FilesWork, FromFilesWorker, SentDocument, ToFilesWorker};
use redline_core::formats::{self, w3c, ExportFormat, Source};
use redline_core::reanchor::Reanchoring;
use redline_core::web_page::{self, FlatPage};
use redline_core::{Action, AnnotationId, DocumentText, Label, Metadata, Relation, RelationKind, Timestamp};
use serde_json::json;

const NOW: Timestamp = Timestamp(1_900_000_000_000);

fn fresh() -> impl FnMut() -> AnnotationId {
    let mut n = 100u8;
    move || {
        n += 1;
        AnnotationId::from_random_bytes([n; 16])
    }
}

/// This app's export of the sample document, with details and a relation.
fn export() -> (redline_core::Document, String) {
    let mut document = sample_document("Talks, “day 3”", "a note");
    document.set_metadata(Metadata {
        url: Some("https://ledger.example/talks".into()),
        outlet: Some("Kyiv Ledger".into()),
        author: None,
        published: Some("2026-08-19".into()),
    });
    let relation = Relation::new(id(20), RelationKind::Contests, id(2), id(1), NOW);
    document.apply(Action::AddRelation { relation }).unwrap();
    let json = w3c::export(&document);
    (document, json)
}

/// Sends `message` through its JSON, as the page and the worker do, and checks it arrives as sent.
fn through_json_to_worker(message: ToFilesWorker) -> ToFilesWorker {
    let arrived = ToFilesWorker::from_json(&message.to_json()).expect("the worker reads the page's message");
    assert_eq!(arrived, message);
    arrived
}

fn through_json_to_page(message: FromFilesWorker) -> FromFilesWorker {
    let arrived = FromFilesWorker::from_json(&message.to_json()).expect("the page reads the worker's message");
    assert_eq!(arrived, message);
    arrived
}

fn import(worker: &mut FilesWork, number: u32, file_name: &str, raw: &str, open_text: Option<&str>) -> FromFilesWorker {
    let message = through_json_to_worker(ToFilesWorker::Import {
        number,
        file_name: file_name.into(),
        raw: raw.into(),
        now: NOW,
        open_text: open_text.map(str::to_string),
    });
    through_json_to_page(worker.answer(message, &mut fresh(), &mut |_, _| {}).0)
}

#[test]
fn an_export_read_in_the_worker_reaches_the_page_as_the_page_would_have_read_it() {
    let (document, json) = export();
    let mut worker = FilesWork::default();
    let FromFilesWorker::Imported { number: 7, imported: Ok(imported) } =
        import(&mut worker, 7, "talks.annotations.json", &json, None)
    else {
        panic!("not imported")
    };
    let read_here = formats::import("talks.annotations.json", &json, NOW, None, &mut fresh()).unwrap();
    assert_eq!(*imported, read_here);
    assert_eq!(imported.source, Source::ThisApp);
    assert_eq!(imported.text.as_ref().map(DocumentText::id), Some(document.id()));
    assert_eq!(imported.metadata.outlet.as_deref(), Some("Kyiv Ledger"));
    assert_eq!(imported.relations.len(), 1);
    let restored = imported.to_document().unwrap();
    assert_eq!(restored.annotations(), document.annotations());
}

#[test]
fn untagged_annotations_utf16_positions_and_warnings_reach_the_page() {
    let text = "Talks 😀 resumed.\nZelenskyy will not cede territory.";
    let item = |id: &str, quote: &str, tag: Option<&str>| {
        let start = text[..text.find(quote).unwrap()].encode_utf16().count();
        let body: Vec<_> =
            tag.map(|t| json!({ "type": "TextualBody", "purpose": "tagging", "value": t })).into_iter().collect();
        json!({ "id": id, "type": "Annotation", "body": body, "target": [{ "annotation": id, "source": "https://x.example/a",
            "selector": [{ "type": "TextQuoteSelector", "exact": quote },
                         { "type": "TextPositionSelector", "start": start, "end": start + quote.encode_utf16().count() }] }] })
    };
    let file = json!([
        item("0b7a5d0e-5b1e-4c89-9d1a-2f6c5f2a1e01", "resumed", Some("Claim")),
        item("0b7a5d0e-5b1e-4c89-9d1a-2f6c5f2a1e02", "will not cede territory", None),
        item("0b7a5d0e-5b1e-4c89-9d1a-2f6c5f2a1e02", "will not cede territory", None),
    ])
    .to_string();
    let mut worker = FilesWork::default();
    let FromFilesWorker::Imported { imported: Ok(imported), .. } = import(&mut worker, 1, "recogito.json", &file, None)
    else {
        panic!("not imported")
    };
    assert_eq!(imported.source, Source::Recogito);
    assert!(imported.utf16_positions);
    assert_eq!((imported.annotations.len(), imported.untagged.len()), (1, 1));
    assert!(imported.annotations[0].position.is_some());
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    // Placed with the untagged one labelled, as the user chose on the page.
    let place = ToFilesWorker::Place { number: 1, untagged: Some(Label::RedLine), text: text.into() };
    let FromFilesWorker::Placed { records, report } =
        through_json_to_page(worker.answer(through_json_to_worker(place), &mut fresh(), &mut |_, _| {}).0)
    else {
        panic!("not placed")
    };
    let labels: Vec<_> = records.iter().map(|r| read_placed(r).unwrap().label()).collect();
    assert_eq!(labels, [Label::Claim, Label::RedLine]);
    assert_eq!(report.exact, 2, "{report:?}");
}

#[test]
fn placing_in_the_worker_gives_what_placing_on_the_page_gave_in_text_order() {
    let (document, json) = export();
    let edited = format!("A new first paragraph.\n{}", document.text().as_str().replace("consented", "consetned"));
    let mut worker = FilesWork::default();
    let FromFilesWorker::Imported { imported: Ok(imported), .. } = import(&mut worker, 3, "a.json", &json, None) else {
        panic!("not imported")
    };
    let mut progress = Vec::new();
    let place = ToFilesWorker::Place { number: 3, untagged: None, text: edited.clone() };
    let answer =
        worker.answer(through_json_to_worker(place), &mut fresh(), &mut |done, total| progress.push((done, total))).0;
    let FromFilesWorker::Placed { records, report } = through_json_to_page(answer) else { panic!("not placed") };
    let mut on_page = Reanchoring::new(DocumentText::new(&edited), &imported);
    while !on_page.is_finished() {
        on_page.step(16);
    }
    let expected = on_page.finish();
    assert_eq!(report, expected.report);
    let placed: Vec<_> = records.iter().map(|r| read_placed(r).unwrap()).collect();
    let mut in_text_order = expected.annotations.clone();
    in_text_order.sort_by(|a, b| a.text_order_key().cmp(&b.text_order_key()));
    assert_eq!(placed, in_text_order);
    assert_eq!(report.fuzzy.len(), 1, "{report:?}");
    assert!(!progress.is_empty() && progress.iter().all(|(done, total)| done <= total), "{progress:?}");
    assert_eq!(progress.last().map(|(done, total)| done == total), Some(true));
    // Placed once: the file is not kept for a second time.
    let again =
        worker.answer(ToFilesWorker::Place { number: 3, untagged: None, text: edited }, &mut fresh(), &mut |_, _| {}).0;
    assert!(matches!(through_json_to_page(again), FromFilesWorker::Failed(_)));
}

#[test]
fn a_few_files_are_kept_for_placing_and_the_oldest_forgotten() {
    let (_, json) = export();
    let mut worker = FilesWork::default();
    for number in 1..=5 {
        import(&mut worker, number, "a.json", &json, None);
    }
    let text = "Zelenskyy: no ceding any territory 😀 past the line.".to_string();
    let place = |worker: &mut FilesWork, number| {
        worker
            .answer(ToFilesWorker::Place { number, untagged: None, text: text.clone() }, &mut fresh(), &mut |_, _| {})
            .0
    };
    assert!(matches!(place(&mut worker, 1), FromFilesWorker::Failed(_)));
    for number in 2..=5 {
        assert!(matches!(place(&mut worker, number), FromFilesWorker::Placed { .. }), "{number}");
    }
}

#[test]
fn a_file_that_cannot_be_imported_says_why_and_is_not_kept() {
    let mut worker = FilesWork::default();
    let answer = import(&mut worker, 2, "notes.json", "{ not json", None);
    let FromFilesWorker::Imported { number: 2, imported: Err(error) } = answer else { panic!("imported") };
    assert!(!error.is_empty());
    // brat's .ann is read on the open text, which travels with the message.
    let text = "Zelenskyy will not cede territory.";
    let ann = "T1\tRedLine 10 33\twill not cede territory\n";
    let answer = import(&mut worker, 3, "talks.ann", ann, Some(text));
    let FromFilesWorker::Imported { imported: Ok(imported), .. } = answer else { panic!("not imported") };
    assert_eq!(imported.annotations.len(), 1);
    let answer = import(&mut worker, 4, "talks.ann", ann, None);
    assert!(matches!(answer, FromFilesWorker::Imported { imported: Err(_), .. }));
    let place = ToFilesWorker::Place { number: 2, untagged: None, text: text.into() };
    assert!(matches!(worker.answer(place, &mut fresh(), &mut |_, _| {}).0, FromFilesWorker::Failed(_)));
}

#[test]
fn a_message_that_is_not_whole_is_refused_whole() {
    let (_, json) = export();
    let mut worker = FilesWork::default();
    let whole = worker
        .answer(
            ToFilesWorker::Import { number: 1, file_name: "a.json".into(), raw: json, now: NOW, open_text: None },
            &mut fresh(),
            &mut |_, _| {},
        )
        .0;
    let raw: Vec<String> = serde_json::from_str(&whole.to_json()).unwrap();
    for cut in 1..raw.len() {
        let short = serde_json::to_string(&raw[..cut]).unwrap();
        assert_eq!(FromFilesWorker::from_json(&short), None, "cut at {cut}");
    }
    // A record that is not one, in place of an annotation's.
    let record_at = raw.iter().position(|field| field.contains("\"kind\"")).unwrap();
    let mut broken = raw.clone();
    broken[record_at] = "{\"kind\":\"annotation\"}".into();
    assert_eq!(FromFilesWorker::from_json(&serde_json::to_string(&broken).unwrap()), None);
    for raw in ["", "[]", "[\"imported\"]", "[\"progress\",\"1\"]", "[\"placed\",\"0\",\"0\",\"1\",\"0\"]", "{}"] {
        assert_eq!(FromFilesWorker::from_json(raw), None, "{raw}");
        assert_eq!(ToFilesWorker::from_json(raw), None, "{raw}");
    }
    assert_eq!(ToFilesWorker::from_json("[\"place\",\"1\",\"orange\",\"text\"]"), None);
}

#[test]
fn a_web_page_read_in_the_worker_gives_the_article_it_gives_here() {
    let root = common::page::parse(&common::page::fixture_page());
    let strings = common::page::flat(&root).into_strings();
    assert_eq!(FlatPage::read(strings.clone()).map(|read| read.children), Some(root.children.clone()));
    let mut worker = FilesWork::default();
    let message = through_json_to_worker(ToFilesWorker::ReadPage { page: strings });
    let answer = through_json_to_page(worker.answer(message, &mut fresh(), &mut |_, _| {}).0);
    let FromFilesWorker::Page(Ok(extracted)) = answer else { panic!("no article") };
    assert_eq!(extracted, web_page::extract(&root).unwrap());
    assert_eq!(extracted.title, "Kyiv rejects limits on its army");
    assert!(extracted.metadata.url.is_some() && !extracted.plain_text.is_empty());
    // A page with no text says so; a list that is not a tree is refused, not half read.
    let empty = worker.answer(ToFilesWorker::ReadPage { page: vec![] }, &mut fresh(), &mut |_, _| {}).0;
    assert_eq!(through_json_to_page(empty), FromFilesWorker::Page(Err("This page has no readable text.".into())));
    for broken in [vec!["<p"], vec!["<p", "1", "class"], vec!["<p", "0", "2", "\"one"], vec!["p"], vec!["<p", "x", "0"]]
    {
        let page = broken.into_iter().map(str::to_string).collect();
        let answer = worker.answer(ToFilesWorker::ReadPage { page }, &mut fresh(), &mut |_, _| {}).0;
        assert_eq!(answer, FromFilesWorker::Page(Err("The page could not be read.".into())));
    }
    // Nested past any page the browser makes: refused, never a stack overflow.
    let mut deep = Vec::new();
    for _ in 0..5_000 {
        deep.extend(["<div".to_string(), "0".to_string(), "1".to_string()]);
    }
    deep.push("\"deep".to_string());
    let answer = worker.answer(ToFilesWorker::ReadPage { page: deep }, &mut fresh(), &mut |_, _| {}).0;
    assert_eq!(answer, FromFilesWorker::Page(Err("The page could not be read.".into())));
}

/// The sample document with details, a relation and an annotation that lost its place.
fn document_to_export() -> redline_core::Document {
    let (mut document, _) = export();
    let orphan = common::annotation(4, Label::Claim, document.text(), common::find(document.text(), "Kremlin"));
    document.apply(Action::Merge { annotations: vec![orphan.orphaned().with_holder("Kremlin")] }).unwrap();
    document
}

#[test]
fn an_export_written_in_the_worker_is_the_one_the_page_would_have_written() {
    let document = document_to_export();
    for format in [ExportFormat::W3cJson, ExportFormat::DoccanoJsonLines, ExportFormat::Csv, ExportFormat::BratAnn] {
        let message = through_json_to_worker(ToFilesWorker::Export { format, document: SentDocument::of(&document) });
        let (answer, contents) = FilesWork::default().answer(message, &mut fresh(), &mut |_, _| {});
        let FromFilesWorker::Written(Ok(files)) = through_json_to_page(answer) else { panic!("not written") };
        let written: Vec<(String, String, String)> =
            files.into_iter().zip(contents).map(|(file, contents)| (file.name, file.media_type, contents)).collect();
        let on_page: Vec<(String, String, String)> = format
            .files(&document)
            .into_iter()
            .map(|file| (file.file_name(document.title()), file.media_type().to_string(), file.export(&document)))
            .collect();
        assert_eq!(written, on_page, "{format:?}");
    }
    // Both of brat's files, and the relations' CSV beside the annotations'.
    let names = |format| {
        let message = ToFilesWorker::Export { format, document: SentDocument::of(&document) };
        let (answer, _) = FilesWork::default().answer(message, &mut fresh(), &mut |_, _| {});
        let FromFilesWorker::Written(Ok(files)) = answer else { panic!("not written") };
        files.into_iter().map(|file| file.name).collect::<Vec<_>>()
    };
    assert_eq!(names(ExportFormat::BratAnn), ["Talks, “day 3”.txt", "Talks, “day 3”.ann"]);
    assert_eq!(names(ExportFormat::Csv), ["Talks, “day 3”.annotations.csv", "Talks, “day 3”.relations.csv"]);
}

#[test]
fn an_export_with_a_record_the_worker_cannot_take_is_refused_whole() {
    let mut sent = SentDocument::of(&document_to_export());
    sent.records[1] = "{ not a record".into();
    let message = through_json_to_worker(ToFilesWorker::Export { format: ExportFormat::W3cJson, document: sent });
    let (answer, contents) = FilesWork::default().answer(message, &mut fresh(), &mut |_, _| {});
    let FromFilesWorker::Written(Err(reason)) = through_json_to_page(answer) else { panic!("written") };
    assert!(reason.starts_with("an annotation could not be written"), "{reason}");
    assert!(contents.is_empty());
    // A relation whose end is not among the records is not dropped quietly either.
    let mut sent = SentDocument::of(&document_to_export());
    let ends = sent.records.iter().position(|record| record.contains("Putin had consented")).unwrap();
    sent.records.remove(ends);
    let message = ToFilesWorker::Export { format: ExportFormat::Csv, document: sent };
    let (answer, contents) = FilesWork::default().answer(message, &mut fresh(), &mut |_, _| {});
    let FromFilesWorker::Written(Err(reason)) = answer else { panic!("written") };
    assert!(reason.starts_with("a relation could not be written"), "{reason}");
    assert!(contents.is_empty());
}
