//! Prints the lexicon entries of the words given as arguments (ZWNJs are ignored):
//! `cargo run --example lex_lookup -- کتابها میخواهند`.
use paknevis::spacing::lexicon::Lexicon;

fn main() {
    for w in std::env::args().skip(1) {
        let key: String = w.chars().filter(|&c| c != '\u{200c}').collect();
        println!("{w}\t{:?}", Lexicon::get().lookup(key.as_bytes()));
    }
}
