"""Named Thai character classes, as the insides of regular-expression
brackets ("[" + WORD + "]"). Every module that needs one takes it from here;
static/js/search/thai-chars.js holds the same, and a test checks that the
two agree (tests/test_index_contract.py).
"""

# The Unicode Thai block, digits and signs included.
BLOCK = "\u0e00-\u0e7f"
# Consonants, ก to ฮ.
CONSONANTS = "\u0e01-\u0e2e"
# Tone marks: ่ ้ ๊ ๋
TONE_MARKS = "\u0e48-\u0e4b"
# Leading vowels, written before the consonant they follow in speech: เ แ โ ใ ไ
LEADING_VOWELS = "\u0e40-\u0e44"
# Characters that attach to the letter before them (vowels above and below,
# tone marks and other signs): none can start a word.
COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# Vowels and signs that follow a consonant, on the line or attached.
FOLLOWING = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"
# Letters, vowels and marks: what a Thai word is made of (not digits, ๆ, ฿
# or ๏๚๛).
WORD = "\u0e01-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# Letters, vowels and marks up to the last mark, ๆ and ฿ included.
LETTERS_AND_MARKS = "\u0e01-\u0e4e"
# The letters that tell Thai text from Latin text: consonants, the vowels
# on the line (ะ า ำ), leading vowels and ๆ.
SPELLING = "\u0e01-\u0e2e\u0e30\u0e32\u0e33\u0e40-\u0e46"
# Thai digits, ๐ to ๙.
DIGITS = "\u0e50-\u0e59"
# Single characters.
NIKHAHIT = "\u0e4d"  # ํ, the first half of a decomposed sara am
SARA_AA = "\u0e32"   # า
SARA_AM = "\u0e33"   # ำ
PAIYANNOI = "\u0e2f"  # ฯ, the abbreviation mark
MAITAIKHU = "\u0e47"  # ็, a mark written where a tone mark is
THANTHAKHAT = "\u0e4c"  # ์, the mark that silences a letter
DIGIT_ZERO = "\u0e50"  # ๐: the Thai digits follow it in order, as 0-9 follow "0"


def as_json() -> dict:
    """The classes, as the agreement test compares them with thai-chars.js."""
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, str)}
