// The ICU boundary. See include/CICUShim.h for the contract.
#if !__has_include(<unicode/ubrk.h>)
#error "ICU headers not found. Install them with: apt-get install libicu-dev (Debian/Ubuntu)"
#endif

#include "CICUShim.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>
#include <unicode/uversion.h>

// ---------------------------------------------------------------------------------------
// Process-wide prototypes, opened once.

static pthread_once_t prototypes_once = PTHREAD_ONCE_INIT;
static UBreakIterator *word_prototype = NULL;
static UBreakIterator *sentence_prototype = NULL;
static const UNormalizer2 *nfd = NULL;
static UErrorCode prototypes_status = U_ZERO_ERROR;
static pthread_key_t thread_state_key;

// Per-thread state: cloned iterators and the UText they read from.
typedef struct {
  UBreakIterator *word;
  UBreakIterator *sentence;
  UText word_text;
  UText sentence_text;
  int word_ready;
  int sentence_ready;
} ThreadState;

static void free_thread_state(void *pointer) {
  ThreadState *state = (ThreadState *)pointer;
  if (state == NULL) return;
  if (state->word) ubrk_close(state->word);
  if (state->sentence) ubrk_close(state->sentence);
  utext_close(&state->word_text);
  utext_close(&state->sentence_text);
  free(state);
}

static void open_prototypes(void) {
  UErrorCode status = U_ZERO_ERROR;
  word_prototype = ubrk_open(UBRK_WORD, "en", NULL, 0, &status);
  if (U_SUCCESS(status)) sentence_prototype = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &status);
  if (U_SUCCESS(status)) nfd = unorm2_getNFDInstance(&status);
  if (U_SUCCESS(status) && pthread_key_create(&thread_state_key, free_thread_state) != 0) {
    status = U_MEMORY_ALLOCATION_ERROR;
  }
  prototypes_status = status;
}

int32_t eex_icu_initialize(void) {
  pthread_once(&prototypes_once, open_prototypes);
  return U_FAILURE(prototypes_status) ? (int32_t)prototypes_status : 0;
}

const char *eex_icu_error_name(int32_t code) { return u_errorName((UErrorCode)code); }

const char *eex_icu_version(void) { return U_ICU_VERSION; }

// Returns this thread's state, creating it (and cloning the iterators) on first use.
static ThreadState *thread_state(UErrorCode *status) {
  if (eex_icu_initialize() != 0) {
    *status = prototypes_status;
    return NULL;
  }
  ThreadState *state = (ThreadState *)pthread_getspecific(thread_state_key);
  if (state != NULL) return state;
  state = (ThreadState *)calloc(1, sizeof(ThreadState));
  if (state == NULL) {
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  UText empty = UTEXT_INITIALIZER;
  state->word_text = empty;
  state->sentence_text = empty;
  state->word = ubrk_clone(word_prototype, status);
  if (U_SUCCESS(*status)) state->sentence = ubrk_clone(sentence_prototype, status);
  if (U_FAILURE(*status) || pthread_setspecific(thread_state_key, state) != 0) {
    if (U_SUCCESS(*status)) *status = U_MEMORY_ALLOCATION_ERROR;
    free_thread_state(state);
    return NULL;
  }
  return state;
}

// ---------------------------------------------------------------------------------------
// Segmentation.

int32_t eex_word_begin(const char *utf8, int32_t length) {
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL) return (int32_t)status;
  utext_openUTF8(&state->word_text, utf8, length, &status);
  if (U_SUCCESS(status)) ubrk_setUText(state->word, &state->word_text, &status);
  state->word_ready = U_SUCCESS(status);
  return U_FAILURE(status) ? (int32_t)status : 0;
}

int32_t eex_word_next(int32_t *ends, int32_t *statuses, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL || !state->word_ready) return -1;
  int32_t count = 0;
  while (count < capacity) {
    int32_t end = ubrk_next(state->word);
    if (end == UBRK_DONE) {
      state->word_ready = 0;
      break;
    }
    ends[count] = end;
    statuses[count] = ubrk_getRuleStatus(state->word);
    count++;
  }
  return count;
}

int32_t eex_word_seek(int32_t offset) {
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL || !state->word_ready) return -1;
  return ubrk_isBoundary(state->word, offset) ? 1 : 0;
}

int64_t eex_word_walk(const char *utf8, int32_t length) {
  if (eex_word_begin(utf8, length) != 0) return -1;
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL) return -1;
  int64_t count = 0;
  int64_t status_sum = 0;
  while (ubrk_next(state->word) != UBRK_DONE) {
    status_sum += ubrk_getRuleStatus(state->word);
    count++;
  }
  state->word_ready = 0;
  return count + (status_sum < 0 ? 1 : 0);
}

int32_t eex_sentence_begin(const char *utf8, int32_t length) {
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL) return (int32_t)status;
  utext_openUTF8(&state->sentence_text, utf8, length, &status);
  if (U_SUCCESS(status)) ubrk_setUText(state->sentence, &state->sentence_text, &status);
  state->sentence_ready = U_SUCCESS(status);
  return U_FAILURE(status) ? (int32_t)status : 0;
}

int32_t eex_sentence_next(int32_t *ends, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  ThreadState *state = thread_state(&status);
  if (state == NULL || !state->sentence_ready) return -1;
  int32_t count = 0;
  while (count < capacity) {
    int32_t end = ubrk_next(state->sentence);
    if (end == UBRK_DONE) {
      state->sentence_ready = 0;
      break;
    }
    ends[count++] = end;
  }
  return count;
}

