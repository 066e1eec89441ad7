"""A line-for-line Python port of `_SyntheticNews` (Sources/EntityExtraction/Benchmarking/SyntheticNews.swift).

`entities bench` with no path benchmarks on text from that generator but cannot write it
out, so this port produces the same documents for a tool that has to read them from
disk. Same seed, same text: xorshift64* on 64-bit unsigned integers, the same word and
name lists and the same order of draws. `python3 synthetic_news.py --check` compares the
document and byte counts with what `entities bench` reports for its generated corpus.
"""

from __future__ import annotations

MASK = (1 << 64) - 1

WORDS = (
    "the of and to in a on said that for with was were by security forces officials police "
    "attack district province militants killed wounded people after near border local "
    "government reported at least two three five dozens vehicle road village city group "
    "claimed responsibility statement spokesman told reporters on Monday Tuesday last week "
    "operation launched against hideouts across region army soldiers civilians including "
    "children women injured hospital blast suicide bomber checkpoint convoy patrol area "
    "tribal elders talks ceasefire agreement negotiations ministry interior foreign affairs "
    "minister prime president general commander chief according to sources have has been "
    "not yet whether under control situation remains tense residents fled homes"
).split(" ")

NAMES = [
    "Pakistan", "Afghanistan", "Balochistan", "Khyber Pakhtunkhwa", "Lakki Marwat", "Quetta",
    "Peshāwar", "Kandahār", "Helmand", "Kabul", "Islamabad", "Iran", "China", "India",
    "North Waziristan", "Bajaur", "Khuzdar", "Panjgur", "Gwadar", "Chaman", "Torkham",
    "Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "United Nations", "Reuters",
    "Shehbaz Sharif", "Zabihullah Mujahid", "Mohammad Ijaz", "U.S.", "Syria", "Iraq", "Mali",
]


class SyntheticNews:
    def __init__(self, seed: int = 0x5EED) -> None:
        self.state = (seed | 1) & MASK

    def _next(self) -> int:
        s = self.state
        s ^= s >> 12
        s ^= (s << 25) & MASK
        s ^= s >> 27
        self.state = s
        return (s * 0x2545F4914F6CDD1D) & MASK

    def _pick(self, items: list[str]) -> str:
        return items[self._next() % len(items)]

    def sentence(self) -> str:
        parts: list[str] = []
        length = 8 + self._next() % 18
        for index in range(length):
            roll = self._next() % 100
            if roll < 12:
                word = self._pick(NAMES)
            elif roll < 16:
                word = str(self._next() % 200 + 1)
            elif roll < 17:
                word = f"March {self._next() % 28 + 1}, 2024"
            else:
                word = self._pick(WORDS)
            if index == 0:
                # Swift's String.uppercased() on the first Character; every word and name
                # here starts with an ASCII letter or digit, where Python's upper() agrees.
                word = word[:1].upper() + word[1:]
            parts.append(word)
            if index < length - 1 and self._next() % 10 == 0:
                parts[-1] += ","
        return " ".join(parts) + ("?" if self._next() % 8 == 0 else ".")

    def document(self, nbytes: int) -> str:
        pieces: list[str] = []
        size = 0
        while size < nbytes:
            s = self.sentence()
            sep = "\n\n" if self._next() % 5 == 0 else " "
            pieces.append(s)
            pieces.append(sep)
            size += len(s.encode("utf-8")) + len(sep)
        return "".join(pieces)

    def corpus(self, documents: int, nbytes: int) -> list[str]:
        return [self.document(nbytes) for _ in range(documents)]


def generated_corpus(megabytes: int) -> list[str]:
    """The corpus `entities bench --generated-mb N` builds: seed 2024, N × 250 documents of about 4,000 bytes."""
    return SyntheticNews(seed=2024).corpus(documents=megabytes * 250, nbytes=4000)


if __name__ == "__main__":
    import sys

    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    docs = generated_corpus(mb)
    total = sum(len(d.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs)} documents, {total / 1e6:.2f} MB (generated), {total} bytes")
