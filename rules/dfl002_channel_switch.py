"""DFL002 channel-switch."""

from __future__ import annotations

import re
from collections.abc import Iterable

from linter.config import Config
from linter.diagnostic import Finding
from linter.reply import Reply

from ._phone import (
    Gated,
    GateTable,
    aligned_lower,
    compile_all,
    data,
    is_agent_action,
    is_not_sent,
    is_past_question,
    lead_pattern,
    link_spans,
    matches_from,
    phone_lines,
    phrase_pattern,
    requested_channels,
    sentence_at,
    word_set,
    words_of,
)
from .base import Example, Rule

# What the customer is sent to, for the message.
_CHANNEL_NAMES = {
    "phone": "a phone line",
    "email": "email",
    "form": "a web form or ticket",
    "chat": "live chat",
    "place": "a store or counter in person",
    "party": "another company",
    "team": "another team",
    "link": "another channel",
    "account": "another support account",
    "platform": "another platform",
}

# A DM on the same platform is not a switch: sentences that send the customer to DM
# do not count for the vaguer patterns (a team, a link).
_DM = re.compile(r"\b(?:dms?|d\.m\.|direct(?:ly)?\s+messag\w*|private(?:ly)?\s+messag\w*|pm\s+us|"
                 r"inbox\s+us|message\s+us\s+privately)\b", re.IGNORECASE)
# Kinds that name their medium outright, so a DM elsewhere in the sentence does not undo them.
_EXPLICIT_KINDS = frozenset({"phone", "email", "place", "party", "chat", "platform"})

_THANKS_FOR = re.compile(r"\bfor\s+$", re.IGNORECASE)
_LINK_AHEAD = r"(?:https?://|www\.|\b(?:this|the|our)\s+(?:following\s+)?link\b)"
# Why the customer should follow a link: so that someone else can help them there.
_PURPOSE = (
    r"(?:\bso\s+(?:that\s+)?(?:we|our\s+team|they|someone|an?\s+\w+|the\s+team)\s+(?:can|may|could"
    r"|will|are\s+able)|\band\s+(?:we|our\s+(?:\w+\s+)?team|they|someone)\s+(?:will|can|'ll|would|"
    r"shall)\s+(?:be\s+(?:able|happy|glad)\s+to\s+)?(?:help|assist|get\s+back|look|reach|contact"
    r"|follow|review|investigate)|\bto\s+(?:complain|make\s+a\s+complaint|contact\s+us|reach\s+us"
    r"|get\s+in\s+touch|speak|talk|chat)\b|\bfor\s+(?:further\s+|more\s+)?(?:assistance|support)"
    r"\b|\bwish\s+to\s+complain\b|\bget\s+in\s+touch\b)")
_GO_TO_LINK = (
    r"\b(?:reach\s+out\s+to|go\s+to|head\s+(?:over\s+)?to|visit|use|click|follow|access|go)\s+"
    r"(?:this\s+link|the\s+(?:following\s+)?link|our\s+website|https?://\S+|www\.\S+|here)")


def _verbs(*verbs: str) -> str:
    return "(?:" + "|".join(verbs) + ")"


_CONTACT = _verbs(
    r"contact(?:ing|ed)?", r"reach(?:ing)?\s+(?:out|our)\s+to", r"reach(?:ing)?",
    r"get(?:ting)?\s+in\s+(?:touch|contact)\s+with", r"speak(?:ing)?\s+(?:to|with)",
    r"talk(?:ing)?\s+(?:to|with)", r"touch(?:ing)?\s+base\s+with", r"consult(?:ing)?",
    r"refer\s+you\s+to", r"(?:get|put)\s+you\s+in\s+touch\s+with",
    r"(?:point|direct|redirect|transfer)\s+you\s+to", r"get\s+you\s+to",
    r"pass\s+you\s+(?:on|over)\s+to",
    # "continue to work with the seller", "can you work 1-1 with the agents", not "we're
    # working with our staff"
    r"(?:(?<=\byou\s)|(?<=\bto\s)|(?<=\bplease\s))work\s+(?:[\w-]+\s+)?with")
# Words between a contact verb and the team's name; never "us", "you" or a preposition, so
# "thanks for reaching out to us for support" is not "reach out to ... support".
_FILLER = (r"(?:(?!(?:us|you|me|them|for|with|about|if|and|or|to|so|on|in|at|re|regarding)\b)"
           r"[\w@&'.-]+\s+)")