// ---------------------------------------------------------------------------------------
// Folding.

// Maps one code point after NFD and mark removal; returns 0 to drop it.
// Two-letter expansions are written to `second`.
static UChar32 fold_variant(UChar32 c, UChar32 *second) {
  *second = 0;
  switch (c) {
  case 0x2019: case 0x2018: case 0x02BC: case 0x0060: case 0x00B4: case 0x2032:
  case 0x02B9: case 0xFF07:
    return '\'';
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
  case 0xFE63: case 0xFF0D: case 0x00AD:
    return c == 0x00AD ? 0 : '-';
  case 0x0141: case 0x0142: return 'l';
  case 0x00D8: case 0x00F8: return 'o';
  case 0x0110: case 0x0111: return 'd';
  case 0x0126: case 0x0127: return 'h';
  case 0x0131: return 'i';
  case 0x00C6: case 0x00E6: *second = 'e'; return 'a';
  case 0x0152: case 0x0153: *second = 'e'; return 'o';
  default:
    return c;
  }
}

static uint32_t shape_bit(UChar32 c) {
  int8_t type = u_charType(c);
  switch (type) {
  case U_UPPERCASE_LETTER: case U_TITLECASE_LETTER: return EEX_SHAPE_UPPER;
  case U_LOWERCASE_LETTER: return EEX_SHAPE_LOWER;
  case U_DECIMAL_DIGIT_NUMBER: return EEX_SHAPE_DIGIT;
  case U_MODIFIER_LETTER: case U_OTHER_LETTER: return EEX_SHAPE_OTHER_LETTER;
  case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK: return 0;
  default: return EEX_SHAPE_SYMBOL;
  }
}

#define EEX_STACK_UNITS 128

int32_t eex_fold(const char *utf8, int32_t length, char *out, int32_t capacity,
                 uint32_t *shape) {
  if (eex_icu_initialize() != 0) return -1;
  UChar stack_source[EEX_STACK_UNITS], stack_nfd[EEX_STACK_UNITS * 4 + 8];
  UChar stack_stripped[EEX_STACK_UNITS * 4 + 8], stack_folded[EEX_STACK_UNITS * 4 + 8];
  UChar *source = stack_source, *decomposed = stack_nfd;
  UChar *stripped = stack_stripped, *folded = stack_folded;
  int32_t result = -1;
  UErrorCode status = U_ZERO_ERROR;

  // UTF-8 to UTF-16: a UTF-8 text of n bytes has at most n UTF-16 units.
  int32_t source_capacity = length + 1;
  int32_t wide_capacity = 4 * length + 8;
  if (source_capacity > EEX_STACK_UNITS) {
    source = (UChar *)malloc(sizeof(UChar) * (size_t)source_capacity);
    decomposed = (UChar *)malloc(sizeof(UChar) * (size_t)wide_capacity);
    stripped = (UChar *)malloc(sizeof(UChar) * (size_t)wide_capacity);
    folded = (UChar *)malloc(sizeof(UChar) * (size_t)wide_capacity);
    if (!source || !decomposed || !stripped || !folded) goto done;
  }
  int32_t source_length = 0;
  u_strFromUTF8WithSub(source, source_capacity, &source_length, utf8, length, 0xFFFD, NULL,
                       &status);
  if (U_FAILURE(status)) goto done;

  // Shape from the original text.
  uint32_t bits = 0;
  int first_letter_seen = 0;
  for (int32_t i = 0; i < source_length;) {
    UChar32 c;
    U16_NEXT(source, i, source_length, c);
    uint32_t bit = shape_bit(c);
    bits |= bit;
    if (!first_letter_seen && (bit & (EEX_SHAPE_UPPER | EEX_SHAPE_LOWER | EEX_SHAPE_OTHER_LETTER))) {
      first_letter_seen = 1;
      if (bit == EEX_SHAPE_UPPER) bits |= EEX_SHAPE_FIRST_UPPER;
    }
  }
  if (shape) *shape = bits;

  // NFD (decompositions can grow text; ICU reports overflow and we fail cleanly).
  int32_t nfd_length = unorm2_normalize(nfd, source, source_length, decomposed, wide_capacity,
                                        &status);
  if (U_FAILURE(status)) goto done;

  // Drop nonspacing marks, unify apostrophes and hyphens, expand special letters.
  int32_t stripped_length = 0;
  for (int32_t i = 0; i < nfd_length;) {
    UChar32 c, second;
    U16_NEXT(decomposed, i, nfd_length, c);
    if (u_charType(c) == U_NON_SPACING_MARK || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) continue;
    c = fold_variant(c, &second);
    if (c == 0) continue;
    if (stripped_length + 4 > wide_capacity) goto done;
    U16_APPEND_UNSAFE(stripped, stripped_length, c);
    if (second) U16_APPEND_UNSAFE(stripped, stripped_length, second);
  }

  // Full case folding (ß → ss), then back to UTF-8.
  int32_t folded_length = u_strFoldCase(folded, wide_capacity, stripped, stripped_length,
                                        U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) goto done;
  int32_t out_length = 0;
  u_strToUTF8WithSub(out, capacity, &out_length, folded, folded_length, 0xFFFD, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING ||
      U_SUCCESS(status)) {
    result = out_length;
  }

done:
  if (source != stack_source) {
    free(source);
    free(decomposed);
    free(stripped);
    free(folded);
  }
  return result;
}
