//! Prints the checklist for an exchange and a platform, for reviewing the data files by eye:
//! `cargo run -p coffre-catalog --example guide -- binance bitsgap fr` (platform `-` for none).

use coffre_catalog::{catalog, Action};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exchange = args.first().map_or("binance", String::as_str);
    let platform = args.get(1).map(String::as_str).filter(|p| *p != "-");
    let lang = args.get(2).map_or("en", String::as_str);
    for item in catalog().guide(exchange, platform, lang) {
        let mark = match item.action {
            _ if item.note => "(i)",
            Action::Enable => "[x]",
            Action::Disable => "[ ]",
            Action::Info => " - ",
        };
        println!("{mark} {}", item.text);
    }
}
