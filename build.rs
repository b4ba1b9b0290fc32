//! Checks `assets/taxonomy.ron` before the crate embeds it, with the same rules the app
//! applies to user taxonomy files (`src/classify/validate.rs`, included here), so a broken
//! default taxonomy fails the build with a message naming the file and the category; and
//! checks the authority registry `assets/authorities.ron` with the rules of
//! `src/model/authority_file.rs` (included here too, and run again by a unit test).

#[allow(dead_code)]
#[path = "src/classify/validate.rs"]
mod validate;

#[allow(dead_code)]
#[path = "src/model/authority_file.rs"]
mod authority_file;

const TAXONOMY: &str = "assets/taxonomy.ron";
const AUTHORITIES: &str = "assets/authorities.ron";

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
    check_authorities();
}

fn check_authorities() {
    println!("cargo:rerun-if-changed={AUTHORITIES}");
    println!("cargo:rerun-if-changed=src/model/authority_file.rs");
    let problems = match std::fs::read_to_string(AUTHORITIES) {
        Ok(text) => authority_file::check(&text).err(),
        Err(e) => Some(vec![format!("cannot read the authority registry: {e}")]),
    };
    if let Some(problems) = problems {
        report("the authority registry", AUTHORITIES, &problems);
    }
}

fn fail(messages: &[String]) -> ! {
    report("the default taxonomy", TAXONOMY, messages)
}

fn report(what: &str, file: &str, messages: &[String]) -> ! {
    eprintln!("error: {what} {file} is invalid:");
    for message in messages {
        eprintln!("  {file}: {message}");
    }
    std::process::exit(1);
}
