"""Intent view: what a question asks, without how it was wrapped.

Customers wrap the same request in greetings, address forms ("admin", 客服, แอดมิน),
politeness particles (ครับ, 呢), apologies, urgency, channel chatter ("sent from my iPhone"),
sign-offs and personal data ("contact me at <PHONE>"). Left in, the wrapper drives grouping:
every "แอดมินคะ ... ขอบคุณล่วงหน้าค่ะ" ends in one group, every "my e-mail is <EMAIL>" in
another. Everything that groups (embedding, the lexical re-rank, keywords) therefore reads the
*intent view* of a question; what people see (representative question, examples, drafts) stays
the customer's own masked words.

How a view is made:

1. A trailing signature ("--" / "——" lines), a last bracketed channel note ("(via LINE)") and a
   Thai "my name is ..." are set aside; the rest is cut into clauses at sentence punctuation,
   commas and line breaks (not inside "3.5", "8:10" or "12/11") and, in Thai, written without
   punctuation, at the spaces between its sentences.
2. Each clause is tokenised (jieba for Chinese, pythainlp for Thai, words elsewhere) and wrapper
   phrases are stripped from both of its edges, longest first, over and over; politeness
   particles go wherever they stand; masks and ids (5+ digits) are never content.
3. A clause goes when nothing is left, when it is a whole-clause wrapper ("ok", "好的"), or
   when it only states a contact detail or an id ("my number is <PHONE>", "訂單編號 <ORDER_ID>").
4. Some clauses are *removable*: they go only when another clause of the message still asks
   something, so these rules can trim a message but never silence it: a clause opened by a
   wrapper ("sorry for the long message", "sent via Messenger", "祝生活愉快"), one naming the
   writer, a detail beside a mask ("call back on <PHONE>"), and what the export taught.
5. What is kept is joined with the punctuation that followed it: a message with nothing to take
   away reads exactly as written. A message with no content left asks nothing ("ok", "thanks",
   "hello?"): a non-question, counted apart from the issues.

Three kinds of knowledge feed it:

- Curated phrase lists per language (``kbgen/intent/data/wrappers.txt``), written by us.
- What the export's own counts teach (:meth:`IntentModel.learn`):

  * *Edge words*: a word that stands at the first or last two positions of longer messages far
    more often than chance, set off by punctuation at least sometimes, next to many different
    words, in messages about unrelated things ("bro", "ครับผม", a brand's bot signature).
  * *Wrapper clauses*: a clause that recurs across many messages, at their edges, nearly always
    beside another clause, far more often than the clauses it stands beside, and beside
    questions about unrelated things (the constant part of "question + sign-off" is the
    sign-off; "I lost my phone" beside "what do I do" is not).

- What the clauses *mean* (:meth:`IntentModel.recognise`): a short clause whose embedding is
  close to a curated wrapper phrase in any language is one, so misspelt and unlisted wrappers
  ("Hi thee", "thank yu admin", "打扰啦", "盼速回") are found too.

Question words ("how", 吗, ไหม) are never learned as wrappers: removing them could merge
"how do I" with "why can't I".

Modules: ``clauses.py`` (clauses and their tokens), ``curated.py`` (our lists: wrappers,
question words, names), ``strip.py`` (wrappers off a message and a clause), ``learn.py`` (what
the export teaches, what clauses mean), ``view.py`` (``View`` and ``IntentModel``). ``lang.py``
(which language, words per script) and ``stopwords.py`` serve the later stages too.
"""

from kbgen.intent.clauses import Token, clause_spans, split_clauses, tokens
from kbgen.intent.curated import Lexicon, lexicon, prototypes
from kbgen.intent.view import IntentModel, View

__all__ = [
    "IntentModel",
    "Lexicon",
    "Token",
    "View",
    "clause_spans",
    "lexicon",
    "prototypes",
    "split_clauses",
    "tokens",
]
