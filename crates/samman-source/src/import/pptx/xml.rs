//! A small element tree over quick-xml, enough for PresentationML: local names (prefixes dropped),
//! attributes, text. Built with an explicit stack (no recursion), with a depth limit.
//!
//! Entities: quick-xml never expands entities a document defines itself, so an "entity bomb" cannot
//! grow in memory; to say so clearly, a part with a DOCTYPE (which PowerPoint never writes) is refused,
//! and any reference other than the five predefined ones and character references is an error.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// Deeper nesting than this is refused; real slides nest a few dozen levels at most.
pub const MAX_DEPTH: usize = 256;

/// An element: local name, attributes (local names), and children in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Child {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of attribute `name` (local name).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// Child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element along a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }

    /// The first descendant named `name` (depth first), without recursion.
    pub fn find(&self, name: &str) -> Option<&Element> {
        let mut stack: Vec<&Element> = vec![self];
        while let Some(e) = stack.pop() {
            if e.name == name {
                return Some(e);
            }
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
        None
    }

    /// Whether any descendant named `name` has the attribute `attr` equal to `value` (without recursion).
    pub fn any_with(&self, name: &str, attr: &str, value: &str) -> bool {
        let mut stack: Vec<&Element> = vec![self];
        while let Some(e) = stack.pop() {
            if e.name == name && e.attr(attr) == Some(value) {
                return true;
            }
            stack.extend(e.elements());
        }
        false
    }

    /// The element's own text (its text children joined).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                Child::Text(t) => Some(t.as_str()),
                Child::Element(_) => None,
            })
            .collect()
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

fn start(e: &BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("ogiltigt attribut ({err})"))?;
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("ogiltigt attributvärde ({err})"))?;
        attrs.push((local(attr.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

/// Parses one XML part into its root element.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let push_text = |stack: &mut Vec<Element>, t: &str| {
        if let Some(top) = stack.last_mut() {
            match top.children.last_mut() {
                Some(Child::Text(prev)) => prev.push_str(t),
                _ => top.children.push(Child::Text(t.to_string())),
            }
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("ogiltig XML vid byte {} ({e})", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("XML nästlad djupare än {MAX_DEPTH} nivåer"));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                let element = start(&e)?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Child::Element(element)),
                    None if root.is_none() => root = Some(element),
                    None => return Err("mer än ett rotelement".into()),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err("sluttagg utan starttagg".into());
                };
                match stack.last_mut() {
                    Some(top) => top.children.push(Child::Element(done)),
                    None if root.is_none() => root = Some(done),
                    None => return Err("mer än ett rotelement".into()),
                }
            }
            Event::Text(t) => {
                let t = t.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut stack, &t);
            }
            Event::CData(t) => {
                let t = t.xml_content(XmlVersion::Implicit1_0);
                push_text(&mut stack, &t);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => return Err(format!("okänd entitet &{};", &*r)),
                    },
                    Err(e) => return Err(format!("ogiltig teckenreferens ({e})")),
                };
                push_text(&mut stack, &resolved);
            }
            Event::DocType(_) => {
                return Err(
                    "innehåller en DOCTYPE med egna entiteter, vilket PowerPoint aldrig skriver \
                     (en entitetsbomb?)"
                        .into(),
                );
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err("XML tar slut mitt i ett element".into());
    }
    root.ok_or_else(|| "XML utan rotelement".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_text() {
        let root = parse("<?xml version=\"1.0\"?><p:sld xmlns:p=\"x\"><a:t b=\"1 &amp; 2\">a &lt; b&#x41;</a:t><e/></p:sld>")
            .expect("xml");
        assert_eq!(root.name, "sld");
        let t = root.child("t").expect("t");
        assert_eq!(t.attr("b"), Some("1 & 2"));
        assert_eq!(t.text(), "a < bA");
        assert!(root.child("e").is_some());
    }

    #[test]
    fn entity_bombs_and_bad_xml_are_refused() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\
                    <lolz>&lol2;</lolz>";
        assert!(parse(bomb).expect_err("bomb").contains("DOCTYPE"));
        assert!(
            parse("<a>&lol;</a>")
                .expect_err("entity")
                .contains("okänd entitet")
        );
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).expect_err("deep").contains("nivåer"));
    }
}
