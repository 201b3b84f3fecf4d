//! `SortedMap`: a map from names to values kept as a sorted list, with the
//! part of `BTreeMap`'s interface the engine uses. The engine's maps are
//! small (an element's allow-listed attributes, a few remembered accounts);
//! `BTreeMap` cost ~8 KB of wasm per key/value pair of types for them.

use super::json::{Fields, FromJson, Json, ObjWriter, ToJson};

/// Names in order, each once. Equal maps hold equal names and values,
/// whatever order they were inserted in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedMap<V>(Vec<(String, V)>);

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

pub type Iter<'a, V> =
    std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

impl<V> SortedMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key`; returns the value it had, as `BTreeMap::insert` does.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn iter(&self) -> Iter<'_, V> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

impl<V> FromIterator<(String, V)> for SortedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = SortedMap::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

impl<V: ToJson> ToJson for SortedMap<V> {
    fn to_json(&self, out: &mut String) {
        let mut o = ObjWriter::new(out);
        for (k, v) in self {
            o.field(k, v);
        }
        o.end();
    }
}

impl<V: FromJson> FromJson for SortedMap<V> {
    fn from_json(v: Json) -> Result<Self, String> {
        let mut map = SortedMap::new();
        for (k, v) in Fields::members(v)? {
            let value = V::from_json(v).map_err(|e| format!("`{k}`: {e}"))?;
            if map.contains_key(&k) {
                return Err(format!("duplicate field `{k}`"));
            }
            map.insert(k, value);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_an_ordered_map() {
        let mut m: SortedMap<u32> = [("b", 2), ("a", 1), ("c", 3)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(m.insert("b".into(), 20), Some(2));
        assert_eq!(m.insert("0".into(), 0), None);
        assert_eq!(m.get("b"), Some(&20));
        assert!(m.contains_key("0") && !m.contains_key("d"));
        assert_eq!(m.remove("a"), Some(1));
        assert_eq!(m.remove("a"), None);
        assert_eq!(m.len(), 3);
        let other: SortedMap<u32> = [("c", 3), ("b", 20), ("0", 0)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(m, other, "insertion order does not matter");
        let text = crate::json::to_string(&m);
        assert_eq!(text, r#"{"0":0,"b":20,"c":3}"#);
        assert_eq!(crate::json::from_str::<SortedMap<u32>>(&text).unwrap(), m);
        let dup = crate::json::from_str::<SortedMap<u32>>(r#"{"a":1,"a":2}"#);
        assert!(dup.unwrap_err().contains("duplicate field `a`"));
        assert!(crate::json::from_str::<SortedMap<u32>>(r#"{"a":"x"}"#)
            .unwrap_err()
            .contains("`a`: expected a number"));
    }
}
