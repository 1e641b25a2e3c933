//! The interface languages and their BCP 47 tags.

/// The language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Fi,
}

impl Locale {
    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fi => "fi",
        }
    }

    /// The locale for a tag as [`Locale::tag`] writes it; `None` for any other.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        [Locale::En, Locale::Fi]
            .into_iter()
            .find(|l| l.tag() == tag)
    }
}
