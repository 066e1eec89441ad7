/// A built-in recognizer whose word lists live in gazetteer files of its own types.
///
/// Date words (`date_month`, `date_weekday`…), casualty verbs and victim nouns are
/// gazetteer entries like any other, so users extend them with `--gazetteers` without
/// recompiling. Their types are *lexicon* types: the extractor hands those entries to
/// the recognizer that claims them (which compiles its own ``GazetteerMatcher`` over the
/// shared ``Vocabulary``), and never reports them as entities.
protocol LexiconRecognizer: Recognizer {
  /// The gazetteer types this recognizer reads.
  static var lexiconLabels: Set<EntityLabel> { get }

  /// Builds the recognizer from the entries of its lexicon types.
  ///
  /// - Parameters:
  ///   - lexicon: Every loaded entry whose type is in ``lexiconLabels``, user entries
  ///     included, in load order; its matchers come from a compiled file when it has them.
  ///   - segmenter: The segmenter documents are tokenized with.
  ///   - vocabulary: The shared vocabulary, to which the recognizer adds its words.
  /// - Throws: ``GazetteerError`` naming the file and line of an entry it cannot use.
  init(lexicon: Lexicon, segmenter: WordSegmenter, vocabulary: inout Vocabulary)
    throws(GazetteerError)
}


/// The built-in lexicon recognizers, in the order they run.
let builtInLexiconRecognizers: [any LexiconRecognizer.Type] = [
  DateRecognizer.self, CasualtyRecognizer.self, NameRecognizer.self,
]
