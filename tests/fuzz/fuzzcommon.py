"""What the fuzz tests share: the active hypothesis profile (see conftest.py) and strategies."""

from __future__ import annotations

import os
from datetime import date

from hypothesis import settings
from hypothesis import strategies as st

# The profile named by ENTENTE_FUZZ ("ci" unless set), registered in conftest.py.
FUZZ = settings(settings.get_profile(os.environ.get("ENTENTE_FUZZ", "ci")))

# Text that looks a little like news and a lot like noise: words, digits, dates, names, markup,
# control and bidi characters, surrogate-free Unicode of every category.
_PIECES = st.sampled_from([
    " ", "\n", "\n\n", "\t", "\r\n", "\x00", "\u202e", "\u200f", "\ufeff", "<p>", "</p>", "<b>",
    "<script>", "&amp;", "&#0;", "the ", "The ", "last ", "next ", "ago", " year", " month",
    " week", "May ", "may ", "June", "Sept.", "Tuesday", "yesterday", "2021", "1999", "0001",
    "9999", "10000", "-", "/", "31", "00", "13", "th", ", ", ".", '"', "'s", "Erdogan",
    "President", "Turkey", "Turkish", "military", "Kremlin", "Hamas", "U.S.", "of ", "and ",
    "٣", "١٩٩٩", "Ⅻ", "ｔｈｅ", "é", "\u0301", "🇹🇷",
])
news_text = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=60).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join),
)
# Reference dates over the whole calendar, the ends weighted in.
any_date = st.one_of(
    st.dates(),
    st.dates(min_value=date(1, 1, 1), max_value=date(1, 3, 1)),
    st.dates(min_value=date(9999, 10, 1), max_value=date(9999, 12, 31)),
)
