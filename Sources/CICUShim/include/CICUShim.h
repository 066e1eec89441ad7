// CICUShim: the only code in the package that includes ICU headers.
//
// Debian renames every ICU entry point with a version suffix (`ubrk_open_72`), and
// Foundation on Linux ships its own ICU module whose types clash with the system's, so
// Swift never sees `unicode/*.h`: it sees only the unversioned `eex_` functions below.
//
// All offsets are UTF-8 byte offsets into the text passed to the matching `*_begin`
// call. Segmentation state lives in thread-local storage: each thread gets its own ICU
// iterators (cloned once from a shared prototype), so callers need no locks and may
// segment on any number of threads at once. The text passed to `*_begin` must stay
// alive and unmoved until the last `*_next` call for it on that thread returns 0.
#ifndef CICUSHIM_H
#define CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opens ICU's word and sentence rules once per process and reports whether that worked.
/// Returns 0 on success or the ICU error code (> 0). Safe to call from any thread.
int32_t eex_icu_initialize(void);

/// The ICU name of an error code returned by this shim, such as "U_MISSING_RESOURCE_ERROR".
const char *eex_icu_error_name(int32_t code);

/// The version of the ICU library in use, such as "72.1".
const char *eex_icu_version(void);

/// Starts word segmentation of `utf8[0..<length]` on the calling thread.
/// Returns 0 on success or an ICU error code (> 0).
int32_t eex_word_begin(const char *utf8, int32_t length);

/// Writes the next word-segment ends (UTF-8 offsets) and their ICU rule statuses
/// (0..<100 none/punctuation/space, 100..<200 number, 200..<300 letter, 300..<500 kana
/// and ideographs) into the caller's arrays, up to `capacity` of them.
/// Returns the number written; 0 once the text is exhausted; -1 without a `begin`.
int32_t eex_word_next(int32_t *ends, int32_t *statuses, int32_t capacity);

/// Moves the word iterator of `eex_word_begin` to `offset`, which must be a boundary;
/// the next `eex_word_next` continues from there. Returns 1 when `offset` is a boundary,
/// 0 when it is not (the iterator is then at the next boundary), -1 without a text.
int32_t eex_word_seek(int32_t offset);

/// Walks every word boundary of `utf8[0..<length]` with the calling thread's iterator,
/// reading each rule status, and returns how many there were (-1 on ICU failure). This is
/// the bare cost of ICU's word breaking, the baseline that benchmarks compare against.
int64_t eex_word_walk(const char *utf8, int32_t length);

/// Starts sentence segmentation of `utf8[0..<length]` on the calling thread.
int32_t eex_sentence_begin(const char *utf8, int32_t length);

/// Writes the next sentence ends (UTF-8 offsets), up to `capacity`.
/// Returns the number written, 0 once the text is exhausted, -1 without a `begin`.
int32_t eex_sentence_next(int32_t *ends, int32_t capacity);

/// Bits of `eex_fold`'s `shape` result.
enum {
  EEX_SHAPE_UPPER = 1,        ///< at least one upper-case or title-case letter
  EEX_SHAPE_LOWER = 2,        ///< at least one lower-case letter
  EEX_SHAPE_DIGIT = 4,        ///< at least one decimal digit
  EEX_SHAPE_OTHER_LETTER = 8, ///< a letter without case (Arabic, CJK…)
  EEX_SHAPE_FIRST_UPPER = 16, ///< the first letter is upper or title case
  EEX_SHAPE_SYMBOL = 32       ///< punctuation, symbol or anything else
};

/// Folds one token for matching: Unicode full case folding, diacritics removed (NFD,
/// then nonspacing marks dropped), apostrophe variants (’ ‘ ʼ ` ´ ′) to `'`, hyphen and
/// dash variants (‐ ‑ ‒ – — − ﹣ －) to `-`, and a few letters without decomposition
/// (ł ø đ ħ ı æ œ) to ASCII. Writes the result as UTF-8 to `out` and returns its
/// length, which may exceed `capacity` (then call again with a larger buffer), or -1
/// on invalid input. `*shape` receives `EEX_SHAPE_*` bits of the original token.
int32_t eex_fold(const char *utf8, int32_t length, char *out, int32_t capacity,
                 uint32_t *shape);

#ifdef __cplusplus
}
#endif

#endif
