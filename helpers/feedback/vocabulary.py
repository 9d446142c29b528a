"""The words the rules look for: one compiled pattern per idea, named for what it finds.

Each pattern matches at the start of a word and ignores case, so ``recycl`` finds "recycling"
and "Recycled". Add a word to the pattern, not to a rule, and every rule that looks for the
idea finds it.
"""

from __future__ import annotations

import functools
import re
from string import ascii_lowercase

GIBBS_STAGE_NAMES = (
    "description",
    "feelings",
    "evaluation",
    "analysis",
    "conclusion",
    "action_plan",
)


plain_matching = False
"""Tests set this to try every pattern the plain way (ignoring case), to compare results."""


@functools.cache
def _folds_plainly(char: str) -> bool:
    """Whether lower-casing ``char`` keeps every match of a lower-case pattern that ignores case:
    one character, as much a word character as before, and not one that ignoring case pairs
    with an ASCII letter (the Kelvin sign with k, the long s with s)."""
    if char.isascii():
        return True
    lower = char.lower()
    if len(lower) != 1 or lower.isascii():
        return False
    if bool(_WORD_CHAR.match(char)) != bool(_WORD_CHAR.match(lower)):
        return False
    if re.fullmatch("[a-z]", char, re.IGNORECASE):
        return False
    return not any(re.fullmatch(letter, char, re.IGNORECASE) for letter in ascii_lowercase)


_WORD_CHAR = re.compile(r"\w")


