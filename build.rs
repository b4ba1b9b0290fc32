//! Checks `assets/taxonomy.ron` before the crate embeds it, with the same rules the app
//! applies to user taxonomy files (`src/classify/validate.rs`, included here), so a broken
//! default taxonomy fails the build with a message naming the file and the category.

#[allow(dead_code)]
#[path = "src/classify/validate.rs"]
mod validate;

const TAXONOMY: &str = "assets/taxonomy.ron";

fn main() {
    println!("cargo:rerun-if-changed={TAXONOMY}");
    println!("cargo:rerun-if-changed=src/classify/validate.rs");
    let text = match std::fs::read_to_string(TAXONOMY) {
        Ok(text) => text,
        Err(e) => fail(&[format!("cannot read the default taxonomy: {e}")]),
    };
    if let Err(problems) = validate::check_default(&text) {
        fail(&problems.iter().map(ToString::to_string).collect::<Vec<_>>());
    }
}

fn fail(messages: &[String]) -> ! {
    eprintln!("error: the default taxonomy {TAXONOMY} is invalid:");
    for message in messages {
        eprintln!("  {TAXONOMY}: {message}");
    }
    std::process::exit(1);
}
