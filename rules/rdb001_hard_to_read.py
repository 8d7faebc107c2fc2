"""RDB001 hard-to-read.

Metric and thresholds, measured on the real-replies corpus (44,351 brand replies in
pairs.jsonl + replies_only.jsonl), each reply's body scored by `rules._readability`
(offline, pyphen syllables; links and handles removed; line breaks, emoticons and a link
before a capital read as sentence ends). Flesch-Kincaid grade by word count:

    words   replies  median   p90   p95   p97   p99
    20-29    14,699     3.5   7.5   8.9   9.5  10.7
    30-39     2,364     4.6   8.0   9.4  10.7  13.6
    40-59     1,480     5.1   8.1   9.2  10.1  11.7
    60+         102     5.7   8.9   9.6  10.1  11.0

    share of replies above the grade     >9    >10   >11   >12
    min_words 30 (3,946 replies)        6.2%  3.5%  2.3%  1.5%
    min_words 40 (1,582 replies)        6.1%  3.2%  1.5%  0.7%
    min_words 60 (102 replies)          8.8%  4.9%  1.0%  1.0%

So the X/Twitter default (max_grade 11, min_words 40) flags the hardest ~1.5% of long
replies: run-on sentences of 40+ words. Grade 10 already catches ordinary wordy replies
("I apologize that you have been experiencing issues with your service, and I am happy
to look into this for you."). Under ~40 words the formula is noise (one long sentence
swings it by several grades), so short replies are not scored at all, which also keeps
the rule cheap: a reply below min_words costs a length test or one `str.split`; a scored
one costs tens of microseconds (textstat's syllable counts are cached per word).

Flesch-Kincaid grade is used because its two terms (words per sentence, syllables per
word) are the two things an agent can change, and its unit (a school grade) is what
style guides state limits in.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.config import Config
from linter.diagnostic import Finding, Severity
from linter.reply import Reply

from . import _readability
from .base import Example, Rule


class HardToRead(Rule):
    """
    ## What it does
    Scores replies of at least `[readability] min_words` words (40 on X/Twitter) with
    the Flesch-Kincaid grade and reports those above `max_grade` (11 on X/Twitter: on
    real support replies that is the hardest ~1.5% of long replies). Links, @handles and
    hashtags are not scored; line breaks and emoticons count as sentence ends.

    ## Why is this bad?
    Customers read support replies on a phone, often upset and in a hurry, and many
    read English as a second language. A reply built from one long sentence of long
    words gets misread, and the customer writes back to ask what it meant.

    ## Example
    ```
    Unfortunately, notwithstanding the aforementioned circumstances, reimbursement
    eligibility determinations for supplementary accommodation expenditures necessitate
    comprehensive documentation substantiating the operational irregularities experienced
    during your itinerary, which our specialized administrative department evaluates
    individually and communicates subsequently through the correspondence preferences
    registered on your membership profile.
    ```

    ## Use instead
    ```
    We can refund the hotel. Please send us the receipt and your booking number. Our
    refunds team checks each claim and will reply within five days. Thanks for your
    patience while we sort this out for you today. ^JD
    ```
    """

    code = "RDB001"
    name = "hard-to-read"
    summary = "The reply is harder to read than the channel's grade level allows."
    default_severity = Severity.INFO
    label = None
    uses = ("readability",)
    bad_examples = (
        Example(
            "Unfortunately, notwithstanding the aforementioned circumstances, reimbursement "
            "eligibility determinations for supplementary accommodation expenditures "
            "necessitate comprehensive documentation substantiating the operational "
            "irregularities experienced during your itinerary, which our specialized "
            "administrative department evaluates individually and communicates subsequently "
            "through the correspondence preferences registered on your membership profile. "
            "^JD"),
    )
    good_examples = (
        Example(
            "We can refund the hotel. Please send us the receipt and your booking number. "
            "Our refunds team checks each claim and will reply within five days. Thanks for "
            "your patience while we sort this out for you today. ^JD"),
        Example("Notwithstanding the aforementioned circumstances, reimbursement is denied. ^JD"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.policy = config.readability
        _readability.load()

    def check(self, reply: Reply) -> Iterator[Finding]:
        start, end = reply.framing.body_start, reply.framing.body_end
        # n words need at least 2n - 1 characters: most replies stop here, before any copy.
        if end - start < 2 * self.policy.min_words - 1:
            return
        body = reply.text[start:end]
        # Cheap first: most replies are too short to score, and textstat is slow.
        if _readability.word_count(body) < self.policy.min_words:
            return
        text = _readability.prose(body)
        if _readability.word_count(text) < self.policy.min_words:
            return
        grade = _readability.flesch_kincaid_grade(text)
        if grade <= self.policy.max_grade:
            return
        yield Finding(start, end, (
            f"Reply reads at grade {grade:.1f} (Flesch-Kincaid); this channel's limit is "
            f"{self.policy.max_grade:g}. Use shorter sentences and plainer words."))
