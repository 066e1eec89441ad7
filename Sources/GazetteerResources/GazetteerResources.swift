// The bundled gazetteer files, as a SwiftPM resource of this tiny target. It exists so
// that the data can live in the repository's top-level `Gazetteers/` folder.
import Foundation

/// The path of the bundled `Gazetteers` directory, if the resource bundle is present.
public let _bundledGazetteersPath: String? = Bundle.module.resourcePath.map {
  ($0 as NSString).appendingPathComponent("Gazetteers")
}
