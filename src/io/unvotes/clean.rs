//! Repairs for the text fields of the roll-call table.
//!
//! Some rows of the source were tab-separated: their six 0/1 issue flags spilled into the
//! description after tabs, and in two rows (rcid 610 and 614) the description spilled into
//! the short title, leaving a lone flag as the description.

/// R's missing value written out, and empty fields, are absent.
pub(crate) fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty() && *v != "NA")
}

fn is_flag(part: &str) -> bool {
    part.trim().bytes().all(|b| b.is_ascii_digit())
}

/// Drops trailing tab-separated flags, turns any other tab into a space, and trims.
pub(crate) fn clean_text(text: &str) -> String {
    if !text.contains('\t') {
        return text.trim().to_string();
    }
    let mut parts: Vec<&str> = text.split('\t').collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| is_flag(p)) {
        parts.pop();
    }
    let joined: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    joined.join(" ")
}

/// The title and description of a roll call, repairing a description that spilled into the
/// short title (then the description field holds only a flag).
pub(crate) fn title_and_description(short: Option<&str>, descr: Option<&str>) -> (String, String) {
    let descr = descr.map(clean_text).unwrap_or_default();
    let Some(short) = short else {
        return (String::new(), descr);
    };
    match short.split_once('\t') {
        Some((title, rest)) if is_flag(&descr) => (clean_text(title), clean_text(rest)),
        _ => (clean_text(short), descr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_after_tabs_are_dropped_and_other_tabs_become_spaces() {
        assert_eq!(
            clean_text("TO ADOPT X.\\\\\"\t0\t0\t1\t0\t0\t0"),
            "TO ADOPT X.\\\\\""
        );
        assert_eq!(clean_text(" a\tb "), "a b");
        assert_eq!(clean_text("plain "), "plain");
        assert_eq!(clean_text("7"), "7");
    }

    #[test]
    fn a_description_inside_the_short_title_is_moved_back() {
        let (t, d) = title_and_description(Some("ALGERIA\tTO ADOPT IT.\t0"), Some("0"));
        assert_eq!((t.as_str(), d.as_str()), ("ALGERIA", "TO ADOPT IT."));
        let (t, d) = title_and_description(Some("A\tB"), Some("a real description"));
        assert_eq!((t.as_str(), d.as_str()), ("A B", "a real description"));
        assert_eq!(
            title_and_description(None, None),
            (String::new(), String::new())
        );
    }

    #[test]
    fn na_and_empty_are_absent() {
        assert_eq!(present(Some("NA")), None);
        assert_eq!(present(Some("")), None);
        assert_eq!(present(Some("R/1/66")), Some("R/1/66"));
    }
}