@functools.lru_cache(maxsize=512)  # the rules ask about the same few texts again and again
def _folded(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` when a match ignoring case could differ on it."""
    if text.isascii() or all(_folds_plainly(c) for c in set(text)):
        return text.lower()
    return None


class Words:
    """A pattern that ignores case, with :meth:`search` as :meth:`re.Pattern.search` gives it.

    Python's regular expressions are several times slower when they ignore case, and the rules
    search every learner's text dozens of times: when lower-casing the text cannot change a
    match (nearly always), the search runs case-sensitively on the lower-cased text, and only a
    match found there is taken again from the text itself (same place, same words).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.blind = re.compile(pattern, flags | re.IGNORECASE)
        self.pattern = pattern
        # Only a pattern whose letters are all lower case (escapes aside) can look at lower-case
        # text instead: "\W" and "\b" are escapes, "[A-Z]" would not be.
        letters = re.sub(r"\\.", "", pattern)
        lower = letters == letters.lower()
        self.exact = re.compile(pattern, flags & ~re.IGNORECASE) if lower else None

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, ignoring case (as ``re.search(..., re.IGNORECASE)``)."""
        folded = None if plain_matching or self.exact is None else _folded(text)
        if folded is None or self.exact is None:
            return self.blind.search(text)
        found = self.exact.search(folded)
        return None if found is None else self.blind.match(text, found.start())

    def __repr__(self) -> str:
        return f"Words({self.pattern!r})"


Pattern = Words | re.Pattern[str]
"""What the rules search text with: a :class:`Words` or a plain compiled pattern."""


def words(pattern: str) -> Words:
    """``pattern`` (alternatives joined by ``|``) matched at the start of a word, any case."""
    return Words(rf"\b(?:{pattern})")


PHYSICAL = words(
    r"paper|print|letters?\b|post(?:ed|age|al)?\b|envelope|leaflet|brochure|face[- ]to[- ]face|"
    r"branch|counter|shop|stor(?:e|es)\b|office|visit|van|car\b|cars\b|travel|mileage|bills?\b|"
    r"reams?\b|in person"
)
DIGITAL = words(
    r"e-?mails?|live chat|chat|web ?chat|website|online|digital|app\b|apps\b|sms|text message|"
    r"video|teams call|zoom|social media|portal|e-?signature|paperless|server|cloud|data centre|"
    r"phone|telephone|calls?\b|voip"
)
ENERGY = words(r"energy|electricity|kwh|gas\b|power|heating|fuel|petrol|diesel")
WASTE = words(r"waste|landfill|recycl|rubbish|bin\b|bins\b|dispos")
RESOURCES = words(r"resource|paper|water|ream|toner|ink|material|plastic|envelope")
CUSTOMER = words(r"customer|client|caller|account holder|bill payer|public")
NUMBER = re.compile(r"\d")
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|per ?cent|kg|kwh|t\b|tonnes?|co2|km|sheets|reams|£)?")
CLAIM = words(
    r"improved|reduc|cut\b|cuts\b|fell|falls?\b|fallen|lowered|decreas|increas|rose|rises?\b|"
    r"risen|saved|saves\b|halv|dropped|drops?\b|went (?:up|down)|better than|worse than|"
    r"fewer|grew|grown|much better|much worse"
)
# A figure written in words: "halved", "a quarter", "doubled", "twice as many".
FIGURE_WORDS = words(
    r"half|halv|third|quarter|double|doubled|twice|treble|tripl|ten times|none\b|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand)\b"
)
# A plan or an intention ("I will ...", "We plan to ..."): not a claim that something changed.
PLAN = Words(
    r"^\W*(?:(?:next|then|in the next \w+|after that|this month|next month|next week|"
    r"next time|in \w+)\W+)?(?:i|we|my team|the team)\s+(?:will|'ll|shall|plan|intend|am going|"
    r"are going|aim|want|would like|hope)\b|^\W*(?:i|we)'ll\b|^\W*my next step\b",
    re.IGNORECASE,
)
# A caveat about a change: doubt about its cause or size, not a claim that needs a figure.
CAVEAT = words(
    r"may (?:be|also|simply|not|explain|reflect)|might (?:be|also|not|reflect)|"
    r"could (?:also be|be (?:a |due|down|because|seasonal|partly)|reflect)|partly|seasonal|"
    r"coinciden|other factors|cannot be sure|can't be sure|not sure|too early|however|although|"
    r"small sample|sample of months|is small|not (?:only|just|all) (?:due|because|down)|"
    r"down to the change alone|alone"
)
# Narrative about people, feelings and learning: a change no one would put a figure on.
NARRATIVE = words(
    r"i felt|felt|feel|confiden|nervous|morale|relationship|went (?:down )?well|enjoy|"
    r"learn(?:ed|t)|keen|proud|worried"
)
ENVIRONMENTAL = words(
    r"carbon|co2|co₂|emission|greenhouse|climate|energy|kwh|waste|paper|landfill|tree|"
    r"pollut|environment|fuel|water|recycl|footprint|resource"
)
MONEY = words(r"cost|money|cheap|£|budget|spend|saving|profit|expens")
ONGOING = words(
    r"ongoing|again|every (?:month|week|quarter)|monthly|weekly|quarterly|next review|"
    r"second review|keep (?:checking|monitoring|measuring)|continu|regular|each month|review (?:it|this) in"
)
ONE_OFF = words(r"one[- ]off|just once|only once|finished|no need to (?:check|monitor)|job done")
RECEPTION = words(
    r"survey|feedback|respon|repl(?:y|ied|ies)|attend|comment|poll|question(?:naire)?|"
    r"sign[- ]?ups?|opened|clicks?|awareness|said|told|voted|score"
)
SERVICE_OUTCOME = words(
    r"satisfaction|csat|complaint|first[- ]contact|resolution|response time|wait|nps|"
    r"net promoter|service level|sla|customer experience|effort"
)
BRAND = words(r"logo|brand|image|colours?|slogan|advert")
EXPERIENCE = words(
    r"experience|journey|service|help|resolv|satisf|complain|listen|wait|need|support"
)
LAW = words(
    r"gdpr|general data protection|data protection act|uk gdpr|consumer rights act|"
    r"equality act|environmental protection act|consumer protection|ofgem|ofcom|fca\b|"
    r"pecr|privacy and electronic|health and safety|climate change act|waste regulations?|"
    r"legislation|\blaw\b|regulation|standards of conduct|licence condition"
)
POLICY = words(
    r"policy|policies|procedure|code of (?:practice|conduct)|iso ?\d+|iso 14001|iso 9001|"
    r"customer service excellence|charter|standard"
)
CONSEQUENCE = words(
    r"fine|fined|penalt|ico\b|information commissioner|enforce|prosecut|compensat|refund|"
    r"reputation|trust|tribunal|court|sanction|complain|lose|loss|damage|redress|ombudsman|"
    r"breach|sued|legal action|disciplinar"
)
IMPACT = words(
    r"impact|effect|result|led to|because of|so that|fell|rose|reduc|improv|increas|decreas|"
    r"changed|difference|outcome|saved"
)
STAKEHOLDERS = words(r"team|colleague|manager|staff|customer|supervisor|stakeholder|agents?\b")
DATA_SOURCE = words(
    r"data|survey|feedback|complaints? log|csat|kpi|figures|report|dashboard|comments?|"
    r"monthly_operations|spreadsheet|records?"
)
FEEDBACK_WORDS = words(r"comment|feedback|said|told|quote|complain|survey|customers? (?:felt|say)")
NEXT_CYCLE = words(
    r"next cycle|next time|next step|next round|cycle 2|second cycle|then we|again|continu"
)
SUPPORT = words(
    r"support|coach|care|wellbeing|well-being|help|beside|mentor|check-in|one-to-one|1:1"
)
ROLE = words(
    r"role|responsib|expect|job|duty|duties|accountab|advis|department|manager|leader|"
    r"team\b|teams\b|what they do"
)
DATE = Words(
    r"\b(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -]?(?:\d{2,4})?|"
    r"week|month|quarter|year|by (?:the )?end)",
    re.IGNORECASE,
)

# -- notebook 03's green claims and notebook 04's seed topics (helpers/feedback/service_checks.py)
# What a customer expects or feels at a moment of truth.
EXPECTATION = words(
    r"expect|want|hope|need|trust|worr|upset|reassur|feel|felt|first impression|judge|"
    r"view of|opinion|confiden|disappoint|pleased|happy"
)
# A team, department or supplier (for "which team shapes the moment").
TEAM = words(
    r"team|department|billing|metering|finance|\bit\b|i\.t\.|back office|warehouse|"
    r"engineer|supplier|contractor|dispatch|delivery|collections|payroll|complaints|"
    r"contact centre|call centre|front line|frontline|branch|advis|manager|staff"
)
# How the learner knows customers stay: keeping, returning, recommending, or a figure.
KEEPING = words(
    r"loyal|retain|retention|stay|stayed|come back|came back|return|renew|recommend|"
    r"leav|left\b|churn|switch|repeat custom|nps|net promoter"
)
# Kinds of customer data a team records.
CUSTOMER_DATA = words(
    r"name|address|e-?mail|phone|number|account|date of birth|bank|payment|card|"
    r"history|notes?\b|preferen|contact details|meter|vulnerab|needs|personal data|records?"
)
# Ethical, lawful handling of customer data.
DATA_CARE = words(
    r"consent|permission|only (?:what|the data|the details|record|keep|ask)|minim|"
    r"need(?:ed|s)? (?:it|to)|purpose|reason|accura|up to date|correct|check|secur|password|"
    r"lock|access|encrypt|delet|remov|retention period|how long|privacy|gdpr|data protection|"
    r"never shar|not shar|share (?:it )?only"
)
# A service level agreement's two parties are not "the customer" alone.
PARTY = words(
    r"team|department|supplier|contractor|partner|centre|provider|company|organisation|"
    r"metering|billing|finance|\bit\b|i\.t\.|outsourc|agency|council|business|firm"
)
TIME_UNIT = words(r"second|minute|hour|day|week|month|same day|next day|working day")
HOW_OFTEN = words(
    r"daily|every (?:day|week|month|shift|quarter)|each (?:day|week|month|shift|quarter)|weekly|"
    r"fortnight|monthly|quarter|yearly|annual|real[- ]time|dashboard"
)
# Active listening: letting the customer finish, noting, summing up, checking understanding.
LISTENING = words(
    r"summar|sum up|sum it up|repeat|paraphras|reflect back|check (?:i|we)|check (?:that|it)|"
    r"confirm|let (?:her|him|them|the customer) (?:finish|speak|talk|explain)|not interrupt|"
    r"without interrupt|note|nod|eye contact|is that right"
)
# Adapting style to the customer and the channel.
STYLE = words(
    r"tone|pace|slow|calm|plain|simple|short|brief|detail|formal|informal|words?\b|jargon|"
    r"body language|reassur|adapt|match|exact|dates?\b"
)
# Who a complaint goes to when it is escalated.
ESCALATE_TO = words(
    r"team leader|supervisor|manager|complaints? team|specialist|senior|billing team|"
    r"ombudsman|resolutions? team|customer relations|escalation team|second line"
)
# What the customer is told happens next, and when.
NEXT_STEP = words(
    r"by (?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|the end|\d)|within|"
    r"today|tomorrow|hours?\b|days?\b|week|call (?:her |him |them )?back|"
    r"ring (?:her |him |them )?back|update|keep (?:her|him|them) (?:informed|updated)|"
    r"what happens next|next step"
)
# Proof behind a green claim: figures or a named record.
PROOF = words(
    r"\d|source|data|survey|measured|meter|report|figures?|records?|invoice|readings?|"
    r"count|log\b|audit|certif"
)
# Absolute green claims that need proof over the whole life of the service.
ABSOLUTE_CLAIM = words(
    r"carbon[- ]neutral|net[- ]zero|zero[- ]carbon|carbon[- ]free|climate[- ]neutral|"
    r"100 ?% (?:green|sustainable|eco)|no impact|zero waste|save the planet|planet[- ]friendly"
)
WHOLE_LIFE = words(
    r"whole life|life ?cycle|lifecycle|devices?|data cent|servers?|offset|verified|certif|"
    r"independent|scope [123]"
)

# -- notebook 06's friendly competition (checks.weighs_competition)
# A risk of comparing people: pressure, gaming the measure, blame, and their near relatives.
COMPETITION_RISK = words(
    r"pressur|stress|anxi|ashamed|shame|embarrass|demotivat|discourag|upset|hurt|"
    r"gam(?:e|es|ed|ing)\b|cheat|chas(?:e|ing) (?:the|a) (?:number|figure|score|target)|rush|"
    r"cut(?:ting)? corners|close (?:a |the )?(?:case|call)s? (?:early|before|too)|blame|resent|"
    r"rival|jealous|unfair|turn (?:people |us |them |colleagues )?against|divid|burn ?out|"
    r"off sick|quit|bottom of|last place|league table|name and shame|fall out|conflict|toxic|"
    r"losers?\b|left behind|feel (?:bad|worse|useless|judged)"
)
# A reason given for a choice.
REASON = words(
    r"because|since\b|so that|so (?:nobody|no one|people|everyone|the team|we|it|they)\b|"
    r"that is why|that's why|which is why|the reason|which means|this means|otherwise|"
    r"in order to|to (?:avoid|keep|stop|prevent|protect|make sure)\b|due to|given that|"
    r"as (?:it|this|that|people|we|they|the team)\b"
)
