extension Array {
  /// Returns the index of the first element for which `belongsInSecondPartition` is true,
  /// or `endIndex`, by binary search.
  ///
  /// - Precondition: the array is partitioned by the predicate: every element for which
  ///   it is false comes before every element for which it is true.
  /// - Complexity: O(log *n*).
  func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if belongsInSecondPartition(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
