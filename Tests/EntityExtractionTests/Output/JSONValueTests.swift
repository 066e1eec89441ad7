import EntityExtraction
import Testing

@Suite struct JSONValueTests {
  @Test(arguments: [
    #"{"id":"000.txt","entities":[{"type":"place","start":265,"end":277,"lat":32.61}]}"#,
    #"[1,2.50,-0.5e10,1E+2,0,-0,true,false,null,"",{},[]]"#,
    #"{"a":{"b":{"c":[[["deep"]]]}},"a":"duplicate keys keep their order"}"#,
    #""Kābul 😀 北京""#,
    #""quote \" backslash \\ newline \n tab \t cr \r ctl \u0001""#,
    "1.50",
    "null",
  ])
  func roundTripsCompactJSON(_ json: String) throws {
    let value = try JSONValue(parsing: json)
    #expect(value.jsonText == json)
  }

  @Test func keepsNumbersVerbatim() throws {
    let value = try JSONValue(
      parsing: #"{"population": 1.50, "big": 123456789012345678901234567890, "e": 1e-7}"#)
    #expect(value["population"] == .number("1.50"))
    #expect(value["big"] == .number("123456789012345678901234567890"))
    #expect(value["e"] == .number("1e-7"))
    #expect(value.jsonText == #"{"population":1.50,"big":123456789012345678901234567890,"e":1e-7}"#)
    #expect(value["population"]?.doubleValue == 1.5)
    #expect(value["population"]?.intValue == nil)
  }

  @Test func decodesEscapes() throws {
    let value = try JSONValue(
      parsing: #""a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u00E9\u20ac\ud83d\ude00\u0000""#)
    #expect(value == .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti\u{E9}\u{E9}€😀\u{0}"))
  }

  @Test func escapesOnOutput() {
    let value = JSONValue.string("\"\\/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é😀\u{2028}\u{2029}")
    #expect(
      value.jsonText == #""\"\\/\u0008\u000c\n\r\t\u0000\u001f"# + "\u{7F}é😀" + #"\u2028\u2029""#)
  }

  @Test func escapesLineAndParagraphSeparatorsEvenAtTheEnd() {
    #expect(JSONValue.string("\u{2028}").jsonText == #""\u2028""#)
    #expect(JSONValue.string("a\u{2029}").jsonText == #""a\u2029""#)
    #expect(JSONValue.string("\u{2027}\u{202A}").jsonText == "\"\u{2027}\u{202A}\"")  // neighbours
  }

  @Test func escapedStringsParseBack() throws {
    let original = "line\nbreak \u{2028} \"quoted\" \u{1} 😀"
    let text = JSONValue.string(original).jsonText
    #expect(try JSONValue(parsing: text) == .string(original))
  }

  @Test func allowsWhiteSpaceAroundTokens() throws {
    let value = try JSONValue(parsing: " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : null }\n ")
    #expect(value.jsonText == #"{"a":[1,2],"b":null}"#)
  }

  @Test func readsMembersAndElements() throws {
    let value = try JSONValue(
      parsing: #"{"id": "x", "n": 3, "f": 2.0, "list": [true], "nothing": null}"#)
    #expect(value["id"]?.stringValue == "x")
    #expect(value["n"]?.intValue == 3)
    #expect(value["f"]?.intValue == 2)
    #expect(value["list"]?.arrayValue == [.bool(true)])
    #expect(value["nothing"]?.isNull == true)
    #expect(value["missing"] == nil)
    #expect(value.objectMembers?.map(\.key) == ["id", "n", "f", "list", "nothing"])
    #expect(JSONValue.number("1").stringValue == nil)
    #expect(JSONValue.array([])["id"] == nil)
  }

  @Test(arguments: [
    (2.0, "2"), (-3.0, "-3"), (0.1, "0.1"), (32.6105, "32.6105"), (1e20, "1e+20"),
    (Double.infinity, "null"), (Double.nan, "null"),
  ])
  func writesDoubles(_ value: Double, _ json: String) {
    #expect(JSONValue.double(value).jsonText == json)
  }

  @Test func writesIntegers() {
    #expect(JSONValue.integer(-42).jsonText == "-42")
  }

  @Test(
    arguments: [
      (#""abc"#, "unterminated string", 4),
      (#"{"a": "b\"#, "unterminated string", 9),
      (#"{"a":1} x"#, "unexpected text after the JSON value", 8),
      ("[1,2]]", "unexpected text after the JSON value", 5),
      ("", "unexpected end of JSON", 0),
      ("   ", "unexpected end of JSON", 3),
      ("[1,", "unexpected end of JSON", 3),
      ("[1 2]", "expected ',' or ']'", 3),
      (#"{"a" 1}"#, "expected ':'", 5),
      (#"{"a":1,}"#, "expected a member name", 7),
      ("{1:2}", "expected a member name", 1),
      ("tru", "unexpected end of JSON", 0),
      ("trve", "invalid literal", 0),
      ("nul", "unexpected end of JSON", 0),
      ("01", "unexpected text after the JSON value", 1),
      ("-", "invalid number", 1),
      ("1.", "invalid number", 2),
      ("1e", "invalid number", 2),
      (".5", "unexpected character", 0),
      ("+1", "unexpected character", 0),
      ("'a'", "unexpected character", 0),
      ("\"a\u{1}b\"", "control character in string", 2),
      ("\"a\nb\"", "control character in string", 2),
      (#""\x""#, "invalid escape", 3),
      (#""\u12G4""#, "invalid \\u escape", 5),
      (#""\u12""#, "invalid \\u escape", 3),
      (#""\ud800""#, "unpaired surrogate in string", 7),
      (#""\ud800\u0041""#, "unpaired surrogate in string", 13),
      (#""\udc00""#, "unpaired surrogate in string", 7),
    ] as [(String, String, Int)])
  func reportsErrorsWithTheirByteOffset(_ json: String, _ message: String, _ offset: Int) {
    let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: json) }
    #expect(error?.message == message)
    #expect(error?.byteOffset == offset)
    #expect(error?.description == "\(message) at byte \(offset)")
  }

  @Test func acceptsNestingUpTo512Levels() throws {
    let json = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(try JSONValue(parsing: json).jsonText == json)
  }

  @Test func rejectsNestingDeeperThan512Levels() {
    for json in [
      String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
      String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513),
      String(repeating: "[", count: 100_000),
    ] {
      let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: json) }
      #expect(error?.message == "JSON nested too deeply")
    }
    let arrays = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: arrays) }
    #expect(error?.byteOffset == 512)
  }

  @Test func parsesUTF8Buffers() throws {
    let bytes = Array(#"{"text":"Kābul"}"#.utf8)
    let value = try bytes.withUnsafeBufferPointer { try JSONValue(parsingUTF8: $0) }
    #expect(value["text"]?.stringValue == "Kābul")
  }

  @Test func writesIntoAByteBuffer() {
    var out = Array("prefix:".utf8)
    JSONValue.object([JSONMember("k", .array([.null, .bool(false)]))]).write(to: &out)
    #expect(String(decoding: out, as: UTF8.self) == #"prefix:{"k":[null,false]}"#)
  }
}