_CONTACT_WORDS = words_of(
    "contact contacting contacted reach reaching get getting touch speak speaking talk talking "
    "consult consulting refer put point direct redirect transfer pass work working")
_EMAIL_WORDS = words_of("email mail emailing")
_LINK_WORDS = words_of("http https www link")
_PLATFORM_WORDS = words_of("facebook fb instagram insta whatsapp messenger linkedin wechat "
                           "telegram")
# "the chat feature isn't loading", "our web chat won an award": chat named, not offered.
_CHAT_NOT_OFFERED = re.compile(
    r"\s+(?:(?:is|was|has\s+been|feature|button|window|service)\s+)?(?:isn['\u2019]t|not|down"
    r"|broken|won|wasn['\u2019]t|doesn['\u2019]t|didn['\u2019]t|won['\u2019]t|keeps|crash\w*"
    r"|unavailable|offline|closed|currently\s+(?:down|unavailable|offline|closed))\b",
    re.IGNORECASE)
# A help centre is where self-help articles live, not a team: "the steps are in our Help
# Center: https://...".
_SELF_HELP_BEFORE = re.compile(r"\b(?:help|knowledge|learning|resource|information|info)\s*$",
                               re.IGNORECASE)


def _build_patterns() -> tuple[Gated, ...]:
    # Each pattern lists its most telling gate (its rarest words) first: `GateTable` rules
    # out at once a reply that shares no word with any pattern's first gate.
    switch = data()["switch"]
    team = phrase_pattern(switch["team_nouns"])
    party = phrase_pattern(switch["outside_parties"])
    place = phrase_pattern(switch["places"])
    team_words = words_of(*switch["team_nouns"])
    flags = re.IGNORECASE | re.VERBOSE

    def gated(kind: str, pattern: str, *gates: frozenset[str], agent_check: bool = True,
              past_check: bool = True, contains: str | None = None) -> Gated:
        return Gated(kind, re.compile(pattern, flags), gates, agent_check, past_check,
                     re.compile(contains, flags) if contains else None)

    return (
        # --- email ------------------------------------------------------------------------
        gated("email", rf"""\be-?mail(?:ing)?\s+(?:us\b|them\b|our\b
                 |the\s+(?:[\w-]+\s+){{0,3}}?{team}\b
                 |your\s+(?:[\w-]+\s+){{0,2}}?(?:details|information|info)\b|it\s+to\b
                 |(?:the|your|any|some)\s+(?:[\w-]+\s+){{0,2}}?to\s+(?:us\b|[\w.+-]+@[\w-]+\.|__email__)
                 |directly\b|__email__|[\w.+-]+@[\w-]+\.)""", _EMAIL_WORDS),
        gated("email", rf"""\b(?:send|shoot|drop)\s+(?:us|them|our\s+(?:[\w-]+\s+){{0,3}}?{team})
                 \s+(?:an?\s+)?e-?mail\b""", _EMAIL_WORDS),
        gated("email", r"""\b(?:contact|reach|get\s+in\s+touch|writ(?:e|ing)|handled|speak|talk
                 |send)\w*\b[^.!?]{0,60}?\b(?:via|by|through|over|using)\s+e-?mail\b""",
              _EMAIL_WORDS),
        gated("email", r"""\bwrit(?:e|ing)\s+(?:in\s+(?:to\s+us|directly|at|via|through|here)\b
                 |to\s+(?=[\w.+-]+@[\w-]+\.|__email__)|to\s+(?:us|them)\b
                 (?=[^.!?]{0,40}(?:@|__email__|https?://)))""", words_of("write writing")),
        gated("email", rf"""\b(?:contact|reach|message|write\s+to)\s+(?:us|them|our\s+(?:[\w-]+\s+)
                 {{0,3}}?{team})\s+(?:at|on|via)\s+(?:[\w.+-]+@[\w-]+\.|__email__)""",
              words_of("contact reach message write")),
        gated("email", rf"""\b(?:send|shoot|drop)\s+(?:an?\s+)?e-?mail\s+(?:over\s+)?to\s+(?:us\b
                 |them\b|our\b|the\s+(?:[\w-]+\s+){{0,3}}?{team}\b|[\w.+-]+@[\w-]+\.|__email__)""",
              _EMAIL_WORDS),
        gated("email", r"""\b(?:send|forward)\s+(?:it|this|them|the\s+\w+|your\s+\w+(?:\s+\w+)?)
                 \s+to\s+(?:us\s+at\s+)?(?:[\w.+-]+@[\w-]+\.|__email__)""",
              words_of("send forward")),
        # --- web forms and tickets --------------------------------------------------------
        gated("form", r"""\b(?:submit|fill(?:\s+(?:out|in))?|complete|file|open|raise|log|create
                 |make|lodge)\s+(?:us\s+)?(?:a\s+new|an?|the|this|our|another|that|your
                 |one\s+of\s+our)?\s*(?:[\w-]+\s+){0,3}?(?:form|e-?form|ticket|support\s+request
                 |request|case|claim|complaint|dispute|application|returns?\s+request)\b""",
              words_of("form eform ticket request case claim complaint dispute application"),
              words_of("submit fill complete file open raise log create make lodge")),
        # "use the Contact Us form", "contact them through our web form"; not "claim via our
        # Delay Repay form" (the form is the remedy) nor "you requested it via the form".
        gated("form", r"""(?:\buse|\b(?:contact|reach|message|write\s+to)\s+(?:us|them)\s+(?:via
                 |through|using))\s+(?:the|our)\s+(?:[\w'"-]+\s+){0,3}?(?:e-?)?form\b(?!\s+of\b)""",
              words_of("form eform")),
        gated("link", r"""\b(?:get\s+in\s+touch|contact\s+us|reach\s+us|reach\s+out)
                 \s+(?:via|through|on|using)\s+(?:our|the)\s+(?:website|site|web\s*site|online\s+form|contact\s+page
                 |help\s+cent(?:er|re))\b""", words_of("website site web form page center centre")),
        gated("form", r"""\bsend\s+(?:us|them)\s+a\s+note\b
                 |\bsubmit\s+(?:your\s+)?(?:feedback|suggestions?|ideas?|details|information
                 |info)\b(?=[^.!?]{0,60}(?:https?://|www\.|\bhere\b|\bvia\b|\bthrough\b
                 |\busing\b))""", words_of("note submit")),
        gated("form", rf"""\b(?:send|provide|give)\s+(?:us\s+)?(?:your|more|some|the|a\s+few
                 |any)\s+(?:[\w-]+\s+){{0,2}}?(?:details|information|info)\b
                 (?=[^.!?]{{0,45}}?{_LINK_AHEAD})""",
              words_of("details information info"), words_of("send provide give"), _LINK_WORDS),
        gated("form", rf"""\breport\s+(?:it|this|that|them|[\w\s]{{0,30}}?)\s+to\s+(?:the|our)
                 \s+(?:[\w-]+\s+){{0,3}}?{team}\b""", words_of("report")),
        # --- live chat --------------------------------------------------------------------
        gated("chat", r"""\blive\s*-?\s*chat\b|\bweb\s*chat\b
                 |\bchat\s+(?:team|support|service|agents?|button|icon|option|feature|folks
                 |specialists?|experts?|window)\b
                 |\bplease\s+chat\b|\bstart\s+a\s+chat\b
                 |\bchat\s+(?:with\s+us\s+)?(?:here|via|through|using|by\s+following|online
                 |securely)\b""", words_of("chat livechat webchat"), agent_check=False),
        gated("chat", r"""\b(?:chat|speak|talk)\s+(?:with|to)\s+(?:us|them|one\s+of\s+our|our|an?
                 |the)\s+(?:[\w-]+\s+){0,2}?(?:agents?|advisors?|advisers?|specialists?|experts?
                 |representatives?|reps?|team|tech(?:nician)?s?)\b(?=[^.!?]{0,60}(?:https?://
                 |www\.|\bonline\b|\bwebsite\b|\bsite\b|\bapp\b|\bvia\b|\bthrough\b))""",
              words_of("chat speak talk")),
        # --- in person --------------------------------------------------------------------
        gated("place", rf"""\b(?:visit|go\s+(?:in)?to|head\s+(?:in)?to|pop\s+(?:in(?:to)?|by
                 |down\s+to|along\s+to)|stop\s+by|drop\s+by|call\s+in(?:to)?|take\s+(?:it|them
                 |this|the\s+\w+)\s+(?:back\s+)?(?:in)?to|bring\s+(?:it|them|this|the\s+\w+)
                 \s+(?:back\s+)?(?:in)?to|approach|check\s+in\s+at|ask\s+at)\s+(?:(?:a|an|the
                 |your|our|any|any\s+of\s+our|one\s+of\s+our)\s+)?(?:[\w'&;-]+\s+){{0,3}}?
                 {place}\b""",
              words_of("visit go head pop stop drop call take bring approach check ask"),
              words_of(*switch["places"])),
        gated("place", r"""\bsee\s+(?:any|one)\s+of\s+our\s+(?:[\w-]+\s+){0,3}?(?:agents?|staff
                 |team\s+members?|colleagues)\b
                 |\b(?:the|our|any|at|to)\s+(?:[\w-]+\s+){0,2}?counter\b(?!\s+(?:to|-))
                 |\bcounter\s+staff\b""", words_of("see counter"), words_of("our counter")),
        # --- another company --------------------------------------------------------------
        gated("party", rf"""\b(?:{_CONTACT}|check(?:ing)?\s+with|take\s+(?:it|this|that)\s+up
                 \s+with|raise\s+(?:it|this|that)\s+with|follow\s+up\s+with)\s+(?:your|the
                 |their)\s+(?:[\w-]+\s+){{0,2}}?{party}\b""",
              words_of(*switch["outside_parties"]),
              _CONTACT_WORDS | words_of("check take raise follow")),
        gated("party", r"""\brequest\s+(?:a\s+)?refund\s+from\b
                 |\b(?:reach\s+(?:out|our)\s+to|contact)\s+
                 (?-i:[A-Z][\w&;.]*(?:\s+[A-Z][\w&;.]*){0,2})\s+(?:for|directly|to|as|who|at|via
                 |on)\b""", words_of("refund reach contact")),
        # --- another platform: "message us on WhatsApp" ------------------------------------
        gated("platform", r"""\b(?:message|dm|pm|inbox|contact|reach(?:\s+out\s+to)?|find
                 |chat\s+with|get\s+in\s+touch\s+with)\s+us\s+(?:on|via|through|over\s+on)\s+(?:facebook|fb
                 |instagram|insta|whatsapp|messenger|linkedin|wechat|telegram)\b""",
              _PLATFORM_WORDS),
        # --- another support account ------------------------------------------------------
        gated("account", r"""\b(?:contact|reach\s+out\s+to|tweet|message|dm|get\s+in\s+touch
                 \s+with|speak\s+to|talk\s+to)\s+(?:our\s+(?:friends|colleagues|team|pals)
                 \s+(?:at|over\s+at|on)\s+)?@\w+""",
              words_of("contact reach tweet message dm touch speak talk")),
        gated("account", r"""\b(?:our|the)\s+@\w+(?!\s+(?:team\s+)?(?:will|'ll|shall)\s+(?:reach
                 |contact|be\s+in\s+touch|get\s+in\s+touch|follow|email|call|dm|message|send))
                 |@\w+\s+(?:team\s+)?(?:will|can|would|should|may)\s+(?:take\s+it\s+from\s+here
                 |be\s+(?:able|happy|glad)\s+to\s+(?:help|assist)
                 |(?:definitely\s+|certainly\s+|also\s+)?(?:help|assist)(?:\s+you)?\s+(?:with|further
                 |out|there))"""),
        # --- another team -----------------------------------------------------------------
        gated("team", rf"""\b{_CONTACT}\s+(?:(?:our|the|a|an|one\s+of\s+our|your\s+local|their
                 |my)\s+)?{_FILLER}{{0,4}}?{team}\b""", _CONTACT_WORDS, team_words),
        gated("team", r"""\b(?:is|would\s+be|are|'s)\s+the\s+(?:best|right)\s+(?:team|people
                 |department|place)\s+to\b""", words_of("best right")),
        gated("link", r"""\b(?:can|may|could)\s+be\s+(?:reached|contacted)\b
                 |\b(?:support|contact)\s+(?:channels|options)\b""",
              words_of("reached contacted channels options")),
        # --- anywhere else, through a link ------------------------------------------------
        gated("link", r"""\b(?:contact|reach\s+out\s+to|reach|get\s+in\s+touch\s+with|write\s+to
                 |message)(?:ing)?\s+(?:us|them)\b(?=[^.!?]{0,50}?(?:https?://|www\.|\b(?:via
                 |using|through)\s+the\s+link\b|\bthe\s+link\s+(?:below|above|sent|provided
                 |in)\b))""",
              words_of("contact reach get write message"), words_of("us them"), _LINK_WORDS),
        gated("link", rf"{_GO_TO_LINK}(?=[^.!?]{{0,80}}?{_PURPOSE})"
                      rf"|{_PURPOSE}[^.!?]{{0,60}}?{_GO_TO_LINK}",
              words_of("reach go head visit use click follow access"),
              _LINK_WORDS | words_of("here website"),
              # Both alternatives hold `_GO_TO_LINK`, which is rare; the lookahead over the
              # next 80 characters is slow.
              contains=_GO_TO_LINK),
    )


