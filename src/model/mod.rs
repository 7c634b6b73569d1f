//! The data model: actors, statements, positions, signatures, bloc memberships, the
//! [`Dataset`] that owns them, and [`View`]s restricted to a window, filters and a bloc mode.

mod actor;
mod build;
mod columns;
mod dataset;
mod filter;
mod position;
mod raw_signatures;
mod resolve;
mod serde_impl;
mod session;
mod signature;
mod statement;
mod summary;
mod view;
mod with_memberships;

pub use actor::{Actor, ActorKind};
pub use build::{DatasetBuilder, Strictness};
pub(crate) use build::{Found, Origin, Problems, RawInput, assemble};
pub(crate) use columns::{JoinedColumn, RoleColumn};
pub use dataset::{ActorIdx, Dataset, MemberSpan, SignatureRef, StatementIdx};
pub use filter::{FilterNote, ViewOptions};
pub use position::{ParsePositionError, Position};
pub(crate) use raw_signatures::{Interner, SignatureFields, same_bytes};
pub use serde_impl::DatasetDocument;
pub use session::{SESSION_ATTRIBUTE, Session};
pub use signature::{Membership, Signature};
pub use statement::{Statement, StatementKind};
pub use summary::{ActorActivity, BlocActivity, ViewSummary};
pub use view::{BlocMode, View, ViewSignature};
