//! Runs the shared golden table `tests/data/normalize.toml` through the Rust API.

use paknevis::{Normalizer, NormalizerConfig};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    input: String,
    expected: String,
    #[serde(default)]
    options: toml::Table,
}

fn normalizer(options: &toml::Table) -> Normalizer {
    let json = serde_json::to_string(options).expect("options as JSON");
    Normalizer::new(NormalizerConfig::from_json(&json).expect("valid options")).expect("build")
}

#[test]
fn golden_normalize() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/normalize.toml"
    ))
    .expect("golden table");
    let table: Table = toml::from_str(&text).expect("valid TOML");
    assert!(table.case.len() >= 80, "at least 80 golden cases");
    let mut failures = Vec::new();
    for case in &table.case {
        let n = normalizer(&case.options);
        let got = n.normalize(&case.input);
        if got != case.expected {
            failures.push(format!(
                "{}:\n  input    {:?}\n  expected {:?}\n  got      {:?}",
                case.name, case.input, case.expected, got
            ));
            continue;
        }
        // Idempotence, and the aligned path agrees with the fast path.
        assert_eq!(n.normalize(&got), got, "not idempotent: {}", case.name);
        let aligned = n.normalize_aligned(&case.input);
        assert_eq!(aligned.text, got, "aligned differs: {}", case.name);
        let replayed = paknevis::edit::apply(&case.input, &aligned.text, &aligned.changes);
        assert_eq!(replayed, got, "edits do not replay: {}", case.name);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
