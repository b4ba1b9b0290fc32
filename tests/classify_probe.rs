//! Temporary probe: prints the classification of each line of $PROBE (tab-separated name, text).
#[test]
#[ignore]
fn probe() {
    let t0 = std::time::Instant::now();
    let c = inspection_tracker::classify::Classifier::default_taxonomy();
    eprintln!("construct {:?}", t0.elapsed());
    let t1 = std::time::Instant::now();
    let _ = inspection_tracker::classify::validate::parse(inspection_tracker::classify::DEFAULT_TAXONOMY_RON);
    eprintln!("ron parse {:?}", t1.elapsed());
    let t1 = std::time::Instant::now();
    let _ = inspection_tracker::classify::validate::check(
        &inspection_tracker::classify::validate::parse(inspection_tracker::classify::DEFAULT_TAXONOMY_RON).unwrap(),
    );
    eprintln!("parse+check {:?}", t1.elapsed());
    let kind = if std::env::var("PROBE_FINDING").is_ok() {
        inspection_tracker::model::FindingKind::Finding
    } else {
        inspection_tracker::model::FindingKind::Recommendation
    };
    let t = std::time::Instant::now();
    let text = std::fs::read_to_string(std::env::var("PROBE").unwrap()).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let (name, item) = line.split_once('\t').unwrap_or(("", line));
        let r = c.classify(item, "", kind);
        out += &format!(
            "{:22} {:.2} {:9} | {} | {:?} {:?}\n",
            r.category.0,
            r.confidence,
            r.polarity.as_str(),
            &item[..item.len().min(150)],
            r.matched_terms,
            r.polarity_cues
        );
        let _ = name;
    }
    eprintln!("{out}elapsed {:?}", t.elapsed());
    let t2 = std::time::Instant::now();
    for line in text.lines() {
        c.classify(line, "", kind);
    }
    eprintln!("second pass {:?}", t2.elapsed());
}
