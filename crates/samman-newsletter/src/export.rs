//! CSV cells for the subscriber exports (`samman newsletter export`, the editor's `nyhetsbrev.csv`):
//! RFC 4180 quoting, and neutralised formulas — an address may start with `=`, `+`, `-` or `@` (the
//! local part allows it), and a spreadsheet opening the file would otherwise run it as a formula
//! ("CSV injection").

/// One CSV cell: a text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return first) gets a leading `'`, so it stays text; quoted when it holds a comma, quote or line break.
pub fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_stay_text() {
        assert_eq!(cell("a@example.se"), "a@example.se");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("rad\nbrytning"), "\"rad\nbrytning\"");
        assert_eq!(cell(""), "");
    }
}
