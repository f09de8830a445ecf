//! Every document decodes through the app's own decoder with no record skipped, and reads
//! back as what was generated.

mod common;

use pishkhan::api::decode;

#[test]
fn catalogue_and_meta_decode_without_skips() {
    let data = common::dataset();
    let meta = decode::meta(common::text("meta.json")).expect("meta decodes");
    assert!(meta.skipped.is_empty(), "{:?}", meta.skipped);
    assert_eq!(meta.doc.provinces.len(), 31);
    assert_eq!(meta.doc.closures, data.meta.closures);
    assert_eq!(meta.doc.source, data.meta.source);

    let agencies = decode::agencies(common::text("agencies.json")).expect("agencies decode");
    assert!(agencies.skipped.is_empty(), "{:?}", agencies.skipped);
    assert_eq!(agencies.doc, data.agencies);

    let services = decode::services(common::text("services.json")).expect("services decode");
    assert!(services.skipped.is_empty(), "{:?}", services.skipped);
    assert_eq!(services.doc, data.services);
}

#[test]
fn province_documents_decode_without_skips() {
    for province in &common::dataset().provinces {
        let id = &province.offices.province_id;
        let offices = decode::offices(common::text(&pishkhan::api::paths::offices(id)), id)
            .expect("offices decode");
        assert!(offices.skipped.is_empty(), "{id}: {:?}", offices.skipped);
        assert_eq!(offices.doc.offices.len(), province.offices.offices.len());
        for (read, made) in offices.doc.offices.iter().zip(&province.offices.offices) {
            // Coordinates may differ in the last bit after a text round trip; all else is exact.
            let (mut read, mut made) = (read.clone(), made.clone());
            if let (Some(a), Some(b)) = (read.location, made.location) {
                assert!(
                    (a.lat - b.lat).abs() < 1e-9 && (a.lon - b.lon).abs() < 1e-9,
                    "{}",
                    made.id
                );
            }
            read.location = None;
            made.location = None;
            assert_eq!(read, made);
        }

        let licences = decode::licences(common::text(&pishkhan::api::paths::licences(id)), id)
            .expect("licences decode");
        assert!(licences.skipped.is_empty(), "{id}: {:?}", licences.skipped);
        assert_eq!(licences.doc, province.licences);
    }
}
