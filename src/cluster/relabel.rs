//! Rematching multislice community labels between consecutive slices.
//!
//! In multislice modularity only couplings join slices, and only between consecutive ones,
//! so relabelling the communities of one slice injectively leaves every intra-slice term
//! unchanged and changes only the coupling weight kept inside communities. Leiden can end
//! with two communities of a slice carrying each other's labels (after actors swap between
//! them); moving either block alone would merge it with the other inside the slice, so no
//! single move repairs it. This pass does.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Relabels slices `1..`, in time order. For slice `s` it counts the coupled copies between
/// each of its communities and each (already relabelled) community of slice `s − 1`, matches
/// them greedily (largest overlap first, ties by labels) and keeps that matching only if it
/// keeps more coupled pairs inside communities than the optimiser's own matching did;
/// otherwise the optimiser's matching is carried over. Communities continuing nothing get a
/// fresh label. The coupled weight between every pair of consecutive slices therefore never
/// decreases, and neither does `Q`.
///
/// `start[s]..start[s + 1]` are the nodes of slice `s`; `coupled[s]` the coupled pairs
/// `(node in s − 1, node in s)`.
pub(super) fn rematch_labels(labels: &mut [u32], start: &[usize], coupled: &[Vec<(u32, u32)>]) {
    let orig = labels.to_vec();
    let mut fresh = labels.iter().max().map_or(0, |m| m + 1);
    let slices = start.len().saturating_sub(1);
    // Original label → new label, for the previous slice.
    let mut previous: HashMap<u32, u32> = match slices {
        0 => return,
        _ => (start[0]..start[1]).map(|v| (orig[v], orig[v])).collect(),
    };
    for s in 1..slices {
        let nodes = start[s]..start[s + 1];
        let mut communities: Vec<u32> = orig[nodes.clone()].to_vec();
        communities.sort_unstable();
        communities.dedup();

        let mut overlap: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        let mut kept = 0usize;
        for &(u, v) in &coupled[s] {
            let (u, v) = (u as usize, v as usize);
            *overlap.entry((orig[v], labels[u])).or_default() += 1;
            kept += usize::from(orig[u] == orig[v]);
        }
        let mut pairs: Vec<((u32, u32), usize)> = overlap.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (mut taken_c, mut taken_d) = (HashSet::new(), HashSet::new());
        let mut greedy: HashMap<u32, u32> = HashMap::new();
        let mut total = 0usize;
        for ((c, d), n) in pairs {
            if !taken_c.contains(&c) && !taken_d.contains(&d) {
                taken_c.insert(c);
                taken_d.insert(d);
                greedy.insert(c, d);
                total += n;
            }
        }
        let chosen = if total > kept { greedy } else { previous };
        let mut mapping: HashMap<u32, u32> = HashMap::with_capacity(communities.len());
        for c in communities {
            let label = match chosen.get(&c) {
                Some(&d) => d,
                None => {
                    fresh += 1;
                    fresh - 1
                }
            };
            mapping.insert(c, label);
        }
        for v in nodes {
            labels[v] = mapping[&orig[v]];
        }
        previous = mapping;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_labels_are_rematched_and_carried_forward() {
        // Three slices of four actors: {a, b} and {c, d}; slices 1 and 2 carry swapped labels.
        let start = [0, 4, 8, 12];
        let coupled: Vec<Vec<(u32, u32)>> = vec![
            vec![],
            (0..4).map(|i| (i, i + 4)).collect(),
            (0..4).map(|i| (i + 4, i + 8)).collect(),
        ];
        let mut labels = vec![0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0];
        rematch_labels(&mut labels, &start, &coupled);
        assert_eq!(labels, vec![0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
    }

    #[test]
    fn a_consistent_labelling_keeps_its_structure() {
        // Slice 1 splits {a, b, c, d} into {a, b} (continuing) and {c, d} (new).
        let start = [0, 4, 8];
        let coupled: Vec<Vec<(u32, u32)>> = vec![vec![], (0..4).map(|i| (i, i + 4)).collect()];
        let mut labels = vec![0, 0, 0, 0, 0, 0, 1, 1];
        let before = labels.clone();
        rematch_labels(&mut labels, &start, &coupled);
        assert_eq!(labels[..6], before[..6]);
        assert_eq!(labels[6], labels[7]);
        assert_ne!(labels[6], 0);
    }
}
