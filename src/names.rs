//! Option enums by name: one macro gives each its `ALL`, `name`, `Display` and a typed
//! `FromStr`, so the command line, the Python package and files all spell values the same way.

/// Implements `ALL`, `name()`, `Display` and `FromStr` (error [`ParseNameError`]) for a
/// fieldless enum. Parsing ignores ASCII case, surrounding space, and `-` versus `_`.
///
/// [`ParseNameError`]: crate::error::ParseNameError
macro_rules! named_enum {
    ($ty:ident, $what:literal, [$($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)?]) => {
        impl $ty {
            /// Every value, in the order the documentation lists them.
            pub const ALL: [$ty; <[&str]>::len(&[$($name),+])] = [$($ty::$variant),+];

            /// The name used on the command line and in outputs.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::error::ParseNameError;

            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                let key = $crate::names::normalise(s);
                $(
                    if key == $crate::names::normalise($name)
                        $(|| key == $crate::names::normalise($alias))*
                    {
                        return Ok($ty::$variant);
                    }
                )+
                Err($crate::error::ParseNameError {
                    what: $what,
                    given: s.to_string(),
                    expected: vec![$($name),+],
                })
            }
        }
    };
}

pub(crate) use named_enum;

/// The comparison key of a name: trimmed, lowercase, `_` read as `-`.
pub(crate) fn normalise(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace('_', "-")
}
