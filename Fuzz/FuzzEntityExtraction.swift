// A libFuzzer target over the tokenizer, the gazetteer matcher and the extractor.
//
// Built and run by Scripts/fuzz.sh, outside SwiftPM's executable machinery: libFuzzer
// brings its own `main`. Each input is decoded as UTF-8 (with repair when invalid) and
// run through ExtractionInvariants; any broken promise traps, so libFuzzer records the
// input as a crash.
import EntityExtraction
import _EntityExtractionTestSupport

/// The extractor under test, with the bundled gazetteers, built once per process.
let extractor: EntityExtractor = {
  do {
    return try EntityExtractor()
  } catch {
    fatalError("cannot build the extractor: \(error)")
  }
}()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  // Load the gazetteers before the first input, so that start-up is not timed as one.
  _ = extractor.entities(
    in: "Floods hit Peshawar, Khyber Pakhtunkhwa, on 3 May; at least 12 killed.")
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let problems = ExtractionInvariants.violations(
    decoding: UnsafeBufferPointer(start: data, count: size), with: extractor)
  if !problems.isEmpty {
    fatalError("invariant violated:\n" + problems.joined(separator: "\n"))
  }
  return 0
}
