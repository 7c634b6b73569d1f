//! Serde for [`Dataset`]: the same four record lists as the CSV folder, in one document.

use super::{Actor, Dataset, DatasetBuilder, Membership, Signature, Statement};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The serialized form of a [`Dataset`]: actors, statements, signatures and memberships.
///
/// Serializing a dataset and deserializing the result gives an identical dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetDocument {
    /// Actors, sorted by id.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Statements, sorted by date then id.
    pub statements: Vec<Statement>,
    /// Signatures, in statement order then actor id.
    pub signatures: Vec<Signature>,
    /// Memberships, sorted by bloc, member and first day.
    #[serde(default)]
    pub memberships: Vec<Membership>,
}

impl From<&Dataset> for DatasetDocument {
    fn from(ds: &Dataset) -> Self {
        DatasetDocument {
            actors: ds.actors().to_vec(),
            statements: ds.statements().to_vec(),
            signatures: ds.signature_records().collect(),
            memberships: ds.membership_records().collect(),
        }
    }
}

impl DatasetDocument {
    /// A builder holding the document's records (to validate them into a dataset).
    pub fn into_builder(self) -> DatasetBuilder {
        let mut b = DatasetBuilder::new();
        for a in self.actors {
            b.actor(a);
        }
        for s in self.statements {
            b.statement(s);
        }
        for s in self.signatures {
            b.signature(s);
        }
        for m in self.memberships {
            b.membership(m);
        }
        b
    }
}

impl Serialize for Dataset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DatasetDocument::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Dataset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let doc = DatasetDocument::deserialize(d)?;
        doc.into_builder().build().map_err(serde::de::Error::custom)
    }
}
