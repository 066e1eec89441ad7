/// The weights that resolve an ambiguous place name, and the certainty of each kind of
/// resolution, read from the entries of type `place_weight`
/// (`Gazetteers/places/resolution.tsv`).
///
/// Each entry's name is a key of ``keys`` and its `value` attribute a number. A key that
/// no entry gives keeps its default: 0 for a weight (so an extractor without the bundled
/// gazetteers resolves by priority, then population, then load order) and 1 for a
/// certainty (its confidences are the place rules' alone). How the weights add up is in
/// `DESIGN.md` ("Place resolution") and in the file's header.
struct PlaceWeights: NamedWeights, Sendable {
  /// The lexicon type of the entries.
  static let label = EntityLabel(rawValue: "place_weight")

  // What a candidate is, whatever the document says.
  /// The name itself matched, not only an alias.
  var name = 0.0
  /// The candidate is a country.
  var country = 0.0
  /// The candidate is a subdivision or a city of 100,000 or more.
  var strong = 0.0
  /// The candidate is the capital of its country (`capital=1`).
  var capital = 0.0
  /// Per power of ten of the population.
  var populationPerDecade = 0.0
  /// The powers of ten that stand for the population of a subdivision, district or area
  /// that has none.
  var areaDecades = 0.0
  /// Per unit of the entry's `priority` attribute.
  var priority = 0.0
  /// A settlement when no designator follows ("Kandahar" alone is the city).
  var settlement = 0.0
  /// A subdivision before "province", "state", "region".
  var designatedSubdivision = 0.0
  /// A district before "district".
  var designatedDistrict = 0.0
  /// A settlement before "district" (the district's seat).
  var designatedDistrictSeat = 0.0
  /// A settlement before "city", "town", "village".
  var designatedSettlement = 0.0

  // Qualifiers beside the mention ("London, Ontario", "the Indian city of Hyderabad").
  /// A candidate inside the qualifying admin1 or country.
  var qualifier = 0.0
  /// A candidate inside the qualifier of another mention of the same name.
  var qualifierElsewhere = 0.0
  /// The qualifying place's candidate that contains a candidate of the qualified name.
  var qualifierContainer = 0.0
  /// Added to the confidence that a qualified mention is a place ("Paris, Texas").
  var qualifiedPlace = 0.0
  /// The same for another mention of a qualified name ("… residents of Paris").
  var qualifiedPlaceElsewhere = 0.0
  /// Added to the confidence that a mention joined by "and" or "or" to a mention that is
  /// a place by itself is a place ("Augusta and Macon").
  var coordinatedPlace = 0.0

  // The document's other places (and nationalities).
  /// Another place of the document is in the candidate's country.
  var documentCountry = 0.0
  /// No other place is, but the country is named (as a country or a nationality).
  var documentCountryMention = 0.0
  /// Two or more are.
  var documentCountryMore = 0.0
  /// A subdivision, and other subdivisions of its country are in the document; or a
  /// country, and other countries are.
  var documentPeer = 0.0
  /// Another place of the document is in the candidate's admin1.
  var documentAdmin1 = 0.0
  /// Two or more are.
  var documentAdmin1More = 0.0
  /// None is in the candidate's country, one is in a neighbouring country.
  var neighbour = 0.0
  /// A town or village, and the document's places are all far away in other, not
  /// neighbouring, countries.
  var remote = 0.0
  /// The same for a country, subdivision or city of 100,000 or more.
  var remoteStrong = 0.0
  /// Added to `remote` or `remote_strong` when only a GeoNames alias matched.
  var remoteAlias = 0.0
  /// The nearest other place of the document is within 100 km.
  var within100km = 0.0
  /// Within 500 km.
  var within500km = 0.0
  /// Within 1,500 km.
  var within1500km = 0.0
  /// How much an ambiguous name's current choice supports the others (a place that is not
  /// ambiguous, a country named and a qualified choice support with 1).
  var guess = 0.0
  /// Added to `guess` per unit of the choice's lead over the runner-up (at most 1 in all).
  var guessPerLead = 0.0

  // Certainty: the factor a place mention's confidence is multiplied by.
  /// The name has one place.
  var certaintyUnique = 1.0
  /// A qualifier chose the place.
  var certaintyQualifier = 1.0
  /// The document's other places support the place.
  var certaintyEvidence = 1.0
  /// Size alone chose it, by at least `tieMargin`.
  var certaintyPrior = 1.0
  /// Size alone chose it, by less than `tieMargin`.
  var certaintyTie = 1.0
  /// The document supports another candidate more than the one its size chose.
  var certaintyContested = 1.0
  /// Only an alias matched, and the place is far from the document's other places.
  var certaintyRemoteAlias = 1.0
  /// The lead over the runner-up below which a resolution by size is a tie.
  var tieMargin = 0.0

  /// Every key of the file and the value it sets (computed: key paths are not `Sendable`).
  static var keys: [(key: String, path: WritableKeyPath<PlaceWeights, Double>)] {
    [
      ("name", \.name), ("country", \.country), ("strong", \.strong), ("capital", \.capital),
      ("population_per_decade", \.populationPerDecade),
      ("area_decades", \.areaDecades), ("priority", \.priority),
      ("settlement", \.settlement), ("designated_subdivision", \.designatedSubdivision),
      ("designated_district", \.designatedDistrict),
      ("designated_district_seat", \.designatedDistrictSeat),
      ("designated_settlement", \.designatedSettlement), ("qualifier", \.qualifier),
      ("qualifier_elsewhere", \.qualifierElsewhere), ("qualifier_container", \.qualifierContainer),
      ("qualified_place", \.qualifiedPlace),
      ("qualified_place_elsewhere", \.qualifiedPlaceElsewhere),
      ("coordinated_place", \.coordinatedPlace),
      ("document_country", \.documentCountry),
      ("document_country_mention", \.documentCountryMention),
      ("document_country_more", \.documentCountryMore),
      ("document_peer", \.documentPeer),
      ("document_admin1", \.documentAdmin1), ("document_admin1_more", \.documentAdmin1More),
      ("neighbour", \.neighbour), ("remote", \.remote), ("remote_strong", \.remoteStrong),
      ("remote_alias", \.remoteAlias),
      ("within_100km", \.within100km), ("within_500km", \.within500km),
      ("within_1500km", \.within1500km), ("guess", \.guess), ("guess_per_lead", \.guessPerLead),
      ("certainty_unique", \.certaintyUnique),
      ("certainty_qualifier", \.certaintyQualifier), ("certainty_evidence", \.certaintyEvidence),
      ("certainty_prior", \.certaintyPrior), ("certainty_tie", \.certaintyTie),
      ("certainty_contested", \.certaintyContested),
      ("certainty_remote_alias", \.certaintyRemoteAlias), ("tie_margin", \.tieMargin),
    ]
  }

  /// The defaults: no weights, every certainty 1.
  init() {}

  /// Reads the weights from `place_weight` entries; later entries replace earlier ones.
  ///
  /// - Throws: ``GazetteerError`` naming the entry's file and line for a name that is no
  ///   key, or a `value` that is not a number (a certainty must be in 0…1).
  init(lexicon: [GazetteerEntry]) throws(GazetteerError) {
    try self.init(reading: lexicon)
  }

  static let keyDescription = "a place weight"

  /// A certainty must be from 0 to 1.
  static func constraint(of key: String) -> (accepts: (Double) -> Bool, expected: String)? {
    key.hasPrefix("certainty_") ? ({ (0...1).contains($0) }, "a number from 0 to 1") : nil
  }
}
