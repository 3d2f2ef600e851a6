//! A list of lists kept as one list and where each starts.

/// Reading list `i` touches one place in memory, not two: on dense copy,
/// a separate allocation per list (a pattern's targets, an event's
/// venues) was a cache miss at most reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists<T> {
    items: Vec<T>,
    first: Vec<usize>,
}

impl<T> Lists<T> {
    pub(crate) fn new(lists: impl IntoIterator<Item = impl IntoIterator<Item = T>>) -> Self {
        let mut items = Vec::new();
        let mut first = vec![0];
        for list in lists {
            items.extend(list);
            first.push(items.len());
        }
        // Kept for the whole run: grown by doubling, they held up to
        // twice what they need (2 MB of 10,000 claims' targets).
        items.shrink_to_fit();
        first.shrink_to_fit();
        Lists { items, first }
    }

    /// List `i`, as it was given.
    pub(crate) fn get(&self, i: usize) -> &[T] {
        &self.items[self.first[i]..self.first[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::Lists;

    #[test]
    fn gives_back_each_list() {
        let given: Vec<Vec<u32>> = vec![vec![1, 2], vec![], vec![3], vec![]];
        let lists = Lists::new(given.clone());
        for (i, list) in given.iter().enumerate() {
            assert_eq!(lists.get(i), &list[..], "{i}");
        }
    }
}
