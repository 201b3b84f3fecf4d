//! One small stable sort for the engine's short lists: frames and tabs (at
//! most `MAX_FRAMES`), grid cells (at most a query's 50 items), redaction
//! names (a few). The standard library's sorts are built for long slices and
//! cost 3–4 KB of wasm for every element type sorted; this is a few hundred
//! bytes, and quadratic only in lengths that stay small.

/// Sorts `items` stably: afterwards no item is `before` the one ahead of it.
pub fn sort_by<T>(items: &mut [T], mut before: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && before(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(
            v,
            [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
        let mut w: Vec<i64> = (0..300).map(|i| (i * 7919) % 301).collect();
        let mut expected = w.clone();
        expected.sort();
        sort_by(&mut w, |a, b| a < b);
        assert_eq!(w, expected);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a < b);
        sort_by(&mut w, |a, b| a > b);
        assert_eq!(w.first(), Some(&300));
    }
}
