//! Variants of HTML pages.

use super::kind::{Kind, Made, Rng, Role};

/// Makes the variant of `kind` of an HTML page.
pub fn make(_kind: Kind, _page: &str, _role: &Role, _rng: &mut Rng) -> Made {
    Made::NotForForm("html: not yet")
}
