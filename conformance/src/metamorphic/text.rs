//! Variants of tab-text pages.

use super::kind::{Kind, Made, Rng, Role};

/// Makes the variant of `kind` of a text page.
pub fn make(_kind: Kind, _page: &str, _role: &Role, _rng: &mut Rng) -> Made {
    Made::NotForForm("text: not yet")
}