_TEAM_LINK_WORDS = ("here", "at", "via", "through", "using")


def _by_start_longest(found: tuple[int, int, str]) -> tuple[int, int]:
    return found[0], -found[1]


def _may_end_a_team_link(before_link: str) -> bool:
    """False when the words before a link cannot end as `_team_then_link` needs: with
    ":", ">", "-", "–", "&gt;" or one of `_TEAM_LINK_WORDS`. Spares most links its search."""
    tail = before_link.rstrip()
    if not tail:
        return False
    last = tail[-1]
    if last in ":>-\u2013;":
        return True
    if not before_link.isascii():
        return last.isalpha()  # "İ" matches "i" under IGNORECASE, not once lower-cased
    return tail[-7:].lower().endswith(_TEAM_LINK_WORDS)


class ChannelSwitch(Rule):
    """
    ## What it does
    Finds replies that ask the customer to go to another medium and explain their problem
    again there: a phone line, email, a web form or ticket, live chat, a store or counter,
    another company, or another support account. A DM on the same platform is not a switch,
    nor is a self-help article that answers the question, a form that *is* the answer to
    what the customer asked ("how do I report this?"), or the company contacting the
    customer ("our billing team will email you today").

    ## Why is this bad?
    The customer already explained the problem once, in public, where they chose to ask.
    Sending them elsewhere makes them queue and explain again, and the thread ends with no
    answer for anyone reading it. Solve it here, move to DM, or hand it over yourself.

    ## Example
    ```
    Please send us an email at help.example.com/contact and we will assist. ^JS
    ```

    ## Use instead
    ```
    Sorry the texture pack won't load! Please DM us the email on your account and we'll
    fix the purchase from here. ^JS
    ```
    """

    code = "DFL002"
    name = "channel-switch"
    summary = "The reply sends the customer to another channel (phone, email, form, chat, store)."
    label = "channel_switch"
    uses = ()
    bad_examples = (
        Example("Please send us an email at https://help.example.com/requests and we will "
                "assist. ^JS"),
        Example("We would be happy to look into that. Please submit a ticket here: "
                "https://support.example.com/tickets *MM"),
        Example("Sorry for the trouble. Please visit your nearest store for further "
                "assistance. Regards, Priya"),
        Example("Give us a call at 1-800-555-0142 and we'll sort it out."),
        Example("That needs our billing team, please contact them via live chat on our site."),
    )
    good_examples = (
        Example("Sorry about that! DM us your order number and we'll check it. ^JD"),
        Example("You can reset it from Settings > Account; the steps are here: "
                "https://help.example.com/reset Let us know how it goes!"),
        Example("I've passed this to our billing team, who will email you today. ^AB"),
        Example("You can report the account here: https://example.com/report",
                customer="How do I report a fake account?"),
        Example("Yes! Live chat is open on our help page from 8am to 6pm.",
                customer="Do you guys have a live chat?"),
        Example("Apologies, when did you last visit the store? I'll look into this. Steven"),
    )

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        compile_all()
        self._patterns = GateTable(_build_patterns())
        not_places = data()["switch"]["not_places"]
        self._not_place = re.compile(phrase_pattern(not_places), re.IGNORECASE)
        team = phrase_pattern(data()["switch"]["team_nouns"])
        # Searched only in the few words before each link, anchored at the link.
        self._team_then_link = re.compile(
            rf"\b{team}(?:\s*(?:here|at|via|through|using|on)?\s*(?:[:>\-\u2013]|&gt;)+"
            rf"|\s+(?:here|at|via|through|using)\s*:?)\s*$", re.IGNORECASE)
        self._team_lead = lead_pattern(self._team_then_link)
        # Every `_team_then_link` match holds a team noun as a whole letter run.
        self._team_words = words_of(*data()["switch"]["team_nouns"])

    def check(self, reply: Reply) -> Iterable[Finding]:
        # A plain function, not a generator: most replies return at the first test.
        text = reply.text
        switches = self._switches(text, reply.lower, reply.framing.body_start)
        if not switches:
            return ()
        asked = requested_channels(reply.customer)
        if "any" in asked:
            return ()  # "who can I talk to?": pointing them somewhere is the answer
        findings = []
        reported: set[tuple[int, int]] = set()
        for start, end, kind in switches:
            if kind in asked:
                continue
            sentence = sentence_at(text, start)
            if sentence in reported:
                continue
            reported.add(sentence)
            findings.append(Finding(start, end, self._message(kind)))
        return findings

    def _switches(self, text: str, lower: str, body_start: int) -> list[tuple[int, int, str]]:
        # The reply's words as the shared, cached set: a set test reads the hashes stored in
        # the set's own table, where a tuple of letter runs would visit every string.
        words = word_set(text)
        found = [(s.start, s.end, "phone") for s in phone_lines(text, lower, body_start)]
        aligned = aligned_lower(text, lower)
        patterns = self._patterns.applying(words, aligned is not None)
        if patterns:
            handle_in_body = text.find("@", body_start) >= 0
            for pattern in patterns:
                if pattern.kind == "account" and not handle_in_body:
                    continue
                for match in pattern.finditer(text, aligned, body_start):
                    start, end = match.span()
                    if end <= start or self._excluded(pattern, text, start, end):
                        continue
                    found.append((start, end, pattern.kind))
        # No team noun in the reply: no team can come straight before a link. (The letter
        # runs show every team noun only where `aligned_lower` holds.)
        if aligned is None or not self._team_words.isdisjoint(words):
            found += self._teams_before_links(text, lower, body_start)
        if len(found) > 1:
            found.sort(key=_by_start_longest)
        return found

    def _teams_before_links(self, text: str, lower: str,
                            body_start: int) -> list[tuple[int, int, str]]:
        """"...our Account Security team here: https://...": a team, then straight its link."""
        found = []
        links = link_spans(text, lower)
        aligned = aligned_lower(text, lower) if links else None
        for link_start, _ in links:
            if link_start <= body_start:
                continue
            window_start = max(body_start, link_start - 60)
            if not _may_end_a_team_link(text[window_start:link_start]):
                continue
            # The first match, as `self._team_then_link.search(...)` would find it.
            match = next(matches_from(self._team_then_link, self._team_lead, text, aligned,
                                      window_start, link_start), None)
            if match and _SELF_HELP_BEFORE.search(text, max(0, match.start() - 15),
                                                  match.start()):
                continue
            if match and not _DM.search(text, *sentence_at(text, match.start())):
                found.append((match.start(), match.end(), "team"))
        return found

    def _excluded(self, pattern: Gated, text: str, start: int, end: int) -> bool:
        if _THANKS_FOR.search(text, max(0, start - 12), start):
            return True  # "thanks for reaching out to us", "by contacting us"
        if pattern.agent_check and is_agent_action(text, start):
            return True
        if pattern.past_check and is_past_question(text, start):
            return True
        if is_not_sent(text, start):
            return True  # "no need to visit a store", "sorry you had to email us twice"
        if pattern.kind == "chat" and _CHAT_NOT_OFFERED.match(text, end):
            return True
        if pattern.kind == "place" and self._not_place.search(text, start, min(len(text), end + 4)):
            return True
        if pattern.kind not in _EXPLICIT_KINDS:
            s_start, s_end = sentence_at(text, start)
            if _DM.search(text, s_start, s_end):
                return True
        return False

    @staticmethod
    def _message(kind: str) -> str:
        channel = _CHANNEL_NAMES[kind]
        return (f"Sends the customer to {channel} to explain the problem again: help here or "
                "in DM, or hand the case over yourself (\"I've asked our billing team to email "
                "you today\").")
