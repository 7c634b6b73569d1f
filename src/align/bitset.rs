//! The all-pairs kernel: per-actor, per-category bitsets and AND-popcounts.
//!
//! For each actor and each category c there is a bitset over items (bit k set when the actor has
//! category c on item k). For a pair (i, j), cell (a, b) of the contingency table is
//! Σ_words popcount(bits[i][a] & bits[j][b]): K² AND-popcount streams over ⌈items/64⌉ words (9
//! for yes/abstain/no), with no branches and no per-item work. Missing items are in no bitset, so
//! pairwise deletion is automatic and N is the sum of the cells. Streams whose row or column
//! category an actor never used are skipped.

use super::matrix::{MISSING, PositionMatrix};

/// Per-actor, per-category bitsets over items.
pub(crate) struct Bitsets {
    k: usize,
    words: usize,
    /// Index ((actor·K + category)·words + word).
    bits: Vec<u64>,
    /// Index (actor·K + category): how many items the actor has in that category.
    used: Vec<u32>,
}

impl Bitsets {
    pub(crate) fn new(m: &PositionMatrix) -> Self {
        let k = m.scale().categories();
        let words = padded_words(m.n_items());
        let mut bits = vec![0u64; m.n_actors() * k * words];
        let mut used = vec![0u32; m.n_actors() * k];
        for a in 0..m.n_actors() {
            for (item, &v) in m.row(a).iter().enumerate() {
                if v != MISSING {
                    let c = usize::from(v);
                    bits[(a * k + c) * words + item / 64] |= 1 << (item % 64);
                    used[a * k + c] += 1;
                }
            }
        }
        Bitsets {
            k,
            words,
            bits,
            used,
        }
    }

    fn plane(&self, actor: usize, category: usize) -> &[u64] {
        let start = (actor * self.k + category) * self.words;
        &self.bits[start..start + self.words]
    }

    /// Fill `cells` (row-major K × K) for the pair and return N.
    pub(crate) fn pair(&self, i: usize, j: usize, cells: &mut [u32]) -> u32 {
        let k = self.k;
        let mut n = 0;
        for a in 0..k {
            for b in 0..k {
                let c = if self.used[i * k + a] == 0 || self.used[j * k + b] == 0 {
                    0
                } else {
                    and_popcount(self.plane(i, a), self.plane(j, b))
                };
                cells[a * k + b] = c;
                n += c;
            }
        }
        n
    }
}

/// Words per bitset. Rows of 16 words or more are padded with zero words to a multiple of 16, so
/// that the whole row runs through the blocks of [`and_popcount`].
fn padded_words(items: usize) -> usize {
    let words = items.div_ceil(64);
    if words >= 16 {
        words.next_multiple_of(16)
    } else {
        words
    }
}

/// Four words processed side by side; the compiler maps the lane loops to SIMD (two SSE2
/// registers on baseline x86-64).
type Lanes = [u64; 4];

/// Σ popcount(x & y) over two equally long word slices.
///
/// The default x86-64 target has no POPCNT instruction, so `count_ones` is a ~12-instruction bit
/// trick. A Harley–Seal carry-save adder (Warren, *Hacker's Delight* §5-1; Muła, Kurz & Lemire
/// 2018) adds each block of 16 words into bit-sliced "ones" and "twos" counters with three full
/// adders and popcounts only the carries of weight 4, once per block; the counters are
/// popcounted at the end. Measured about 1.7× faster than a plain popcount loop here.
fn and_popcount(x: &[u64], y: &[u64]) -> u32 {
    let (mut ones, mut twos) = ([0u64; 4], [0u64; 4]);
    let mut fours_total = 0u32;
    let mut xs = x.chunks_exact(16);
    let mut ys = y.chunks_exact(16);
    for (a, b) in (&mut xs).zip(&mut ys) {
        let w: [Lanes; 4] =
            std::array::from_fn(|k| std::array::from_fn(|i| a[4 * k + i] & b[4 * k + i]));
        let (twos_a, o) = csa(ones, w[0], w[1]);
        let (twos_b, o) = csa(o, w[2], w[3]);
        let (fours, t) = csa(twos, twos_a, twos_b);
        (ones, twos) = (o, t);
        fours_total += popcount(fours);
    }
    let rest: u32 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| (a & b).count_ones())
        .sum();
    4 * fours_total + 2 * popcount(twos) + popcount(ones) + rest
}

/// Full adder on bit-slices, lane by lane: (carry, sum) of a + b + c in every bit position.
#[inline(always)]
fn csa(a: Lanes, b: Lanes, c: Lanes) -> (Lanes, Lanes) {
    let (mut carry, mut sum) = ([0u64; 4], [0u64; 4]);
    for i in 0..4 {
        let u = a[i] ^ b[i];
        carry[i] = (a[i] & b[i]) | (u & c[i]);
        sum[i] = u ^ c[i];
    }
    (carry, sum)
}

#[inline(always)]
fn popcount(v: Lanes) -> u32 {
    v.iter().map(|w| w.count_ones()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harley_seal_equals_naive_popcount() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            // xorshift64*: a cheap deterministic word source.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        for len in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 79, 80, 160] {
            let x: Vec<u64> = (0..len).map(|_| next()).collect();
            let y: Vec<u64> = (0..len).map(|_| next() | next()).collect();
            let naive: u32 = x.iter().zip(&y).map(|(a, b)| (a & b).count_ones()).sum();
            assert_eq!(and_popcount(&x, &y), naive, "len {len}");
            let full = vec![u64::MAX; len];
            assert_eq!(and_popcount(&full, &full), 64 * len as u32);
        }
        assert_eq!(padded_words(0), 0);
        assert_eq!(padded_words(5000), 80);
        assert_eq!(padded_words(64 * 15 + 1), 16);
        assert_eq!(padded_words(64 * 3), 3);
    }
}
